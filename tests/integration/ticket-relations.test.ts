// Relations between tickets through the API: DK-03 merges duplicates, links related tickets and splits a report
// into parts for different units; ideas go their own path to a unit's decision. Refusals change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, SplitTicketResult, TicketDetailDto, TicketDto, TicketRelationsDto } from '@kck/contracts';
import { ideaStage } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { routedCategory, unitId, unroutedCategory } from '../../backend/src/test-support/builders.ts';
import { routeNewTicket } from '../../backend/src/routing/routing.service.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';

let environment: IsolatedEnvironment;
let backend: TestBackend;
let agent: TestClient;
let triage: TestClient;
let roads: TestClient;
let greenery: TestClient;

beforeAll(async () => {
  // No relay and no worker, on a database of its own (another file's worker would route them): tickets stay
  // `new` until a test routes them (by hand, or with the routing step itself).
  environment = await createIsolatedEnvironment('relations');
  backend = await startTestBackend({ relay: false, config: environment.env });
  [agent, triage, roads, greenery] = await signedInAll(backend.url, 'agent', 'triage', 'drogi', 'zielen');
});
afterAll(async () => {
  await backend?.close();
  await environment?.drop();
});

const REPORTER = { name: 'Jan Kowalski', phone: '+48 600 700 800', email: 'jan.kowalski@example.org' };

async function report(overrides: Record<string, unknown> = {}): Promise<TicketDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: await routedCategory(backend.ctx.db, 'ZDMK'),
    title: 'Zapadnięta studzienka na ul. Długiej',
    description: 'Studzienka zapadła się na środku pasa ruchu.',
    reporter: REPORTER,
    ...overrides,
  });
  expect(created.status).toBe(201);
  return created.body;
}

const detail = async (id: string) => (await triage.get<TicketDetailDto>(`/api/tickets/${id}`)).body;
const relations = async (id: string, client = triage) =>
  (await client.get<TicketRelationsDto>(`/api/tickets/${id}/relations`)).body;

async function routeTo(ticket: TicketDto, unitCode: string): Promise<TicketDto> {
  const routed = await triage.post<TicketDto>(`/api/tickets/${ticket.id}/route`, {
    unitId: await unitId(backend.ctx.db, unitCode),
  });
  expect(routed.status).toBe(200);
  return routed.body;
}

