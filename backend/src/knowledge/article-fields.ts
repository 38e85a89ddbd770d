// An article's structured fields as read back (defaults filled in), and flattened into Polish text so search finds
// a scope point, a document, a fee or an opening hour as it finds the body (SearchDocument.fieldsText).
import { ARTICLE_FIELD_SCHEMAS, type ArticleFields, type ArticleType } from '@kck/contracts';

/** Stored fields with the type's defaults filled in; rows written before fields existed (`{}`) are kept as they are. */
export function normaliseFields(type: ArticleType, fields: unknown): ArticleFields {
  const parsed = ARTICLE_FIELD_SCHEMAS[type].safeParse(fields ?? {});
  return (parsed.success ? parsed.data : (fields ?? {})) as ArticleFields;
}

const WARSAW_DATE_TIME = new Intl.DateTimeFormat('pl-PL', {
  timeZone: 'Europe/Warsaw',
  dateStyle: 'long',
  timeStyle: 'short',
});

const line = (label: string, value: string | null | undefined) => (value?.trim() ? `${label}: ${value.trim()}` : '');
const list = (label: string, items: string[] | undefined, numbered = false) =>
  items && items.some((i) => i.trim())
    ? `${label}:\n${items
        .filter((i) => i.trim())
        .map((item, index) => (numbered ? `${index + 1}. ${item.trim()}` : `- ${item.trim()}`))
        .join('\n')}`
    : '';

function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : WARSAW_DATE_TIME.format(date);
}

/** Every string in a value whose shape we do not know (fields written before they were checked). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function byType(type: ArticleType, fields: ArticleFields): string[] {
  switch (type) {
    case 'service_card': {
      const f = fields as ArticleFields<'service_card'>;
      return [
        line('Cel', f.purpose),
        line('Kto może złożyć wniosek', f.whoMayApply),
        line('Gdzie i kiedy', f.whereAndWhen),
        list('Wymagane dokumenty', f.documents),
        line('Opłaty', f.fees),
        line('Terminy', f.deadlines),
        line('Podstawa prawna', f.legalBasis),
        list(
          'Linki',
          f.links.map((l) => l.label),
        ),
        f.epuapUrl ? 'Sprawę można załatwić przez internet (ePUAP)' : '',
      ];
    }
    case 'unit_scope': {
      const f = fields as ArticleFields<'unit_scope'>;
      return [
        list('Zakres działania', f.scope, true),
        line('Godziny otwarcia', f.openingHours),
        line('Adres', f.address),
        line('Telefon', f.phone),
        line('E-mail', f.email),
      ];
    }
    case 'event': {
      const f = fields as ArticleFields<'event'>;
      return [
        line('Początek', dateTime(f.startsAt)),
        line('Koniec', dateTime(f.endsAt)),
        line('Miejsce', f.place),
        line('Organizator', f.organiser),
      ];
    }
    case 'election': {
      const f = fields as ArticleFields<'election'>;
      return [
        line('Data wyborów', f.electionDate),
        line('Rodzaj wyborów', f.kind),
        list('Ważne terminy', f.keyDates),
        line('Gdzie głosować', f.whereToVote),
      ];
    }
    case 'procedure': {
      const f = fields as ArticleFields<'procedure'>;
      return [line('Kiedy stosować', f.appliesWhen), list('Kroki', f.steps, true)];
    }
  }
}

/** Searchable Polish text of an article's structured fields; empty when it has none. */
export function articleFieldsText(type: ArticleType, fields: unknown): string {
  const schema = ARTICLE_FIELD_SCHEMAS[type];
  const parsed = schema?.safeParse(fields ?? {});
  const parts = parsed?.success ? byType(type, parsed.data as ArticleFields) : strings(fields);
  return parts.filter(Boolean).join('\n');
}
