// Knowledge-base articles through the API: editors write, review and publish (agents may not, and see only what is
// published), a stale save is a 409, every version is kept with who and when and two can be compared, agents'
// feedback reaches the editors' worklist with expired and long-unreviewed articles, bad input is a 400 that writes
// nothing, and each change leaves one 'article.changed' outbox row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ArticleDiffDto,
  ArticleDto,
  ArticleFeedbackDto,
  ArticleSummaryDto,
  ArticleVersionDto,
  EditorWorklistDto,
  ErrorBody,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { upsertArticleByExternalId, type ArticleUpsert } from '../../backend/src/knowledge/articles.service.ts';

// Other test files share this database: every article here carries this tag in its title.
const RUN = `kat-${Date.now().toString(36)}`;

let backend: TestBackend;
let editor: TestClient;
let admin: TestClient;
let agent: TestClient;
let triage: TestClient;
let unitId = '';

beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
  [editor, admin, agent, triage] = await signedInAll(backend.url, 'redaktor', 'admin', 'agent', 'triage');
  const rows: { id: string }[] = await backend.ctx.db.query(`SELECT id FROM unit WHERE code = 'DK-02'`);
  unitId = rows[0]!.id;
});

afterAll(async () => {
  // Out of agents' way for the rest of the run (search, lists): archived, not deleted.
  await backend?.ctx.db.query(`UPDATE article SET status = 'archived' WHERE title LIKE $1`, [`%${RUN}%`]);
  await backend?.close();
});

const serviceCard = (title: string, extra: Record<string, unknown> = {}) => ({
  type: 'service_card',
  title: `${title} ${RUN}`,
  body: 'Wniosek składa się w urzędzie.\nOpłata wynosi 100 zł.\nTermin: 30 dni.',
  responsibleUnitId: unitId,
  tags: ['dowód', 'wniosek'],
  fields: { purpose: 'Wydanie dowodu osobistego', documents: ['wniosek', 'zdjęcie'], fees: 'bezpłatnie' },
  ...extra,
});

