// The CSV export of a survey's responses: one row per response, one column per question, streamed page by page
// (keyset on created_at, id) so a large survey never sits in memory. Nothing about the caller goes in it.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import type { SurveyDto, SurveyQuestionDto } from '@kck/contracts';
import { csvLine, UTF8_BOM, type CsvDelimiter } from './csv.ts';
import { responseInPeriod } from './survey-results.ts';
import { getSurvey } from './surveys.service.ts';

const PAGE_SIZE = 500;

interface StoredAnswer {
  o: string[] | null;
  s: number | null;
  t: string | null;
}

interface ResponseRow {
  id: string;
  cursor_at: string;
  local_at: string;
  declined: boolean;
  agent_name: string;
  answers: Record<string, StoredAnswer>;
}

const PAGE_QUERY = `
  SELECT r.id, r.created_at::text AS cursor_at,
         to_char(r.created_at AT TIME ZONE 'Europe/Warsaw', 'YYYY-MM-DD HH24:MI') AS local_at,
         r.declined, u.display_name AS agent_name,
         COALESCE(jsonb_object_agg(a.question_id, jsonb_build_object('o', a.option_ids, 's', a.scale_value, 't', a.text_value))
                    FILTER (WHERE a.question_id IS NOT NULL), '{}') AS answers
    FROM survey_response r
    JOIN app_user u ON u.id = r.agent_id
    LEFT JOIN survey_answer a ON a.response_id = r.id
   WHERE r.survey_id = $1 AND ${responseInPeriod('r.created_at')}
     AND ($4::timestamptz IS NULL OR (r.created_at, r.id) > ($4::timestamptz, $5::uuid))
   GROUP BY r.id, u.display_name
   ORDER BY r.created_at, r.id
   LIMIT ${PAGE_SIZE}`;

function answerCell(question: SurveyQuestionDto, answer: StoredAnswer | undefined): string | number | null {
  if (!answer) return null;
  if (answer.o) return answer.o.map((id) => question.options.find((o) => o.id === id)?.label ?? id).join('; ');
  return answer.s ?? answer.t;
}

async function* csvRows(
  db: DataSource,
  survey: SurveyDto,
  period: { from: string | null; to: string | null },
  delimiter: CsvDelimiter,
): AsyncGenerator<string> {
  const header = ['Data i godzina', 'Konsultant', 'Odmowa', ...survey.questions.map((q) => `${q.position}. ${q.text}`)];
  yield UTF8_BOM + csvLine(header, delimiter);
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const rows: ResponseRow[] = await db.query(PAGE_QUERY, [
      survey.id,
      period.from,
      period.to,
      after?.at ?? null,
      after?.id ?? null,
    ]);
    if (rows.length === 0) return;
    yield rows
      .map((row) =>
        csvLine(
          [
            row.local_at,
            row.agent_name,
            row.declined ? 'tak' : 'nie',
            ...survey.questions.map((q) => answerCell(q, row.answers[q.id])),
          ],
          delimiter,
        ),
      )
      .join('');
    if (rows.length < PAGE_SIZE) return;
    const last = rows[rows.length - 1]!;
    after = { at: last.cursor_at, id: last.id };
  }
}

const fileName = (survey: SurveyDto) => {
  const slug = survey.title
    .toLocaleLowerCase('pl')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `ankieta-${slug || survey.id}.csv`;
};

export async function streamSurveyCsv(
  db: DataSource,
  res: Response,
  id: string,
  query: { from?: string; to?: string; delimiter: 'semicolon' | 'comma' },
): Promise<void> {
  // Read before the first byte: an unknown survey still answers 404 with a JSON body.
  const survey = await getSurvey(db, id);
  res.attachment(fileName(survey));
  res.set({
    'Content-Type': 'text/csv; charset=utf-8',
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.status(200);
  const delimiter: CsvDelimiter = query.delimiter === 'comma' ? ',' : ';';
  await pipeline(
    Readable.from(csvRows(db, survey, { from: query.from ?? null, to: query.to ?? null }, delimiter)),
    res,
  );
}
