// A ticket's map pin and its answers to the category's own questions: kept as sent, read back in the DTO,
// and bad values refused with the field named, writing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { entryId } from '../../backend/src/test-support/builders.ts';

let backend: TestBackend;
let agent: TestClient;

beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
  agent = await signedIn(backend.url, 'agent');
});
afterAll(() => backend?.close());

const lamp = async (extra: Record<string, unknown>) =>
  agent.post<TicketDto & ErrorBody>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    // Street lighting asks the seeded questions (scripts/src/seed-data/category-attributes.ts).
    categoryId: await entryId(backend.ctx.db, 'category', 'roads.lighting'),
    title: 'Nie świeci latarnia',
    description: 'Latarnia przy przejściu nie świeci od tygodnia.',
    ...extra,
  });

describe('a ticket with a map pin and attribute answers', () => {
  it('keeps both and reads them back; a ticket without them has none', async () => {
    const created = await lamp({
      location: { latitude: 50.0614, longitude: 19.9372 },
      attributes: { lamp_post_number: 'L-1234', lighting_fault: 'several_out' },
    });
    expect(created.status).toBe(201);
    expect(created.body.location).toEqual({ latitude: 50.0614, longitude: 19.9372 });
    expect(created.body.attributes).toEqual({ lamp_post_number: 'L-1234', lighting_fault: 'several_out' });
    const read = await agent.get<TicketDto>(`/api/tickets/${created.body.id}`);
    expect(read.body.location).toEqual({ latitude: 50.0614, longitude: 19.9372 });

    const plain = await lamp({});
    expect(plain.body.location).toBeNull();
    expect(plain.body.attributes).toEqual({});
  });

  it('refuses a pin off the globe, half a pin and bad attribute codes, naming each, and writes nothing', async () => {
    const count = async () => Number((await backend.ctx.db.query(`SELECT count(*) AS n FROM ticket`))[0].n);
    const before = await count();
    const res = await lamp({
      location: { latitude: 91, longitude: 19.9 },
      attributes: { 'Lamp Post': 'x', ok_code: { nested: true } },
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.fields!.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['location.latitude', 'attributes.Lamp Post', 'attributes.ok_code']));
    const half = await lamp({ location: { latitude: 50.06 } });
    expect(half.status).toBe(400);
    expect(half.body.error.fields!.map((f) => f.path)).toEqual(['location.longitude']);
    expect(await count()).toBe(before);
  });
});