async function create(body: Record<string, unknown>, client = editor): Promise<ArticleDto> {
  const res = await client.post<ArticleDto>('/api/knowledge/articles', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const patch = <T>(client: TestClient, id: string, body: unknown) =>
  client.request<T>('PATCH', `/api/knowledge/articles/${id}`, body);

const move = <T = ArticleDto>(client: TestClient, id: string, to: string, version: number, note?: string) =>
  client.post<T>(`/api/knowledge/articles/${id}/transitions`, { to, version, ...(note ? { note } : {}) });

async function published(title: string, extra: Record<string, unknown> = {}): Promise<ArticleDto> {
  const draft = await create(serviceCard(title, extra));
  const review = await move(editor, draft.id, 'review', draft.version);
  const done = await move(editor, draft.id, 'published', review.body.version);
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return done.body;
}

async function outboxRows(articleId: string): Promise<number> {
  const rows: { n: number }[] = await backend.ctx.db.query(
    `SELECT count(*)::int AS n FROM outbox WHERE event = 'article.changed' AND payload->>'articleId' = $1`,
    [articleId],
  );
  return rows[0]!.n;
}

async function articlesTitled(title: string): Promise<number> {
  const rows: { n: number }[] = await backend.ctx.db.query(`SELECT count(*)::int AS n FROM article WHERE title = $1`, [
    title,
  ]);
  return rows[0]!.n;
}

describe('the editorial workflow', () => {
  it('lets an editor create a draft, send it to review and publish it; agents see it only once published', async () => {
    const draft = await create(serviceCard('Dowód osobisty'));
    expect(draft).toMatchObject({
      status: 'draft',
      version: 1,
      type: 'service_card',
      responsibleUnitId: unitId,
      responsibleUnitCode: 'DK-02',
      expired: false,
      lastReviewedAt: null,
      updatedByName: expect.any(String),
    });
    expect(draft.externalId).toBe(draft.slug);
    expect(draft.slug).toMatch(/^dowod-osobisty-kat-/);
    // Defaults of the type's fields are filled in.
    expect(draft.fields).toMatchObject({ purpose: 'Wydanie dowodu osobistego', documents: ['wniosek', 'zdjęcie'] });
    expect((draft.fields as { links: unknown[] }).links).toEqual([]);

    expect((await agent.get(`/api/knowledge/articles/${draft.id}`)).status).toBe(404);
    const agentDrafts = await agent.get<ArticleSummaryDto[]>(`/api/knowledge/articles?status=draft&title=${RUN}`);
    expect(agentDrafts.body).toEqual([]);
    const editorDrafts = await editor.get<ArticleSummaryDto[]>(`/api/knowledge/articles?status=draft&title=${RUN}`);
    expect(editorDrafts.body.map((a) => a.id)).toContain(draft.id);

    const review = await move(editor, draft.id, 'review', 1);
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({ status: 'review', version: 2 });

    const done = await move(admin, draft.id, 'published', 2, 'sprawdzone z wydziałem');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'published', version: 3 });
    expect(done.body.lastReviewedAt).not.toBeNull();

    const read = await agent.get<ArticleDto>(`/api/knowledge/articles/${draft.id}`);
    expect(read.status).toBe(200);
    expect(read.body.body).toContain('Opłata wynosi 100 zł.');
    const agentList = await agent.get<ArticleSummaryDto[]>(`/api/knowledge/articles?title=${RUN}`);
    expect(agentList.body.map((a) => a.id)).toContain(draft.id);
    expect(agentList.body.every((a) => a.status === 'published')).toBe(true);

    // One 'article.changed' per change: created, to review, published.
    expect(await outboxRows(draft.id)).toBe(3);
  });

  it('refuses agents and triage staff who try to publish, create or edit (403), and changes nothing', async () => {
    const draft = await create(serviceCard('Karta mieszkańca'));
    const review = await move(editor, draft.id, 'review', 1);
    for (const client of [agent, triage]) {
      const res = await move<ErrorBody>(client, draft.id, 'published', review.body.version);
      expect(res.status).toBe(403);
      expect((await client.post('/api/knowledge/articles', serviceCard('Nie wolno'))).status).toBe(403);
      expect((await patch(client, draft.id, { version: 2, title: 'Zmiana agenta' })).status).toBe(403);
    }
    const now = await editor.get<ArticleDto>(`/api/knowledge/articles/${draft.id}`);
    expect(now.body).toMatchObject({ status: 'review', version: 2 });
    expect(await articlesTitled(`Nie wolno ${RUN}`)).toBe(0);
  });

  it('answers 409 naming the current status for a move the workflow does not allow', async () => {
    const draft = await create(serviceCard('Zasiłek'));
    const res = await move<ErrorBody>(editor, draft.id, 'published', 1);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invalid_transition');
    expect(res.body.error.message).toMatch(/status draft cannot move to published.*review, archived/);
    expect(res.body.error.current).toEqual({ status: 'draft', version: 1 });
    expect(await outboxRows(draft.id)).toBe(1);
  });
});

