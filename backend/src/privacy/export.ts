// The answer to an access request (RODO art. 15): everything the data map finds about the person, as JSON grouped
// by kind of record, and the same as a printable Polish page to send with the office's letter.
import type { DataSource } from 'typeorm';
import type { PrivacyCounts } from '@kck/contracts';
import { PERSONAL_DATA, RETENTION_OF } from './data-map.ts';
import type { FoundPerson } from './finder.ts';

export interface PersonalDataExport {
  generatedAt: string;
  request: { id: string; kind: string; receivedAt: string; identifierMasked: string };
  counts: PrivacyCounts;
  /** Per data-map entry: its Polish heading and the rows found (context columns and personal columns). */
  groups: { key: string; label: string; retention: string; rows: Record<string, unknown>[] }[];
  /** Which consent or information text each submission was given under. */
  consents: { ticketNumber: string | null; channel: string; version: string; at: string | null }[];
  purposes: string;
}

const PURPOSES =
  'Dane przetwarzamy w celu przyjęcia i załatwienia zgłoszeń mieszkańców oraz udzielania informacji (art. 6 ust. 1 ' +
  'lit. e RODO w związku z zadaniami gminy), a adres e-mail podany w formularzu – na podstawie zgody (art. 6 ust. 1 ' +
  'lit. a RODO). Odbiorcami są jednostki miejskie właściwe dla sprawy.';

function ownersOf(found: FoundPerson, owner: 'ticket' | 'call' | 'mail'): string[] {
  return owner === 'ticket' ? found.tickets : owner === 'call' ? found.calls : found.mails;
}

export async function buildExport(
  db: DataSource,
  found: FoundPerson,
  counts: PrivacyCounts,
  request: PersonalDataExport['request'],
): Promise<PersonalDataExport> {
  const groups: PersonalDataExport['groups'] = [];
  for (const entry of PERSONAL_DATA) {
    const ids = ownersOf(found, entry.owner);
    if (ids.length === 0) continue;
    const columns = [...new Set([...entry.context, ...entry.fields.map((f) => f.column)])];
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT ${columns.join(', ')} FROM ${entry.table} WHERE ${entry.where}`,
      [ids],
    );
    if (rows.length > 0)
      groups.push({ key: entry.key, label: entry.labelPl, retention: RETENTION_OF[entry.owner], rows });
  }
  const consents: { ticketNumber: string | null; channel: string; version: string; at: Date | null }[] = await db.query(
    `SELECT t.number AS "ticketNumber", t.channel, s.consent_version AS version, s.consented_at AS at
         FROM public_submission s JOIN ticket t ON t.id = s.ticket_id
        WHERE s.ticket_id = ANY($1::uuid[]) AND s.consent_version IS NOT NULL
       UNION ALL
       SELECT t.number, t.channel, o.consent_version, o.consented_at
         FROM open311_request o JOIN ticket t ON t.id = o.ticket_id
        WHERE o.ticket_id = ANY($1::uuid[]) AND o.consent_version IS NOT NULL`,
    [found.tickets],
  );
  return {
    generatedAt: new Date().toISOString(),
    request,
    counts,
    groups,
    consents: consents.map((c) => ({ ...c, at: c.at?.toISOString() ?? null })),
    purposes: PURPOSES,
  };
}

const escape = (value: unknown): string =>
  String(
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object' && value !== null
        ? JSON.stringify(value)
        : (value ?? '—'),
  )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** A self-contained page (no scripts, no outside resources) the admin prints or saves as PDF. */
export function exportHtml(data: PersonalDataExport): string {
  const sections = data.groups
    .map((group) => {
      const columns = Object.keys(group.rows[0] ?? {});
      const head = columns.map((c) => `<th scope="col">${escape(c)}</th>`).join('');
      const body = group.rows
        .map((row) => `<tr>${columns.map((c) => `<td>${escape(row[c])}</td>`).join('')}</tr>`)
        .join('\n');
      return `<section><h2>${escape(group.label)}</h2>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></section>`;
    })
    .join('\n');
  const consents = data.consents.length
    ? `<ul>${data.consents
        .map(
          (c) =>
            `<li>${escape(c.ticketNumber)} (${escape(c.channel)}): wersja ${escape(c.version)}, ${escape(c.at)}</li>`,
        )
        .join('')}</ul>`
    : '<p>Brak zapisanych zgód.</p>';
  return `<!doctype html>
<html lang="pl"><head><meta charset="utf-8">
<title>Informacja o przetwarzanych danych osobowych</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #111; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; font-size: 0.85rem; }
th, td { border: 1px solid #666; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
@media print { body { margin: 0; } section { break-inside: avoid; } }
</style></head>
<body>
<main>
<h1>Informacja o przetwarzanych danych osobowych (art. 15 RODO)</h1>
<p>Wniosek z dnia ${escape(data.request.receivedAt.slice(0, 10))}, dotyczy: ${escape(data.request.identifierMasked)}.
Zestawienie sporządzono ${escape(data.generatedAt.slice(0, 10))}.</p>
<p>Administrator: Gmina Miejska Kraków – Urząd Miasta Krakowa, pl. Wszystkich Świętych 3-4, 31-004 Kraków.</p>
<h2>Cel i podstawa przetwarzania</h2>
<p>${escape(data.purposes)}</p>
<h2>Zgody i klauzule informacyjne</h2>
${consents}
${sections || '<p>Nie znaleziono danych.</p>'}
<h2>Okres przechowywania</h2>
<p>Dane zgłoszeń przechowujemy przez okres wskazany w polityce retencji (domyślnie 5 lat od zamknięcia sprawy),
a następnie anonimizujemy je, zachowując jedynie dane statystyczne.</p>
<p>Przysługuje Pani/Panu prawo do sprostowania, usunięcia lub ograniczenia przetwarzania danych oraz prawo wniesienia
skargi do Prezesa Urzędu Ochrony Danych Osobowych.</p>
</main>
</body></html>`;
}
