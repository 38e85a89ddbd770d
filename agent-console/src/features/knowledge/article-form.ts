// The article form as the editor holds it (strings; lists one item per line) and its conversion to the
// create / update requests, checked with the contracts' own zod schemas before anything is sent.
import {
  ARTICLE_FIELD_SCHEMAS,
  createArticleRequest,
  updateArticleRequest,
  type ArticleDto,
  type ArticleType,
  type CreateArticleRequest,
  type FieldError,
  type UpdateArticleRequest,
} from '@kck/contracts';
import { fieldErrorsFromIssues } from '../../components/field-errors';

/** How one structured field is edited: a line, a paragraph, one item per line, links, an address, a date. */
export type FieldKind = 'text' | 'long' | 'list' | 'links' | 'url' | 'datetime' | 'date';

export interface FieldDef {
  name: string;
  kind: FieldKind;
  required?: boolean;
}

export const FIELD_DEFS: Record<ArticleType, readonly FieldDef[]> = {
  service_card: [
    { name: 'purpose', kind: 'long' },
    { name: 'whoMayApply', kind: 'long' },
    { name: 'whereAndWhen', kind: 'long' },
    { name: 'documents', kind: 'list' },
    { name: 'fees', kind: 'long' },
    { name: 'deadlines', kind: 'long' },
    { name: 'legalBasis', kind: 'long' },
    { name: 'links', kind: 'links' },
    { name: 'epuapUrl', kind: 'url' },
  ],
  unit_scope: [
    { name: 'scope', kind: 'list' },
    { name: 'openingHours', kind: 'long' },
    { name: 'address', kind: 'text' },
    { name: 'phone', kind: 'text' },
    { name: 'email', kind: 'text' },
    { name: 'website', kind: 'url' },
  ],
  event: [
    { name: 'startsAt', kind: 'datetime', required: true },
    { name: 'endsAt', kind: 'datetime' },
    { name: 'place', kind: 'text' },
    { name: 'organiser', kind: 'text' },
  ],
  election: [
    { name: 'electionDate', kind: 'date', required: true },
    { name: 'kind', kind: 'text' },
    { name: 'keyDates', kind: 'list' },
    { name: 'whereToVote', kind: 'long' },
  ],
  procedure: [
    { name: 'appliesWhen', kind: 'long' },
    { name: 'steps', kind: 'list' },
  ],
};

export interface ArticleForm {
  type: ArticleType;
  title: string;
  body: string;
  responsibleUnitId: string;
  /** Comma-separated. */
  tags: string;
  validFrom: string;
  validTo: string;
  changeNote: string;
  /** Every structured field as text, by name. */
  fields: Record<string, string>;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO timestamp → the value of an <input type="datetime-local"> in the browser's time zone. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function fieldToText(def: FieldDef, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (def.kind === 'list') return Array.isArray(value) ? value.join('\n') : '';
  if (def.kind === 'links')
    return Array.isArray(value)
      ? (value as { label: string; url: string }[]).map((link) => `${link.label} | ${link.url}`).join('\n')
      : '';
  if (def.kind === 'datetime') return typeof value === 'string' ? toLocalInput(value) : '';
  return typeof value === 'string' ? value : '';
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function textToField(def: FieldDef, text: string): unknown {
  const value = text.trim();
  switch (def.kind) {
    case 'list':
      return lines(text);
    case 'links':
      return lines(text).map((line) => {
        const at = line.lastIndexOf('|');
        return at < 0
          ? { label: line, url: line }
          : { label: line.slice(0, at).trim(), url: line.slice(at + 1).trim() };
      });
    case 'url':
      return value || null;
    case 'datetime': {
      if (!value) return def.required ? '' : null;
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : date.toISOString();
    }
    default:
      return value;
  }
}

export function emptyForm(type: ArticleType = 'service_card'): ArticleForm {
  return {
    type,
    title: '',
    body: '',
    responsibleUnitId: '',
    tags: '',
    validFrom: '',
    validTo: '',
    changeNote: '',
    fields: {},
  };
}

export function formOf(article: ArticleDto): ArticleForm {
  const fields = article.fields as unknown as Record<string, unknown>;
  return {
    type: article.type,
    title: article.title,
    body: article.body,
    responsibleUnitId: article.responsibleUnitId ?? '',
    tags: article.tags.join(', '),
    validFrom: article.validFrom ?? '',
    validTo: article.validTo ?? '',
    changeNote: '',
    fields: Object.fromEntries(FIELD_DEFS[article.type].map((def) => [def.name, fieldToText(def, fields[def.name])])),
  };
}

export function fieldsOf(form: ArticleForm): Record<string, unknown> {
  return Object.fromEntries(
    FIELD_DEFS[form.type].map((def) => [def.name, textToField(def, form.fields[def.name] ?? '')]),
  );
}

const tagsOf = (text: string) =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

type Checked<T> = { ok: true; body: T } | { ok: false; fields: FieldError[] };

export function toCreateRequest(form: ArticleForm): Checked<CreateArticleRequest> {
  const body = {
    type: form.type,
    title: form.title.trim(),
    body: form.body,
    responsibleUnitId: form.responsibleUnitId || null,
    tags: tagsOf(form.tags),
    validFrom: form.validFrom || null,
    validTo: form.validTo || null,
    fields: fieldsOf(form),
  } as CreateArticleRequest;
  const parsed = createArticleRequest.safeParse(body);
  return parsed.success ? { ok: true, body } : { ok: false, fields: fieldErrorsFromIssues(parsed.error.issues) };
}

export function toUpdateRequest(form: ArticleForm, version: number): Checked<UpdateArticleRequest> {
  const fields = fieldsOf(form);
  const body: UpdateArticleRequest = {
    version,
    title: form.title.trim(),
    body: form.body,
    fields,
    responsibleUnitId: form.responsibleUnitId || null,
    tags: tagsOf(form.tags),
    validFrom: form.validFrom || null,
    validTo: form.validTo || null,
    changeNote: form.changeNote.trim() || undefined,
  };
  const parsed = updateArticleRequest.safeParse(body);
  const fieldsParsed = ARTICLE_FIELD_SCHEMAS[form.type].safeParse(fields);
  const problems = [
    ...(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues)),
    ...(fieldsParsed.success
      ? []
      : fieldErrorsFromIssues(
          fieldsParsed.error.issues.map((issue) => ({ ...issue, path: ['fields', ...issue.path] })),
        )),
  ];
  return problems.length ? { ok: false, fields: problems } : { ok: true, body };
}