describe('editing', () => {
  it('answers 409 naming the current version when the editor saw an older one, and writes nothing', async () => {
    const draft = await create(serviceCard('Parking'));
    const first = await patch<ArticleDto>(editor, draft.id, { version: 1, body: 'Nowa treść.', changeNote: 'skrót' });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await patch<ErrorBody>(admin, draft.id, { version: 1, title: `Parking stary ${RUN}` });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/your version 1, now 2/);
    expect(stale.body.error.current).toEqual({ status: 'draft', version: 2 });
    const staleMove = await move<ErrorBody>(editor, draft.id, 'review', 1);
    expect(staleMove.status).toBe(409);
    expect(staleMove.body.error.current).toEqual({ status: 'draft', version: 2 });
    const now = await editor.get<ArticleDto>(`/api/knowledge/articles/${draft.id}`);
    expect(now.body).toMatchObject({ version: 2, title: `Parking ${RUN}`, body: 'Nowa treść.' });
    expect(await outboxRows(draft.id)).toBe(2);
  });

  it('keeps every version with who saved it, when and why, and compares two of them', async () => {
    const draft = await create(serviceCard('Rejestracja pojazdu'));
    const edited = await patch<ArticleDto>(editor, draft.id, {
      version: 1,
      body: 'Wniosek składa się w urzędzie.\nOpłata wynosi 180 zł.\nTermin: 30 dni.',
      fields: { purpose: 'Rejestracja pojazdu', fees: '180 zł' },
      tags: ['pojazd'],
      validTo: '2999-12-31',
      changeNote: 'opłata zmieniona od 2027',
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    // A save that changes nothing is not a version.
    const same = await patch<ArticleDto>(editor, draft.id, { version: 2, tags: ['pojazd'] });
    expect(same.body.version).toBe(2);

    const versions = await editor.get<ArticleVersionDto[]>(`/api/knowledge/articles/${draft.id}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body.map((v) => v.version)).toEqual([2, 1]);
    expect(versions.body[0]).toMatchObject({
      changeNote: 'opłata zmieniona od 2027',
      savedByName: expect.any(String),
      validTo: '2999-12-31',
      tags: ['pojazd'],
    });
    expect(versions.body[0]!.savedBy).toBe(editor.session!.user.id);
    expect(Date.parse(versions.body[0]!.savedAt)).toBeGreaterThanOrEqual(Date.parse(versions.body[1]!.savedAt));

    const one = await editor.get<ArticleVersionDto>(`/api/knowledge/articles/${draft.id}/versions/1`);
    expect(one.body.body).toContain('100 zł');
    expect((await editor.get(`/api/knowledge/articles/${draft.id}/versions/9`)).status).toBe(404);

    const diff = await editor.get<ArticleDiffDto>(`/api/knowledge/articles/${draft.id}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body.body).toEqual([
      { kind: 'same', text: 'Wniosek składa się w urzędzie.' },
      { kind: 'removed', text: 'Opłata wynosi 100 zł.' },
      { kind: 'added', text: 'Opłata wynosi 180 zł.' },
      { kind: 'same', text: 'Termin: 30 dni.' },
    ]);
    expect(diff.body.changedFields).toEqual(
      expect.arrayContaining([
        { field: 'tags', from: 'dowód, wniosek', to: 'pojazd' },
        { field: 'validTo', from: '', to: '2999-12-31' },
        { field: 'fields.fees', from: 'bezpłatnie', to: '180 zł' },
        { field: 'fields.documents', from: 'wniosek\nzdjęcie', to: '' },
      ]),
    );
    expect(diff.body.changedFields.map((c) => c.field)).not.toContain('title');
    expect((await agent.get(`/api/knowledge/articles/${draft.id}/versions`)).status).toBe(403);
    expect((await editor.get(`/api/knowledge/articles/${draft.id}/diff?from=1&to=7`)).status).toBe(404);
  });

  it('confirms a review without a new version or an outbox row', async () => {
    const article = await published('Wymiana prawa jazdy');
    const before = await outboxRows(article.id);
    const res = await editor.post<ArticleDto>(`/api/knowledge/articles/${article.id}/reviewed`);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(article.version);
    expect(Date.parse(res.body.lastReviewedAt!)).toBeGreaterThanOrEqual(Date.parse(article.lastReviewedAt!));
    expect(await outboxRows(article.id)).toBe(before);
  });
});

describe("agents' feedback and the editors' worklist", () => {
  it('takes feedback from an agent, lists it on the worklist, and lets an editor resolve it once', async () => {
    const article = await published('Odpady wielkogabarytowe');
    const sent = await agent.post<ArticleFeedbackDto>(`/api/knowledge/articles/${article.id}/feedback`, {
      kind: 'change_proposal',
      comment: 'Zmienił się harmonogram odbioru.',
      proposedBody: 'Odbiór raz w miesiącu.',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({
      articleId: article.id,
      articleVersion: article.version,
      status: 'open',
      createdBy: agent.session!.user.id,
    });

    const worklist = await editor.get<EditorWorklistDto>('/api/knowledge/editor-worklist');
    expect(worklist.status).toBe(200);
    expect(worklist.body.openFeedback.map((f) => f.id)).toContain(sent.body.id);
    expect(worklist.body.reviewAfterDays).toBe(180);
    expect((await agent.get('/api/knowledge/editor-worklist')).status).toBe(403);
    expect((await agent.get('/api/knowledge/feedback?status=open')).status).toBe(403);
    const open = await editor.get<ArticleFeedbackDto[]>(`/api/knowledge/feedback?status=open&articleId=${article.id}`);
    expect(open.body.map((f) => f.id)).toEqual([sent.body.id]);

    expect(
      (await agent.post(`/api/knowledge/feedback/${sent.body.id}/resolve`, { resolution: 'accepted' })).status,
    ).toBe(403);
    const resolved = await editor.post<ArticleFeedbackDto>(`/api/knowledge/feedback/${sent.body.id}/resolve`, {
      resolution: 'accepted',
      note: 'poprawione',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'accepted', resolutionNote: 'poprawione' });
    expect(resolved.body.resolvedBy).toBe(editor.session!.user.id);
    const again = await editor.post<ErrorBody>(`/api/knowledge/feedback/${sent.body.id}/resolve`, {
      resolution: 'dismissed',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already accepted/);
    const after = await editor.get<EditorWorklistDto>('/api/knowledge/editor-worklist');
    expect(after.body.openFeedback.map((f) => f.id)).not.toContain(sent.body.id);
  });

  it('refuses feedback on an article the agent cannot read, and a proposed body on a plain remark', async () => {
    const draft = await create(serviceCard('Szkic dla agenta'));
    const hidden = await agent.post(`/api/knowledge/articles/${draft.id}/feedback`, {
      kind: 'wrong',
      comment: 'Nie widzę tego artykułu.',
    });
    expect(hidden.status).toBe(404);
    const article = await published('Uwaga bez propozycji');
    const res = await agent.post<ErrorBody>(`/api/knowledge/articles/${article.id}/feedback`, {
      kind: 'outdated',
      comment: 'Nieaktualne.',
      proposedBody: 'x',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'proposedBody', message: expect.stringMatching(/change proposal/) },
    ]);
    const rows: unknown[] = await backend.ctx.db.query(`SELECT 1 FROM article_feedback WHERE article_id = ANY($1)`, [
      [draft.id, article.id],
    ]);
    expect(rows).toHaveLength(0);
  });

  it('lists articles in review, expired ones (validity or an ended event) and ones not reviewed for long', async () => {
    const inReview = await create(serviceCard('Czeka na przegląd'));
    await move(editor, inReview.id, 'review', 1);
    const outdated = await published('Stara opłata', { validFrom: '2019-01-01', validTo: '2020-12-31' });
    expect(outdated.expired).toBe(true);
    const eventDraft = await create({
      type: 'event',
      title: `Piknik ${RUN}`,
      fields: { startsAt: '2021-06-01T10:00:00+02:00', endsAt: '2021-06-01T18:00:00+02:00', place: 'Błonia' },
    });
    const eventReview = await move(editor, eventDraft.id, 'review', 1);
    const event = await move(editor, eventDraft.id, 'published', eventReview.body.version);
    expect(event.body.expired).toBe(true);
    const upcoming = await create({
      type: 'event',
      title: `Koncert ${RUN}`,
      fields: { startsAt: '2999-06-01T10:00:00+02:00' },
    });
    expect(upcoming.expired).toBe(false);
    const stale = await published('Dawno nie sprawdzane');
    await backend.ctx.db.query(
      `UPDATE article SET last_reviewed_at = now() - interval '200 days', created_at = now() - interval '400 days'
        WHERE id = $1`,
      [stale.id],
    );

    const worklist = await editor.get<EditorWorklistDto>('/api/knowledge/editor-worklist');
    const ids = (list: ArticleSummaryDto[]) => list.map((a) => a.id);
    expect(ids(worklist.body.inReview)).toContain(inReview.id);
    expect(ids(worklist.body.expired)).toEqual(expect.arrayContaining([outdated.id, event.body.id]));
    expect(ids(worklist.body.expired)).not.toContain(stale.id);
    expect(ids(worklist.body.notReviewed)).toContain(stale.id);
    expect(ids(worklist.body.notReviewed)).not.toContain(outdated.id);

    await editor.post(`/api/knowledge/articles/${stale.id}/reviewed`);
    const after = await editor.get<EditorWorklistDto>('/api/knowledge/editor-worklist');
    expect(ids(after.body.notReviewed)).not.toContain(stale.id);
  });
});

describe('bad input', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['an unknown type', { type: 'news' }, 'type'],
    ['an event without startsAt', { type: 'event', fields: { place: 'Rynek' } }, 'fields.startsAt'],
    ['validTo before validFrom', { validFrom: '2026-05-01', validTo: '2026-04-30' }, 'validTo'],
    ['a unit id that is not a uuid', { responsibleUnitId: 'DK-02' }, 'responsibleUnitId'],
    ['an unknown field of the type', { fields: { colour: 'red' } }, 'fields'],
    ['a title too short', { title: 'ab' }, 'title'],
  ];
  it.each(cases)('answers 400 for %s, naming the field, and writes nothing', async (_name, change, field) => {
    const title = `Zły ${field} ${RUN}`;
    const res = await editor.post<ErrorBody>('/api/knowledge/articles', { ...serviceCard(''), title, ...change });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.fields!.map((f) => f.path)).toContain(field);
    expect(await articlesTitled(String(change.title ?? title))).toBe(0);
  });

  it('answers 400 for a unit that does not exist, and a bad article id, and writes nothing', async () => {
    const title = `Nieznana komórka ${RUN}`;
    const res = await editor.post<ErrorBody>('/api/knowledge/articles', {
      ...serviceCard(''),
      title,
      responsibleUnitId: '00000000-0000-4000-8000-000000000000',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'responsibleUnitId', message: expect.stringMatching(/no unit/) }]);
    expect(await articlesTitled(title)).toBe(0);
    const badId = await editor.get<ErrorBody>('/api/knowledge/articles/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(badId.body.error.fields!.map((f) => f.path)).toEqual(['params.id']);
    const badDiff = await editor.get<ErrorBody>(
      '/api/knowledge/articles/00000000-0000-4000-8000-000000000000/diff?from=x',
    );
    expect(badDiff.status).toBe(400);
  });

  it('answers 400 for an edit that breaks the fields or the validity, and keeps the article as it was', async () => {
    const draft = await create(serviceCard('Walidacja edycji', { validFrom: '2026-01-01' }));
    const badFields = await patch<ErrorBody>(editor, draft.id, { version: 1, fields: { epuapUrl: 'nie adres' } });
    expect(badFields.status).toBe(400);
    expect(badFields.body.error.fields!.map((f) => f.path)).toEqual(['fields.epuapUrl']);
    const badValidity = await patch<ErrorBody>(editor, draft.id, { version: 1, validTo: '2025-12-31' });
    expect(badValidity.status).toBe(400);
    expect(badValidity.body.error.fields!.map((f) => f.path)).toEqual(['validTo']);
    const noVersion = await patch<ErrorBody>(editor, draft.id, { title: 'Bez wersji' });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.fields!.map((f) => f.path)).toEqual(['version']);
    const now = await editor.get<ArticleDto>(`/api/knowledge/articles/${draft.id}`);
    expect(now.body.version).toBe(1);
    expect(await outboxRows(draft.id)).toBe(1);
  });
});