describe('merging a duplicate', () => {
  it('marks it duplicate with a link to the main ticket, lists it on the main ticket, and keeps its reporter', async () => {
    const main = await report();
    const duplicate = await report({ reporter: { name: 'Ewa Nowak', email: 'ewa@example.org' } });

    const merged = await triage.post<TicketDto>(`/api/tickets/${duplicate.id}/merge`, {
      into: main.number,
      reason: 'Ta sama studzienka, drugie zgłoszenie',
      version: duplicate.version,
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ status: 'duplicate', version: duplicate.version + 1 });
    // The reporter is kept (to hear back); the contact is read in the detail (logged), not in the command's answer.
    expect(merged.body.reporter).toEqual({ name: null, phone: null, email: null });
    expect((await detail(duplicate.id)).reporter).toMatchObject({ name: 'Ewa Nowak', email: 'ewa@example.org' });

    const event = (await detail(duplicate.id)).events.at(-1)!;
    expect(event).toMatchObject({
      kind: 'ticket.merged',
      actorName: expect.any(String),
      reason: 'Ta sama studzienka, drugie zgłoszenie',
      changes: { status: { from: 'new', to: 'duplicate' }, duplicateOf: { from: null, to: main.number } },
    });
    expect((await relations(duplicate.id)).duplicateOf).toMatchObject({ id: main.id, number: main.number });
    expect((await relations(main.id)).duplicates.map((t) => t.number)).toEqual([duplicate.number]);
    const mainEvents = (await detail(main.id)).events;
    expect(mainEvents.at(-1)).toMatchObject({
      kind: 'ticket.linked',
      changes: { duplicates: { from: null, to: duplicate.number } },
    });
    // The main ticket's own state is untouched: people working on it keep their version.
    expect((await detail(main.id)).version).toBe(main.version);
  });

  it('moves earlier duplicates along when their main ticket is merged in turn', async () => {
    const [a, b, c] = [await report(), await report(), await report()];
    await triage.post(`/api/tickets/${c.id}/merge`, { into: b.number, reason: 'To samo miejsce' });
    const merged = await triage.post(`/api/tickets/${b.id}/merge`, { into: a.number, reason: 'To samo miejsce' });
    expect(merged.status).toBe(200);
    expect((await relations(a.id)).duplicates.map((t) => t.number).sort()).toEqual([b.number, c.number].sort());
    expect((await relations(c.id)).duplicateOf?.number).toBe(a.number);
  });

  describe('when the main ticket is the wrong one', () => {
    it('refuses itself, a duplicate (naming its main ticket), a closed, a rejected or an unknown ticket, and changes nothing', async () => {
      const ticket = await report();
      const main = await report();
      const dup = await report();
      await triage.post(`/api/tickets/${dup.id}/merge`, { into: main.number, reason: 'To samo miejsce' });
      const rejected = await report();
      await triage.post(`/api/tickets/${rejected.id}/reject`, { reason: 'Teren prywatny' });
      const closed = await report();
      await triage.post(`/api/tickets/${closed.id}/split`, {
        reason: 'Dwie sprawy',
        parts: [
          { title: 'Część pierwsza', description: 'Opis', categoryId: closed.categoryId },
          { title: 'Część druga', description: 'Opis', categoryId: closed.categoryId },
        ],
      });
      expect((await detail(closed.id)).status).toBe('closed');

      const attempts: [string, RegExp][] = [
        [ticket.number, /itself/],
        [dup.number, new RegExp(`duplicate of ${main.number.replace(/\//g, '\\/')}; merge into`)],
        [rejected.number, /rejected/],
        [closed.number, /closed/],
        ['KCK/1999/999999', /no ticket KCK\/1999\/999999/],
      ];
      for (const [into, message] of attempts) {
        const refused = await triage.post<ErrorBody>(`/api/tickets/${ticket.id}/merge`, { into, reason: 'Duplikat' });
        expect(refused.status, into).toBe(400);
        expect(refused.body.error.fields, into).toEqual([{ path: 'into', message: expect.stringMatching(message) }]);
      }
      const badFormat = await triage.post<ErrorBody>(`/api/tickets/${ticket.id}/merge`, { into: '123', reason: 'x' });
      expect(badFormat.status).toBe(400);
      expect(badFormat.body.error.fields!.map((f) => f.path).sort()).toEqual(['into', 'reason']);

      const after = await detail(ticket.id);
      expect(after).toMatchObject({ status: 'new', version: ticket.version });
      expect(after.events.map((e) => e.kind)).toEqual(['ticket.created']);
      expect(await relations(ticket.id)).toEqual({
        duplicateOf: null,
        duplicates: [],
        links: [],
        splitFrom: null,
        parts: [],
      });
    });
  });

  it('answers 409 on a stale version and on a ticket the unit already accepted; 403 for agents and units', async () => {
    const main = await report();
    const ticket = await routeTo(await report(), 'ZDMK');
    const stale = await triage.post<ErrorBody>(`/api/tickets/${ticket.id}/merge`, {
      into: main.number,
      reason: 'Duplikat',
      version: ticket.version - 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'conflict',
      current: { status: 'routed', version: ticket.version },
    });

    expect((await agent.post(`/api/tickets/${ticket.id}/merge`, { into: main.number, reason: 'x12' })).status).toBe(
      403,
    );
    expect((await roads.post(`/api/tickets/${ticket.id}/merge`, { into: main.number, reason: 'x12' })).status).toBe(
      403,
    );

    await roads.post(`/api/tickets/${ticket.id}/accept`, {});
    const accepted = await triage.post<ErrorBody>(`/api/tickets/${ticket.id}/merge`, {
      into: main.number,
      reason: 'Duplikat',
    });
    expect(accepted.status).toBe(409);
    expect(accepted.body.error).toMatchObject({ code: 'invalid_transition', current: { status: 'accepted' } });
    expect((await relations(main.id)).duplicates).toEqual([]);
  });
});

