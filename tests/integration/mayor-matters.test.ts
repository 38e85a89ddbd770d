// KP-02's matters addressed to the Mayor, against real servers: each origin is registered as a ticket of channel
// `mayor` that the rules route like any other, due by KP-02's own policy or by the Mayor's deadline; KP-02 reads and
// routes those matters only, hears of them live, and lists them by due date; bad input writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ErrorBody,
  MayorMatterDto,
  RegisterMayorMatterRequestInput,
  TicketChangedMessage,
  TicketDetailDto,
  TicketDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { entryId, unitId, unroutedCategory } from '../../backend/src/test-support/builders.ts';
import { addWorkingDays, endOfWarsawDay, warsawDate } from '../../backend/src/deadlines/working-days.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { socketFor } from '../support/sockets.ts';
import { waitForStatus } from '../support/waiting.ts';

let backend: TestBackend;
let worker: RunningWorkers;
let kp02: TestClient;
let admin: TestClient;
let triage: TestClient;
let roads: TestClient;
let agent: TestClient;
let supervisor: TestClient;
const ids = { pothole: '', unrouted: '', zdmk: '', zzm: '' };

beforeAll(async () => {
  backend = await startTestBackend();
  worker = await startWorkerRuntime(backend.ctx.config, backend.ctx.db, createLogger('test-worker', 'silent'));
  [kp02, admin, triage, roads, agent, supervisor] = await signedInAll(
    backend.url,
    'kp02',
    'admin',
    'triage',
    'drogi',
    'agent',
    'kierownik',
  );
  const { db } = backend.ctx;
  Object.assign(ids, {
    pothole: await entryId(db, 'category', 'roads.pothole'),
    unrouted: await unroutedCategory(db),
    zdmk: await unitId(db, 'ZDMK'),
    zzm: await unitId(db, 'ZZM'),
  });
});

afterAll(async () => {
  await worker?.close();
  await backend?.close();
});

