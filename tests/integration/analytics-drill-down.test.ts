// DK-05's drill-down lists: the tickets behind a figure (GET /api/tickets with createdFrom/createdTo in local
// Kraków days, and type) and the recorded calls behind a call figure (GET /api/calls with period, hour, topic,
// outcome, with or without a ticket). Each test checks only its own rows: a unit and a call day of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDto, ErrorBody, TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { buildUnit, entryId, unroutedCategory } from '../../backend/src/test-support/builders.ts';

let backend: TestBackend;
let agent: TestClient;
let triage: TestClient;
let analyst: TestClient;
let unit: { id: string; code: string };
let categoryId: string;

/** A local (Kraków) date `offset` days from today. */
const localDay = (offset = 0) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(new Date(Date.now() + offset * 86_400_000));

async function ticketInUnit(type: 'problem' | 'idea', title: string): Promise<TicketDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type,
    channel: 'phone',
    categoryId,
    title,
    description: 'Zgłoszenie do listy za liczbą pulpitu.',
  });
  expect(created.status).toBe(201);
  const routed = await triage.post<TicketDto>(`/api/tickets/${created.body.id}/route`, { unitId: unit.id });
  expect(routed.status).toBe(200);
  return routed.body;
}

const listed = async (query: string) => {
  const res = await analyst.get<TicketDto[]>(`/api/tickets?unitId=${unit.id}&${query}`);
  expect(res.status).toBe(200);
  return res.body.map((ticket) => ticket.number).sort();
};

let today: TicketDto;
let idea: TicketDto;
let older: TicketDto;

beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
  [agent, triage, analyst] = await Promise.all([
    signedIn(backend.url, 'agent'),
    signedIn(backend.url, 'triage'),
    signedIn(backend.url, 'analityk'),
  ]);
  unit = await buildUnit(backend.ctx.db);
  categoryId = await unroutedCategory(backend.ctx.db);
  today = await ticketInUnit('problem', 'Dzisiejsze');
  idea = await ticketInUnit('idea', 'Dzisiejszy pomysł');
  older = await ticketInUnit('problem', 'Sprzed trzech dni');
  // Written three days ago, just after local midnight: the list counts it on that local day, as the figures do.
  await backend.ctx.db.query(
    `UPDATE ticket SET created_at = ((now() AT TIME ZONE 'Europe/Warsaw')::date - 3)::timestamp
                                    AT TIME ZONE 'Europe/Warsaw' + interval '5 minutes' WHERE id = $1`,
    [older.id],
  );
}, 60_000);
afterAll(() => backend?.close());

describe('the ticket list behind a figure', () => {
  it('narrows to tickets written within local days, both ends included', async () => {
    const all = [today.number, idea.number, older.number].sort();
    expect(await listed(`createdFrom=${localDay(-3)}&createdTo=${localDay()}`)).toEqual(all);
    expect(await listed(`createdFrom=${localDay()}&createdTo=${localDay()}`)).toEqual(
      [today.number, idea.number].sort(),
    );
    expect(await listed(`createdFrom=${localDay(-3)}&createdTo=${localDay(-3)}`)).toEqual([older.number]);
    expect(await listed(`createdTo=${localDay(-4)}`)).toEqual([]);
    expect(await listed(`createdFrom=${localDay(-2)}`)).toEqual([today.number, idea.number].sort());
    // A reversed period is simply empty.
    expect(await listed(`createdFrom=${localDay()}&createdTo=${localDay(-3)}`)).toEqual([]);
  });

  it('narrows by ticket type and combines with the other filters', async () => {
    expect(await listed('type=idea')).toEqual([idea.number]);
    expect(await listed(`type=problem&createdFrom=${localDay()}&channel=phone&categoryId=${categoryId}`)).toEqual([
      today.number,
    ]);
  });

  it('refuses a malformed date or type with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['createdFrom=2026-13-01', 'createdFrom'],
      ['createdTo=yesterday', 'createdTo'],
      ['createdFrom=01.11.2026', 'createdFrom'],
      ['type=complaint', 'type'],
    ] as const) {
      const res = await analyst.get<ErrorBody>(`/api/tickets?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.fields?.map((f) => f.path).join(' '), query).toContain(field);
    }
  });
});

describe('the call list behind a figure', () => {
  // A winter day of its own far in the past (14:xx at UTC+1, Kraków's winter time), so figures and lists of other
  // files never include it.
  const day = `2016-0${1 + Math.floor(Math.random() * 2)}-1${Math.floor(Math.random() * 9)}`;
  let information: CallDto;
  let withTicket: CallDto;
  let topicId: string;

  beforeAll(async () => {
    topicId = await entryId(backend.ctx.db, 'call_topic', 'unit_scope');
    const record = async (minute: number, body: Record<string, unknown>) => {
      const res = await agent.post<CallDto>('/api/calls', {
        startedAt: `${day}T14:${minute}:00+01:00`,
        endedAt: `${day}T14:${minute + 3}:00+01:00`,
        topicId,
        ...body,
      });
      expect(res.status).toBe(201);
      return res.body;
    };
    information = await record(10, { outcome: 'information_given', informationGiven: 'Godziny otwarcia.' });
    withTicket = await record(20, {
      outcome: 'problem',
      tickets: [{ type: 'problem', categoryId, title: 'Z rozmowy', description: 'Zgłoszenie z rozmowy.' }],
    });
  });

  const calls = async (query: string) => {
    const res = await analyst.get<CallDto[]>(`/api/calls?view=all&limit=200&from=${day}&to=${day}&${query}`);
    expect(res.status).toBe(200);
    return res.body.map((call) => call.id).sort();
  };

  it('narrows to the day, hour, topic, outcome and whether a ticket was written', async () => {
    expect(await calls('')).toEqual([information.id, withTicket.id].sort());
    expect(await calls('hour=14')).toEqual([information.id, withTicket.id].sort());
    expect(await calls('hour=13')).toEqual([]);
    expect(await calls(`topicId=${topicId}&outcome=information_given`)).toEqual([information.id]);
    expect(await calls('withTicket=false')).toEqual([information.id]);
    expect(await calls('withTicket=true')).toEqual([withTicket.id]);
  });

  it('refuses a bad hour or date with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['hour=24', 'hour'],
      ['from=2016-02-30x', 'from'],
      ['outcome=shouting', 'outcome'],
    ] as const) {
      const res = await analyst.get<ErrorBody>(`/api/calls?view=all&${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.fields?.map((f) => f.path).join(' '), query).toContain(field);
    }
  });
});
