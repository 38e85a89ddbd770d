// Which pages each role may open and where it lands after signing in.
// The backend enforces the same rules; this only decides what the navigation offers.
import type { Role } from '@kck/contracts';

export const PAGES = [
  'calls',
  'triage',
  'unit',
  'tickets',
  'monitoring',
  'dashboard',
  'knowledge',
  'knowledgeWorklist',
  'knowledgeArticles',
  'knowledgeSynonyms',
  'knowledgeGaps',
  'routingRules',
  'deadlinePolicies',
  'queues',
  'surveys',
  'wallboard',
  'cityMatters',
  'incidents',
  'categoryAttributes',
  'open311Clients',
  'mayorMatters',
  'dictionaries',
  'reports',
  'users',
  'accessLog',
  'privacy',
] as const;
export type PageKey = (typeof PAGES)[number];

export const PAGE_PATHS: Record<PageKey, string> = {
  calls: '/calls',
  triage: '/triage',
  unit: '/unit',
  tickets: '/tickets',
  monitoring: '/monitoring',
  dashboard: '/dashboard',
  knowledge: '/knowledge',
  // Editors' pages sit outside /knowledge/ so the nav tab of each is told apart by its own prefix.
  knowledgeWorklist: '/kb/worklist',
  knowledgeArticles: '/kb/articles',
  knowledgeSynonyms: '/kb/synonyms',
  knowledgeGaps: '/kb/gaps',
  routingRules: '/routing-rules',
  deadlinePolicies: '/deadline-policies',
  queues: '/queues',
  surveys: '/surveys',
  wallboard: '/wallboard',
  cityMatters: '/city-matters',
  incidents: '/incidents',
  categoryAttributes: '/category-attributes',
  open311Clients: '/open311-clients',
  mayorMatters: '/mayor-matters',
  dictionaries: '/dictionaries',
  reports: '/reports',
  users: '/users',
  accessLog: '/access-log',
  privacy: '/privacy',
};

/** The first page of each list is the role's home. */
const ROLE_PAGES: Record<Role, readonly PageKey[]> = {
  agent: ['calls', 'knowledge'],
  // DK-03 reads the rules (to see why a ticket went where it did); only admins change them.
  triage: ['triage', 'tickets', 'monitoring', 'knowledge', 'routingRules'],
  // Heads of units read their unit's report.
  unit_staff: ['unit', 'reports'],
  // Analysts (DK-05) own the dictionaries, the deadline policies among them.
  // They also own the applications the department uses, and coordinate their outages (seed 004 §8).
  analyst: [
    'dashboard',
    'tickets',
    'monitoring',
    'deadlinePolicies',
    'knowledgeGaps',
    'surveys',
    'incidents',
    'dictionaries',
    'reports',
  ],
  supervisor: [
    'dashboard',
    'wallboard',
    'cityMatters',
    'tickets',
    'monitoring',
    'knowledgeGaps',
    'mayorMatters',
    'incidents',
    'reports',
  ],
  kb_editor: ['knowledge', 'knowledgeWorklist', 'knowledgeArticles', 'knowledgeSynonyms', 'knowledgeGaps'],
  admin: [
    'triage',
    'calls',
    'unit',
    'tickets',
    'monitoring',
    'dashboard',
    'knowledge',
    'knowledgeWorklist',
    'knowledgeArticles',
    'knowledgeSynonyms',
    'knowledgeGaps',
    'routingRules',
    'deadlinePolicies',
    'queues',
    'surveys',
    'wallboard',
    'cityMatters',
    'incidents',
    'categoryAttributes',
    'open311Clients',
    'mayorMatters',
    'dictionaries',
    'reports',
    'users',
    'accessLog',
    'privacy',
  ],
  // KP-02: the matters addressed to the Mayor; the knowledge base's unit scopes tell which unit is competent.
  mayor_office: ['mayorMatters', 'knowledge'],
  // The security officer: the access log only (who saw a resident's data), no ticket of any resident.
  auditor: ['accessLog'],
};

export const pagesOf = (role: Role): readonly PageKey[] => ROLE_PAGES[role];
export const canUsePage = (role: Role, page: PageKey): boolean => ROLE_PAGES[role].includes(page);
export const homeOf = (role: Role): string => PAGE_PATHS[ROLE_PAGES[role][0] ?? 'knowledge'];

/** A `next` path from the login redirect, kept only when the role may open it (and it stays on this site). */
export function allowedNext(role: Role, next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return null;
  if (next.startsWith('/tickets/')) return next;
  // The incident banner links every console to an open incident's page.
  if (next.startsWith('/incidents/')) return next;
  const page = PAGES.find((key) => next === PAGE_PATHS[key] || next.startsWith(`${PAGE_PATHS[key]}?`));
  return page && canUsePage(role, page) ? next : null;
}