/** A calendar day in Kraków, `days` after today (negative: before). */
const day = (days: number) =>
  new Date(Date.parse(`${warsawDate(new Date())}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const letter = (overrides: Partial<RegisterMayorMatterRequestInput> = {}): RegisterMayorMatterRequestInput => ({
  origin: 'letter',
  reference: 'KP-02.0123.7.2026',
  receivedOn: day(0),
  categoryId: ids.pothole,
  title: 'Pismo do Prezydenta: dziura na ul. Kalwaryjskiej',
  description: 'Mieszkaniec pisze do Prezydenta o dziurze w jezdni przed domem.',
  address: 'ul. Kalwaryjska 20',
  ...overrides,
});

async function register(body: RegisterMayorMatterRequestInput, client = kp02): Promise<MayorMatterDto> {
  const res = await client.post<MayorMatterDto>('/api/mayor-matters', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const matterCounts = async () => {
  const [row] = await backend.ctx.db.query(
    `SELECT (SELECT count(*) FROM mayor_matter)::int AS matters, (SELECT count(*) FROM ticket WHERE channel = 'mayor')::int AS tickets`,
  );
  return row as { matters: number; tickets: number };
};

describe('registering a matter', () => {
  it('writes a ticket of channel mayor for each origin, numbered with its history, routed by the rules', async () => {
    const kp02Socket = await socketFor(backend.url, kp02);
    const heard: TicketChangedMessage[] = [];
    kp02Socket.on('ticket.changed', (message) => heard.push(message));

    const fromLetter = await register(letter());
    const fromMeeting = await register(
      letter({
        origin: 'meeting',
        reference: undefined,
        meetingOn: day(-2),
        receivedOn: day(-1),
        title: 'Spotkanie z mieszkańcami: dziury na Kazimierzu',
        reporter: undefined,
      }),
    );
    const fromEmail = await register(
      letter({ origin: 'email_to_mayor', reference: undefined, reporter: { email: 'mieszkaniec@example.org' } }),
    );

    for (const matter of [fromLetter, fromMeeting, fromEmail]) {
      expect(matter.ticket).toMatchObject({ channel: 'mayor', type: 'problem', priority: 'normal' });
      expect(matter.ticket.number).toMatch(/^KCK\/\d{4}\/\d{6}$/);
      expect(matter.registeredByName).toBe('Monika Spotkaniowa (KP-02)');
      expect(matter.mayorDeadline).toBeNull();
      // KP-02's own policy (14 working days), not the general 21 of a problem.
      expect(matter.ticket.dueAt).toBe(addWorkingDays(new Date(matter.ticket.createdAt), 14).toISOString());
    }
    expect(fromLetter).toMatchObject({ origin: 'letter', reference: 'KP-02.0123.7.2026', receivedOn: day(0) });
    expect(fromMeeting).toMatchObject({ origin: 'meeting', reference: null, meetingOn: day(-2), receivedOn: day(-1) });
    expect(fromMeeting.ticket.reporter).toEqual({ name: null, phone: null, email: null });
    expect(fromEmail).toMatchObject({ origin: 'email_to_mayor', meetingOn: null });
    // The author's contact is kept, and read only through the ticket's detail (logged), not in KP-02's answers.
    expect(fromEmail.ticket.reporter).toEqual({ name: null, phone: null, email: null });
    const detail = await kp02.get<TicketDetailDto>(`/api/tickets/${fromEmail.ticket.id}`);
    expect(detail.body.reporter.email).toBe('mieszkaniec@example.org');

    // Routed by the pothole's rule like any ticket, with its creation in the history and in the outbox.
    for (const matter of [fromLetter, fromMeeting, fromEmail]) {
      const routed = await waitForStatus(kp02, matter.ticket.id, 'routed');
      expect(routed.unitCode).toBe('ZDMK');
      expect(routed.events.map((e) => e.kind)).toEqual(['ticket.created', 'ticket.routed']);
      expect(routed.events[0]!.changes.channel).toEqual({ from: null, to: 'mayor' });
    }
    const outbox = await backend.ctx.db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE event = 'ticket.created' AND payload->>'ticketId' = $1`,
      [fromLetter.ticket.id],
    );
    expect(outbox[0].n).toBe(1);

    // KP-02 hears its matters live (its role room) without watching them: the routing (consoles are not told of
    // the creation itself, routing follows at once).
    const kinds = (id: string) => heard.filter((m) => m.ticket.id === id).map((m) => m.kind);
    for (const matter of [fromLetter, fromMeeting, fromEmail])
      await expect.poll(() => kinds(matter.ticket.id), { timeout: 10_000 }).toEqual(['ticket.routed']);
    kp02Socket.disconnect();

    // The unit sees the matter in its queue, and the matter itself (the Mayor's deadline, if any, matters to it).
    const queue = await roads.get<TicketDto[]>('/api/tickets?view=unit&limit=200');
    expect(queue.body.map((t) => t.id)).toContain(fromLetter.ticket.id);
    const asUnit = await roads.get<MayorMatterDto>(`/api/mayor-matters/${fromLetter.ticket.id}`);
    expect(asUnit.status).toBe(200);
    expect(asUnit.body.origin).toBe('letter');
  });

  it("counts the due date from the Mayor's deadline instead of the policy", async () => {
    const deadline = day(30);
    const matter = await register(
      letter({ origin: 'meeting', meetingOn: day(0), mayorDeadline: deadline, reference: 'Spotkanie 12/2026' }),
    );
    expect(matter.mayorDeadline).toBe(deadline);
    expect(matter.ticket.dueAt).toBe(endOfWarsawDay(deadline).toISOString());
    expect(matter.ticket.dueAt).not.toBe(addWorkingDays(new Date(matter.ticket.createdAt), 14).toISOString());
    // Routing keeps the due date it was given.
    const routed = await waitForStatus(kp02, matter.ticket.id, 'routed');
    expect(routed.dueAt).toBe(endOfWarsawDay(deadline).toISOString());
  });

  it('lets KP-02 route by hand a matter no rule placed, and the unit then holds it', async () => {
    const idea = await register(
      letter({
        type: 'idea',
        categoryId: ids.unrouted,
        title: 'Pomysł do Prezydenta: ławki na Plantach',
        description: 'Mieszkanka proponuje więcej ławek.',
      }),
    );
    expect(idea.ticket.dueAt).toBe(addWorkingDays(new Date(idea.ticket.createdAt), 14).toISOString());
    const waiting = await waitForStatus(kp02, idea.ticket.id, 'triage');
    // DK-03's inbox shows it as any other ticket no rule matched.
    const inbox = await triage.get<TicketDto[]>('/api/tickets?view=inbox&limit=200');
    expect(inbox.body.map((t) => t.id)).toContain(idea.ticket.id);

    const routed = await kp02.post<TicketDto>(`/api/tickets/${idea.ticket.id}/route`, {
      unitId: ids.zzm,
      reason: 'Zieleń miejska: właściwa do oceny pomysłu',
      version: waiting.version,
    });
    expect(routed.status, JSON.stringify(routed.body)).toBe(200);
    expect(routed.body).toMatchObject({ status: 'routed', unitCode: 'ZZM' });
    const history = (await kp02.get<TicketDetailDto>(`/api/tickets/${idea.ticket.id}`)).body.events;
    expect(history.at(-1)).toMatchObject({ kind: 'ticket.routed', actorName: 'Monika Spotkaniowa (KP-02)' });
    // And on to another unit when the first is not competent after all.
    const rerouted = await kp02.post<TicketDto>(`/api/tickets/${idea.ticket.id}/route`, { unitId: ids.zdmk });
    expect(rerouted.body).toMatchObject({ status: 'routed', unitCode: 'ZDMK' });
  });
});