describe('upsertArticleByExternalId (the import)', () => {
  const input = (change: Partial<ArticleUpsert> = {}): ArticleUpsert => ({
    externalId: `import-${RUN}`,
    type: 'unit_scope',
    status: 'published',
    title: `Wydział z importu ${RUN}`,
    body: 'Zakres działania wydziału.',
    fields: { scope: ['prowadzenie ewidencji', 'wydawanie zaświadczeń'], openingHours: 'pn–pt 7:30–15:30' },
    responsibleUnitId: unitId,
    tags: ['wydział'],
    validFrom: null,
    validTo: null,
    ...change,
  });
  const upsert = (value: ArticleUpsert) =>
    backend.ctx.db.transaction((em) => upsertArticleByExternalId(em, value, null));

  it('creates, leaves an unchanged article alone, and versions a change, with one outbox row per change', async () => {
    const created = await upsert(input());
    expect(created).toMatchObject({ created: true, changed: true });
    expect(await upsert(input())).toEqual({ id: created.id, created: false, changed: false });
    const changed = await upsert(input({ fields: { scope: ['prowadzenie ewidencji'] }, changeNote: 'import 2' }));
    expect(changed).toEqual({ id: created.id, created: false, changed: true });
    expect(await outboxRows(created.id)).toBe(2);
    const article = await agent.get<ArticleDto>(`/api/knowledge/articles/${created.id}`);
    expect(article.body).toMatchObject({ externalId: `import-${RUN}`, status: 'published', version: 2 });
    const versions = await editor.get<ArticleVersionDto[]>(`/api/knowledge/articles/${created.id}/versions`);
    expect(versions.body.map((v) => [v.version, v.changeNote])).toEqual([
      [2, 'import 2'],
      [1, null],
    ]);
  });

  it('throws a 400 naming the field when the fields do not fit the type, and writes nothing', async () => {
    const bad = input({ externalId: `import-bad-${RUN}`, type: 'event', fields: { place: 'Rynek' } });
    await expect(upsert(bad)).rejects.toMatchObject({ status: 400, fields: [{ path: 'fields.startsAt' }] });
    const rows: unknown[] = await backend.ctx.db.query(`SELECT 1 FROM article WHERE external_id = $1`, [
      bad.externalId,
    ]);
    expect(rows).toHaveLength(0);
  });
});
