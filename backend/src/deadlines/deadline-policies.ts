// Due dates from the deadline policies: the most specific policy for a ticket's type, category, priority and
// channel, counted in working days or office hours. Policies and the category tree are read once a minute per process.
import type { DataSource, EntityManager } from 'typeorm';
import type { Channel, TicketPriority, TicketType } from '@kck/contracts';
import { config } from '../platform/config.ts';
import { addWorkingDays, addWorkingMinutes, parseOfficeHours, type OfficeHours } from './working-days.ts';

/** When no policy matches at all: the Code of Administrative Procedure's month. */
export const DEFAULT_RESOLUTION_WORKING_DAYS = 21;

export interface DeadlinePolicyRow {
  ticketType: TicketType;
  categoryId: string | null;
  priority: TicketPriority | null;
  /** Absent or null: any channel. */
  channel?: Channel | null;
  workingDays: number | null;
  workingHours: number | null;
}

/** What picks a ticket's policy; a ticket written without a channel in hand is matched by channel-wide policies only. */
export interface PolicyKey {
  type: TicketType;
  categoryId: string;
  priority: TicketPriority;
  channel?: Channel;
}

export interface DeadlineRules {
  policies: DeadlinePolicyRow[];
  /** Category id -> its group's id (null for a group). */
  parents: Map<string, string | null>;
}

let officeHoursCache: OfficeHours | undefined;

/**
 * The process's office hours (OFFICE_HOURS). Read from the process-wide configuration rather than passed in, so
 * intake, the commands and the worker cannot disagree on them.
 */
export function officeHours(): OfficeHours {
  officeHoursCache ??= parseOfficeHours(config().OFFICE_HOURS);
  return officeHoursCache;
}

/**
 * Specificity of a matching policy: category leaf 8, group 4, any 0; plus 2 for a named priority; plus 1 for a
 * named channel. The channel weighs least: KP-02's policy for `mayor` replaces the type's general rule, while a
 * category's own rule (a hazard counted in hours) or a priority's still wins, and so never gets longer because a
 * matter came through the Mayor. An analyst who wants more adds a policy naming the channel and the category.
 */
function specificity(policy: DeadlinePolicyRow, ticket: PolicyKey, parent: string | null): number {
  if (policy.ticketType !== ticket.type) return -1;
  if (policy.priority !== null && policy.priority !== ticket.priority) return -1;
  const channel = policy.channel ?? null;
  if (channel !== null && channel !== ticket.channel) return -1;
  const category =
    policy.categoryId === null
      ? 0
      : policy.categoryId === ticket.categoryId
        ? 8
        : policy.categoryId === parent
          ? 4
          : -1;
  if (category < 0) return -1;
  return category + (policy.priority === null ? 0 : 2) + (channel === null ? 0 : 1);
}

/** The most specific matching policy, or null when none matches. */
export function pickPolicy(rules: DeadlineRules, ticket: PolicyKey): DeadlinePolicyRow | null {
  const parent = rules.parents.get(ticket.categoryId) ?? null;
  let best: DeadlinePolicyRow | null = null;
  let bestScore = -1;
  for (const policy of rules.policies) {
    const score = specificity(policy, ticket, parent);
    if (score > bestScore) [best, bestScore] = [policy, score];
  }
  return best;
}

/** Day policies end with the working day (23:59:59 in Kraków); hour policies count office hours. */
export function dueAtUnder(policy: DeadlinePolicyRow | null, from: Date, hours: OfficeHours = officeHours()): Date {
  if (policy?.workingHours) return addWorkingMinutes(from, policy.workingHours * 60, hours);
  return addWorkingDays(from, policy?.workingDays ?? DEFAULT_RESOLUTION_WORKING_DAYS);
}

const RULES_TTL_MS = 60_000;
const rulesByDatabase = new WeakMap<DataSource, { at: number; rules: Promise<DeadlineRules> }>();

async function readRules(db: DataSource): Promise<DeadlineRules> {
  const [policies, categories] = await Promise.all([
    db.query(
      `SELECT ticket_type AS "ticketType", category_id AS "categoryId", priority, channel,
              working_days AS "workingDays", working_hours AS "workingHours" FROM deadline_policy WHERE active`,
    ) as Promise<DeadlinePolicyRow[]>,
    db.query(`SELECT id, parent_id FROM dictionary_entry WHERE dictionary = 'category'`) as Promise<
      { id: string; parent_id: string | null }[]
    >,
  ]);
  return { policies, parents: new Map(categories.map((c) => [c.id, c.parent_id])) };
}

/**
 * The policies, read at most once a minute: intake is the hot path and they change rarely, so a ticket costs no
 * extra round trip. A change through the API forgets this process's copy (it applies to the next ticket at once);
 * other processes (other backend instances, the worker) and changes made by hand apply within a minute.
 */
export function deadlineRules(source: DataSource | EntityManager): Promise<DeadlineRules> {
  const db = 'connection' in source ? source.connection : source;
  const cached = rulesByDatabase.get(db);
  if (cached && Date.now() - cached.at < RULES_TTL_MS) return cached.rules;
  const rules = readRules(db);
  rulesByDatabase.set(db, { at: Date.now(), rules });
  // A failed read must not be remembered.
  rules.catch(() => rulesByDatabase.delete(db));
  return rules;
}

/** Forgets the cached policies (after a change that must apply at once: the policy API, the seed, tests). */
export function forgetDeadlineRules(db: DataSource): void {
  rulesByDatabase.delete(db);
}

/** The due date of a ticket written now. */
export async function dueAtForNewTicket(
  source: DataSource | EntityManager,
  ticket: PolicyKey,
  now: Date,
): Promise<Date> {
  return dueAtUnder(pickPolicy(await deadlineRules(source), ticket), now);
}
