// Waiting for what the worker does after a request has answered (routing, e-mail, delivery), by asking the API
// again until it shows, with a clear message when it never does.
import type { TicketDetailDto } from '@kck/contracts';
import type { TestClient } from '../../backend/src/test-support/test-client.ts';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The ticket as `client` reads it, once it has reached `status`. */
export async function waitForStatus(
  client: TestClient,
  id: string,
  status: string,
  timeoutMs = 15_000,
): Promise<TicketDetailDto> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ticket = (await client.get<TicketDetailDto>(`/api/tickets/${id}`)).body;
    if (ticket?.status === status) return ticket;
    await sleep(100);
  }
  throw new Error(`ticket ${id} never reached ${status}`);
}