describe('linking related tickets', () => {
  it('shows the link on both tickets with an event on each, and removes it the same way', async () => {
    const a = await report();
    const b = await report({ title: 'Uszkodzony krawężnik obok studzienki' });
    const linked = await triage.post<TicketRelationsDto>(`/api/tickets/${a.id}/links`, {
      other: b.number,
      reason: 'Ta sama ulica, jedna ekipa',
      version: a.version,
    });
    expect(linked.status).toBe(200);
    expect(linked.body.links).toEqual([{ id: b.id, number: b.number, title: b.title, status: 'new', unitCode: null }]);
    expect((await relations(b.id)).links.map((t) => t.number)).toEqual([a.number]);
    expect((await detail(b.id)).events.at(-1)).toMatchObject({
      kind: 'ticket.linked',
      reason: 'Ta sama ulica, jedna ekipa',
      changes: { links: { from: null, to: a.number } },
    });

    const again = await triage.post<ErrorBody>(`/api/tickets/${b.id}/links`, { other: a.number });
    expect(again.status).toBe(409);

    const unlinked = await triage.post<TicketRelationsDto>(`/api/tickets/${b.id}/unlink`, { otherId: a.id });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.links).toEqual([]);
    expect((await relations(a.id)).links).toEqual([]);
    expect((await detail(a.id)).events.at(-1)).toMatchObject({
      kind: 'ticket.unlinked',
      changes: { links: { from: b.number, to: null } },
    });
    expect((await triage.post(`/api/tickets/${b.id}/unlink`, { otherId: a.id })).status).toBe(404);
  });

  it('refuses itself, an unknown number, a stale version, and anyone but DK-03', async () => {
    const a = await report();
    const b = await report();
    const self = await triage.post<ErrorBody>(`/api/tickets/${a.id}/links`, { other: a.number });
    expect(self.status).toBe(400);
    expect(self.body.error.fields).toEqual([{ path: 'other', message: expect.stringMatching(/itself/) }]);
    const unknown = await triage.post<ErrorBody>(`/api/tickets/${a.id}/links`, { other: 'KCK/1999/999999' });
    expect(unknown.body.error.fields).toEqual([{ path: 'other', message: expect.stringMatching(/no ticket/) }]);
    const stale = await triage.post<ErrorBody>(`/api/tickets/${a.id}/links`, { other: b.number, version: 99 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toEqual({ status: 'new', version: a.version });
    expect((await agent.post(`/api/tickets/${a.id}/links`, { other: b.number })).status).toBe(403);
    expect((await relations(a.id)).links).toEqual([]);
  });

  it('lists to a unit only the related tickets it may read', async () => {
    const atRoads = await routeTo(await report(), 'ZDMK');
    const atGreenery = await routeTo(await report(), 'ZZM');
    await triage.post(`/api/tickets/${atRoads.id}/links`, { other: atGreenery.number });
    expect((await relations(atRoads.id, roads)).links).toEqual([]);
    expect((await roads.get(`/api/tickets/${atGreenery.id}/relations`)).status).toBe(404);
    expect((await relations(atGreenery.id, greenery)).links).toEqual([]);
    expect((await relations(atRoads.id)).links.map((t) => t.id)).toEqual([atGreenery.id]);
  });
});

describe('splitting a report into parts for different units', () => {
  it('creates numbered parts with the same reporter, routed by hand or by the rules, and closes the original listing them', async () => {
    const { db } = backend.ctx;
    const original = await report({
      title: 'Dziura w jezdni i połamane drzewo',
      description: 'Na ul. Długiej dziura w jezdni, a obok w parku połamane drzewo.',
    });
    const split = await triage.post<SplitTicketResult>(`/api/tickets/${original.id}/split`, {
      reason: 'Dwie sprawy dla dwóch jednostek',
      version: original.version,
      parts: [
        {
          title: 'Połamane drzewo w parku',
          description: 'Połamane drzewo przy alejce.',
          categoryId: await unroutedCategory(db),
          unitId: await unitId(db, 'ZZM'),
        },
        {
          title: 'Dziura w jezdni na ul. Długiej',
          description: 'Dziura w jezdni.',
          categoryId: await routedCategory(db, 'ZDMK'),
        },
      ],
    });
    expect(split.status).toBe(201);
    const [tree, pothole] = split.body.parts;
    for (const part of split.body.parts) {
      expect(part.number).toMatch(/^KCK\/\d{4}\/\d{6}$/);
      // The contact is in each part's detail (a logged read), never in the command's answer.
      expect(part.reporter).toEqual({ name: null, phone: null, email: null });
      expect((await triage.get<TicketDetailDto>(`/api/tickets/${part.id}`)).body.reporter).toEqual(REPORTER);
      expect(part).toMatchObject({ type: 'problem', channel: 'phone' });
    }
    expect(tree).toMatchObject({ status: 'routed', unitCode: 'ZZM', title: 'Połamane drzewo w parku' });
    // No unit given: the routing rules decide, as for any new ticket.
    expect(pothole!.status).toBe('new');
    expect(await routeNewTicket(db, pothole!.id)).toMatchObject({ outcome: 'routed' });
    expect((await detail(pothole!.id)).unitCode).toBe('ZDMK');

    expect(split.body.original).toMatchObject({ status: 'closed', version: original.version + 1 });
    const closing = (await detail(original.id)).events.at(-1)!;
    expect(closing).toMatchObject({
      kind: 'ticket.split',
      changes: { status: { from: 'new', to: 'closed' }, parts: { from: null, to: [tree!.number, pothole!.number] } },
    });
    expect(closing.reason).toBe(`Dwie sprawy dla dwóch jednostek\nPodzielone na: ${tree!.number}, ${pothole!.number}`);

    expect((await relations(original.id)).parts.map((p) => p.number)).toEqual([tree!.number, pothole!.number]);
    expect((await relations(tree!.id)).splitFrom?.number).toBe(original.number);
    expect((await detail(tree!.id)).events.map((e) => [e.kind, e.actorName !== null])).toEqual([
      ['ticket.created', true],
      ['ticket.linked', true],
      ['ticket.routed', true],
    ]);
    // The unit that got its part reads it, and the link back only if it may read the original.
    expect((await relations(tree!.id, greenery)).splitFrom).toBeNull();
  });

  it('refuses bad parts naming the field, and writes nothing', async () => {
    const { db } = backend.ctx;
    const original = await report();
    const count = async () =>
      (
        (await db.query(`SELECT count(*)::int AS n FROM ticket WHERE split_from_id = $1`, [original.id])) as [
          { n: number },
        ]
      )[0].n;
    const part = { title: 'Część', description: 'Opis części', categoryId: original.categoryId };

    const one = await triage.post<ErrorBody>(`/api/tickets/${original.id}/split`, { reason: 'Podział', parts: [part] });
    expect(one.status).toBe(400);
    expect(one.body.error.fields!.map((f) => f.path)).toEqual(['parts']);

    const badUnit = await triage.post<ErrorBody>(`/api/tickets/${original.id}/split`, {
      reason: 'Podział',
      parts: [part, { ...part, unitId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(badUnit.status).toBe(400);
    expect(badUnit.body.error.fields!.map((f) => f.path)).toEqual(['parts.1.unitId']);

    const badCategory = await triage.post<ErrorBody>(`/api/tickets/${original.id}/split`, {
      reason: 'Podział',
      parts: [part, { ...part, categoryId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.error.fields!.map((f) => f.path)).toEqual(['parts.1.categoryId']);

    const stale = await triage.post<ErrorBody>(`/api/tickets/${original.id}/split`, {
      reason: 'Podział',
      version: original.version + 1,
      parts: [part, part],
    });
    expect(stale.status).toBe(409);

    expect(
      (await roads.post(`/api/tickets/${original.id}/split`, { reason: 'Podział', parts: [part, part] })).status,
    ).toBe(403);
    expect(await count()).toBe(0);
    expect(await detail(original.id)).toMatchObject({ status: 'new', version: original.version });
  });

  it('refuses a ticket that is already closed with 409 and its status', async () => {
    const original = await report();
    await triage.post(`/api/tickets/${original.id}/reject`, { reason: 'Teren prywatny' });
    const part = { title: 'Część', description: 'Opis części', categoryId: original.categoryId };
    const refused = await triage.post<ErrorBody>(`/api/tickets/${original.id}/split`, {
      reason: 'Podział',
      parts: [part, part],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'invalid_transition', current: { status: 'rejected' } });
  });
});

describe('the idea path', () => {
  const idea = async () =>
    report({ type: 'idea', title: 'Ławki przy Bulwarach', description: 'Proponuję więcej ławek przy Wiśle.' });

  it('goes to DK-03 for assessment although a routing rule matches, then forwarded, then decided by the unit', async () => {
    const ticket = await idea();
    expect(await routeNewTicket(backend.ctx.db, ticket.id)).toMatchObject({ outcome: 'triage' });
    const assessed = await detail(ticket.id);
    expect(assessed.status).toBe('triage');
    expect(ideaStage(assessed.status, assessed.ideaDecision)).toBe('assessment');
    expect(assessed.events.at(-1)!.reason).toMatch(/Pomysł: ocena w DK-03/);

    const forwarded = await routeTo(ticket, 'ZDMK');
    expect(ideaStage(forwarded.status, forwarded.ideaDecision)).toBe('forwarded');
    const accepted = await roads.post<TicketDto>(`/api/tickets/${ticket.id}/accept`, {});

    const resolve = await roads.post<ErrorBody>(`/api/tickets/${ticket.id}/resolve`, { answer: 'Zrobione' });
    expect(resolve.status).toBe(409);
    expect(resolve.body.error.message).toMatch(/idea ends with a decision/);

    const noJustification = await roads.post<ErrorBody>(`/api/tickets/${ticket.id}/idea-decision`, {
      decision: 'maybe',
    });
    expect(noJustification.status).toBe(400);
    expect(noJustification.body.error.fields!.map((f) => f.path).sort()).toEqual(['decision', 'justification']);
    const stale = await roads.post<ErrorBody>(`/api/tickets/${ticket.id}/idea-decision`, {
      decision: 'rejected',
      justification: 'Brak miejsca na ławki',
      version: accepted.body.version - 1,
    });
    expect(stale.status).toBe(409);
    expect(
      (await triage.post(`/api/tickets/${ticket.id}/idea-decision`, { decision: 'accepted', justification: 'Tak' }))
        .status,
    ).toBe(403);

    const decided = await roads.post<TicketDto>(`/api/tickets/${ticket.id}/idea-decision`, {
      decision: 'rejected',
      justification: 'Bulwary są terenem zalewowym; ławki stoją tam już co 50 m.',
      version: accepted.body.version,
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'resolved',
      ideaDecision: 'rejected',
      resolution: 'Bulwary są terenem zalewowym; ławki stoją tam już co 50 m.',
    });
    expect(ideaStage(decided.body.status, decided.body.ideaDecision)).toBe('rejected');
    expect((await detail(ticket.id)).events.at(-1)).toMatchObject({
      kind: 'ticket.idea_decided',
      actorName: expect.any(String),
      changes: {
        status: { from: 'accepted', to: 'resolved' },
        ideaDecision: { from: null, to: 'rejected' },
        resolution: { from: null, to: 'Bulwary są terenem zalewowym; ławki stoją tam już co 50 m.' },
      },
    });
  });

  it('refuses a decision on a problem (409) and before the unit accepted the idea (409)', async () => {
    const problem = await routeTo(await report(), 'ZDMK');
    await roads.post(`/api/tickets/${problem.id}/accept`, {});
    const onProblem = await roads.post<ErrorBody>(`/api/tickets/${problem.id}/idea-decision`, {
      decision: 'accepted',
      justification: 'Dobry pomysł',
    });
    expect(onProblem.status).toBe(409);
    expect(onProblem.body.error.message).toMatch(/Only a ticket of type idea/);
    expect((await detail(problem.id)).ideaDecision).toBeNull();

    const routed = await routeTo(await idea(), 'ZDMK');
    const early = await roads.post<ErrorBody>(`/api/tickets/${routed.id}/idea-decision`, {
      decision: 'accepted',
      justification: 'Dobry pomysł',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.current).toEqual({ status: 'routed', version: routed.version });
  });
});
