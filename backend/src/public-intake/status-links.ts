// The private status-page links: a random 256-bit token per link, of which only the SHA-256 is stored. The form's
// own link sits on the ticket (status_token_hash); the acknowledgement e-mail's and a resent form's in ticket_status_link.
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { statusPagePath, ticketNumberOf } from '@kck/contracts';
import { notFound } from '../platform/errors.ts';

/** 32 random bytes, base64url: 43 characters that need no escaping in a URL. */
export const newStatusToken = (): string => randomBytes(32).toString('base64url');

export const hashStatusToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** What a token shorter or longer than ours, or with other characters, cannot be: no lookup is made for it. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const statusUrl = (publicUrl: string, number: string, token: string): string =>
  new URL(statusPagePath(number, token), publicUrl).toString();

/** Issues one more link to a ticket (its e-mail, a resent form) and answers its absolute URL. */
export async function issueStatusLink(
  em: EntityManager,
  ticket: { id: string; number: string },
  issuedFor: 'email' | 'resubmission',
  publicUrl: string,
): Promise<{ token: string; url: string }> {
  const token = newStatusToken();
  await em.query(`INSERT INTO ticket_status_link (token_hash, ticket_id, issued_for) VALUES ($1, $2, $3)`, [
    hashStatusToken(token),
    ticket.id,
    issuedFor,
  ]);
  return { token, url: statusUrl(publicUrl, ticket.number, token) };
}

export interface LinkedTicket {
  id: string;
  number: string;
  status: string;
  /** When the matter ended (resolved, closed, rejected, merged); null while open. */
  endedAt: Date | null;
}

const ENDED = `('resolved', 'closed', 'rejected', 'duplicate')`;

/**
 * The ticket a status link opens, or 404 — the same answer for a wrong number, a wrong or missing token and a link
 * past PUBLIC_STATUS_LINK_DAYS, so nobody learns from it whether a number exists.
 */
export async function ticketOfStatusLink(
  db: DataSource | EntityManager,
  ref: string,
  token: string | undefined,
  linkDays: number,
): Promise<LinkedTicket> {
  if (!token || !TOKEN_SHAPE.test(token)) throw notFound('Report');
  const hash = hashStatusToken(token);
  const rows: LinkedTicket[] = await db.query(
    `SELECT t.id, t.number, t.status,
            CASE WHEN t.status IN ${ENDED}
                 THEN (SELECT max(e.at) FROM ticket_event e WHERE e.ticket_id = t.id AND e.changes ? 'status') END AS "endedAt"
       FROM ticket t
      WHERE t.number = $1
        AND (t.status_token_hash = $2
             OR EXISTS (SELECT 1 FROM ticket_status_link l WHERE l.token_hash = $2 AND l.ticket_id = t.id))`,
    [ticketNumberOf(ref), hash],
  );
  const ticket = rows[0];
  if (!ticket) throw notFound('Report');
  if (ticket.endedAt && Date.now() - ticket.endedAt.getTime() > linkDays * 86_400_000) throw notFound('Report');
  return ticket;
}