describe('what KP-02 may see and do', () => {
  it('reads matters for the Mayor only: another ticket answers 404, and it writes no other ticket', async () => {
    const phone = await agent.post<TicketDto>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId: ids.pothole,
      title: 'Dziura zgłoszona telefonicznie',
      description: 'Zwykłe zgłoszenie z infolinii.',
    });
    expect(phone.status).toBe(201);
    const matter = await register(letter());

    expect((await kp02.get(`/api/tickets/${phone.body.id}`)).status).toBe(404);
    expect((await kp02.get(`/api/mayor-matters/${phone.body.id}`)).status).toBe(404);
    expect((await kp02.get(`/api/tickets/${phone.body.id}/comments`)).status).toBe(404);
    expect((await kp02.post(`/api/tickets/${phone.body.id}/route`, { unitId: ids.zzm })).status).toBe(404);
    const all = await kp02.get<TicketDto[]>('/api/tickets?limit=200');
    expect(all.status).toBe(200);
    expect(all.body.length).toBeGreaterThan(0);
    expect(new Set(all.body.map((t) => t.channel))).toEqual(new Set(['mayor']));
    expect(all.body.map((t) => t.id)).toContain(matter.ticket.id);
    // Its only way to write a ticket is registering a matter; a unit's moves are not its own.
    expect((await kp02.post('/api/tickets', { ...letter(), channel: 'mayor', type: 'problem' })).status).toBe(403);
    expect((await kp02.post(`/api/tickets/${matter.ticket.id}/accept`, {})).status).toBe(403);
    expect((await kp02.post(`/api/tickets/${matter.ticket.id}/reject`, { reason: 'Nie nasza' })).status).toBe(403);
    expect((await kp02.get('/api/monitoring/units')).status).toBe(403);
  });

  it('leaves everyone else as they were: triage reads every matter, the hotline only its own, units theirs', async () => {
    const matter = await register(letter());
    await waitForStatus(kp02, matter.ticket.id, 'routed');
    expect((await triage.get(`/api/tickets/${matter.ticket.id}`)).status).toBe(200);
    expect((await supervisor.get(`/api/mayor-matters/${matter.ticket.id}`)).status).toBe(200);
    expect((await agent.get(`/api/tickets/${matter.ticket.id}`)).status).toBe(404);
    expect((await agent.get(`/api/mayor-matters/${matter.ticket.id}`)).status).toBe(404);
    expect((await roads.get(`/api/tickets/${matter.ticket.id}`)).status).toBe(200);
    // Another unit's staff member does not read ZDMK's matter.
    const [greenery] = await signedInAll(backend.url, 'zielen');
    expect((await greenery!.get(`/api/tickets/${matter.ticket.id}`)).status).toBe(404);
    expect((await greenery!.get(`/api/mayor-matters/${matter.ticket.id}`)).status).toBe(404);
    // Nobody writes a ticket of channel mayor around the register: it would lack its origin and dates.
    const direct = await agent.post<ErrorBody>('/api/tickets', {
      type: 'problem',
      channel: 'mayor',
      categoryId: ids.pothole,
      title: 'Sprawa do Prezydenta',
      description: 'Bez rejestru KP-02.',
    });
    expect(direct.status).toBe(400);
    expect(direct.body.error.fields!.map((f) => f.path)).toEqual(['channel']);
    // Only KP-02 and admins register; only KP-02, supervisors and admins read the list.
    for (const client of [agent, triage, roads, supervisor])
      expect((await client.post('/api/mayor-matters', letter())).status).toBe(403);
    for (const client of [agent, triage, roads]) expect((await client.get('/api/mayor-matters')).status).toBe(403);
    expect((await admin.post('/api/mayor-matters', letter())).status).toBe(201);
  });
});

