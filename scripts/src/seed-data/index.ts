// The seed data set in one import: units, dictionaries (districts, categories, call topics, channels),
// knowledge-base articles, demo users and the units' demo workspace settings. scripts/src/seed.ts reads it here.
export { UNITS, ORDINANCE_UNITS, type SeedUnit } from './units.ts';
export { CITY_HALL_HOURS, HOTLINE_HOURS } from './unit-model.ts';
export { DISTRICTS, type SeedDistrict } from './districts.ts';
export { CATEGORIES, type SeedCategory } from './categories.ts';
export { CALL_TOPICS, type SeedCallTopic } from './call-topics.ts';
export { CHANNEL_LABELS, type SeedChannel } from './channels.ts';
export { ARTICLES, type SeedArticle } from './articles.ts';
export { formatOpeningHours, scopePoints } from './articles-unit-scope.ts';
export { DEMO_USERS, DEMO_PASSWORD, type SeedUser } from './users.ts';
export { DEADLINE_POLICIES, type SeedDeadlinePolicy } from './deadline-policies.ts';
export {
  ANSWER_TEMPLATES,
  DEMO_UNIT_CONTACTS,
  UNIT_ASSIGNMENT_MODES,
  type SeedAnswerTemplate,
} from './unit-workspace.ts';
export { DEMO_TICKETS, type DemoTicketState, type SeedDemoTicket } from './demo-tickets.ts';
