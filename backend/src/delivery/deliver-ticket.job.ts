// The `delivery` queue's consumer: POSTs a routed ticket to its unit's webhook, signed, once per routing
// event however often the job runs; after the last attempt the ticket is flagged so DK-03 passes it on.
import type { DataSource } from 'typeorm';
import {
  DOMAIN_EVENTS,
  UNIT_DELIVERY_HEADER,
  UNIT_SIGNATURE_HEADER,
  UNIT_TIMESTAMP_HEADER,
  type OutboxJob,
} from '@kck/contracts';
import type { Logger } from '../platform/logger.ts';
import { appendTicketEvent } from '../tickets/tickets.service.ts';
import { loadDeliveryTarget, signBody } from './unit-delivery.ts';

export type DeliverOutcome = 'not_delivering' | 'no_integration' | 'delivered' | 'already_delivered';

/** Which BullMQ attempt this is: the last one failing is what flags the ticket. */
export interface JobAttempt {
  attempt: number;
  maxAttempts: number;
  /** The BullMQ job's id: the same across its retries (a scheduled report records its run by it). */
  jobId?: string;
}

class WebhookFailed extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null,
  ) {
    super(message);
  }
}

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number) {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'KCK-delivery/1', ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    throw new WebhookFailed(`${String(err)}${cause ? ` (${cause})` : ''}`, null);
  }
  // Drain the body so the connection is released; a unit's answer text is kept only for the error.
  const text = await res.text().catch(() => '');
  if (res.status < 200 || res.status >= 300)
    throw new WebhookFailed(`HTTP ${res.status}: ${text.slice(0, 200)}`, res.status);
  return res.status;
}

/**
 * Same idempotency as e-mail to residents: the row `delivery (ticket_id, unit_id, event_seq)` is inserted once,
 * then locked FOR UPDATE while the POST goes out, and marked 'delivered' in the same transaction, so a retried
 * or re-run job posts nothing once one attempt succeeded. The window left (process dies after the unit answered
 * 2xx, before the commit) re-posts with the same `X-KCK-Delivery` id, on which the unit deduplicates.
 * A failed attempt is recorded and rethrown for BullMQ's backoff; the last one marks the row 'failed', flags the
 * ticket and writes `ticket.delivery_failed` in the same transaction, so nothing is lost silently.
 */
export async function handleDeliverTicketJob(
  db: DataSource,
  logger: Logger,
  job: OutboxJob,
  attempt: JobAttempt,
  options: { timeoutMs: number },
): Promise<DeliverOutcome> {
  // A routing event, or DK-03 asking to try again after every attempt failed: both post the ticket to the unit.
  if (job.event !== 'ticket.routed' && job.event !== 'ticket.redelivery_requested') return 'not_delivering';
  const { ticketId, seq } = DOMAIN_EVENTS[job.event].parse(job.payload);
  const target = await loadDeliveryTarget(db.manager, ticketId, seq);
  if (!target) return 'no_integration';

  await db.query(
    `INSERT INTO delivery (ticket_id, unit_id, event_seq) VALUES ($1, $2, $3)
     ON CONFLICT (ticket_id, unit_id, event_seq) DO NOTHING`,
    [ticketId, target.unitId, seq],
  );
  const final = attempt.attempt >= attempt.maxAttempts;
  const result = await db.transaction(async (em): Promise<DeliverOutcome | { failed: WebhookFailed }> => {
    const rows: { id: string; status: string }[] = await em.query(
      `SELECT id, status FROM delivery WHERE ticket_id = $1 AND unit_id = $2 AND event_seq = $3 FOR UPDATE`,
      [ticketId, target.unitId, seq],
    );
    const row = rows[0]!;
    if (row.status === 'delivered') return 'already_delivered';
    const body = JSON.stringify({ ...target.payload, deliveryId: row.id });
    const headers = {
      [UNIT_SIGNATURE_HEADER]: signBody(target.webhookSecret, body),
      [UNIT_TIMESTAMP_HEADER]: String(Math.floor(Date.now() / 1000)),
      [UNIT_DELIVERY_HEADER]: row.id,
    };
    try {
      const status = await post(target.webhookUrl, body, headers, options.timeoutMs);
      await em.query(
        `UPDATE delivery SET status = 'delivered', attempts = attempts + 1, last_status_code = $2, last_error = NULL,
                delivered_at = now()
          WHERE id = $1`,
        [row.id, status],
      );
      return 'delivered';
    } catch (err) {
      const failed = err instanceof WebhookFailed ? err : new WebhookFailed(String(err), null);
      await em.query(
        `UPDATE delivery SET status = $2, attempts = attempts + 1, last_error = $3, last_status_code = $4 WHERE id = $1`,
        [row.id, final ? 'failed' : 'pending', failed.message.slice(0, 1000), failed.statusCode],
      );
      if (final) {
        const flagged: unknown[] = await em.query(
          // In a SELECT: TypeORM answers a bare UPDATE ... RETURNING with [rows, count].
          `WITH flagged AS (UPDATE ticket SET delivery_failed = true WHERE id = $1 AND NOT delivery_failed RETURNING id)
           SELECT id FROM flagged`,
          [ticketId],
        );
        // One event per ticket however many deliveries fail: DK-03 needs to hear it once.
        if (flagged.length > 0)
          await appendTicketEvent(
            em,
            ticketId,
            'ticket.delivery_failed',
            null,
            { deliveryFailed: { from: false, to: true } },
            `System jednostki nie odebrał zgłoszenia po ${attempt.attempt} próbach: ${failed.message.slice(0, 300)}`,
          );
      }
      return { failed };
    }
  });

  if (typeof result === 'object') {
    logger.warn(
      { ticketId, seq, unitId: target.unitId, attempt: attempt.attempt, final, err: result.failed.message },
      final ? 'delivery to unit failed for good; ticket flagged for DK-03' : 'delivery to unit failed; retrying',
    );
    throw result.failed;
  }
  logger.info({ ticketId, seq, unitId: target.unitId, outcome: result }, 'delivery to unit handled');
  return result;
}