describe('bad input', () => {
  const cases: [string, Partial<RegisterMayorMatterRequestInput> & Record<string, unknown>, string[]][] = [
    ['no origin', { origin: undefined }, ['origin']],
    ['an unknown origin', { origin: 'fax' as 'letter' }, ['origin']],
    ['a meeting without its date', { origin: 'meeting' }, ['meetingOn']],
    ['a meeting date on a letter', { meetingOn: day(-1) }, ['meetingOn']],
    ['a meeting after the receipt', { origin: 'meeting', meetingOn: day(0), receivedOn: day(-1) }, ['meetingOn']],
    ['a receipt that is no date', { receivedOn: '2026-02-30' }, ['receivedOn']],
    ['a receipt in the future', { receivedOn: day(2) }, ['receivedOn']],
    [
      'a meeting in the future',
      { origin: 'meeting', meetingOn: day(3), receivedOn: day(3) },
      ['receivedOn', 'meetingOn'],
    ],
    ["the Mayor's deadline before the receipt", { receivedOn: day(-1), mayorDeadline: day(-5) }, ['mayorDeadline']],
    ['a reference too long', { reference: 'x'.repeat(101) }, ['reference']],
    ['a short title and no description', { title: 'ab', description: ' ' }, ['title', 'description']],
    ['a bad e-mail', { reporter: { email: 'nie-adres' } }, ['reporter.email']],
    ['an unknown field', { channel: 'phone' }, ['(body)']],
    ['a category that does not exist', { categoryId: '00000000-0000-4000-8000-000000000000' }, ['categoryId']],
  ];

  it.each(cases)('answers 400 for %s, naming the fields, and writes nothing', async (_name, change, fields) => {
    const before = await matterCounts();
    const res = await kp02.post<ErrorBody>('/api/mayor-matters', { ...letter(), ...change });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    const paths = res.body.error.fields!.map((f) => f.path);
    expect(paths.sort()).toEqual([...fields].sort());
    expect(await matterCounts()).toEqual(before);
  });
});

describe('the list of matters and their deadlines', () => {
  it('filters open, overdue and all, by origin and unit, earliest due date first', async () => {
    const overdue = await register(
      letter({
        origin: 'meeting',
        meetingOn: day(-60),
        receivedOn: day(-60),
        mayorDeadline: day(-30),
        title: 'Dyspozycja Prezydenta po spotkaniu: termin minął',
      }),
    );
    const later = await register(letter({ mayorDeadline: day(90), title: 'Pismo z odległym terminem Prezydenta' }));
    await waitForStatus(kp02, overdue.ticket.id, 'routed');
    await waitForStatus(kp02, later.ticket.id, 'routed');

    const list = async (query: string) => {
      const res = await kp02.get<MayorMatterDto[]>(`/api/mayor-matters${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    const open = await list('');
    const openIds = open.map((m) => m.ticket.id);
    expect(openIds).toContain(overdue.ticket.id);
    expect(openIds).toContain(later.ticket.id);
    expect(openIds[0]).toBe(overdue.ticket.id); // due a month ago: first
    const dues = open.map((m) => Date.parse(m.ticket.dueAt!));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(open.every((m) => m.ticket.channel === 'mayor')).toBe(true);
    expect(open.find((m) => m.ticket.id === overdue.ticket.id)).toMatchObject({
      mayorDeadline: day(-30),
      ticket: { dueState: 'overdue', unitCode: 'ZDMK' },
    });

    const overdueOnly = await list('?state=overdue');
    expect(overdueOnly.map((m) => m.ticket.id)).toContain(overdue.ticket.id);
    expect(overdueOnly.map((m) => m.ticket.id)).not.toContain(later.ticket.id);
    expect(overdueOnly.every((m) => m.ticket.dueState === 'overdue')).toBe(true);

    const meetings = await list('?state=all&origin=meeting');
    expect(meetings.map((m) => m.ticket.id)).toContain(overdue.ticket.id);
    expect(meetings.every((m) => m.origin === 'meeting')).toBe(true);

    const atZdmk = await list(`?state=all&unitId=${ids.zdmk}`);
    expect(atZdmk.map((m) => m.ticket.id)).toEqual(expect.arrayContaining([overdue.ticket.id, later.ticket.id]));
    expect(atZdmk.every((m) => m.ticket.unitId === ids.zdmk)).toBe(true);
    const atZzm = await list(`?state=all&unitId=${ids.zzm}`);
    expect(atZzm.every((m) => m.ticket.unitId === ids.zzm)).toBe(true);
    expect(atZzm.map((m) => m.ticket.id)).not.toContain(later.ticket.id);

    // A resolved matter leaves the open list and stays in all.
    const accepted = await roads.post<TicketDto>(`/api/tickets/${later.ticket.id}/accept`, {});
    expect(accepted.status).toBe(200);
    const resolved = await roads.post<TicketDto>(`/api/tickets/${later.ticket.id}/resolve`, {
      answer: 'Jezdnia naprawiona.',
    });
    expect(resolved.status).toBe(200);
    expect((await list('')).map((m) => m.ticket.id)).not.toContain(later.ticket.id);
    expect((await list('?state=all')).map((m) => m.ticket.id)).toContain(later.ticket.id);

    expect((await supervisor.get('/api/mayor-matters?state=all')).status).toBe(200);
    const bad = await kp02.get<ErrorBody>('/api/mayor-matters?state=late&origin=fax');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields!.map((f) => f.path).sort()).toEqual(['query.origin', 'query.state']);
  });
});
