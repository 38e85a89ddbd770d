// Every TypeORM entity of the backend, for the DataSource.
import { User } from './auth/user.entity.ts';
import { Session } from './auth/session.entity.ts';
import { Unit } from './units/unit.entity.ts';
import { DictionaryEntry } from './dictionaries/dictionary-entry.entity.ts';
import { RoutingRule } from './routing/routing-rule.entity.ts';
import { Article } from './knowledge/article.entity.ts';
import { Interaction } from './calls/interaction.entity.ts';
import { Ticket } from './tickets/ticket.entity.ts';
import { TicketEvent } from './tickets/ticket-event.entity.ts';
import { TicketLink } from './tickets/ticket-link.entity.ts';
import { OutboxMessage } from './platform/outbox/outbox.entity.ts';
import { Notification } from './notifications/notification.entity.ts';
import { DeadlineAlert, DeadlinePolicy } from './deadlines/deadline.entities.ts';
import { WORKSPACE_ENTITIES } from './workspace/workspace.entities.ts';
import { TicketAttachment } from './attachments/attachment.entity.ts';
import { AgentPresence, PresenceInterval } from './presence/presence.entities.ts';
import { CityMatter } from './city-matters/city-matter.entity.ts';
import { Street } from './streets/street.entity.ts';
import { EmailMessage } from './email-intake/email-message.entity.ts';
import { INCIDENT_ENTITIES } from './incidents/incident.entities.ts';
import { SavedFilter } from './triage/saved-filter.entity.ts';
import { MayorMatter } from './mayor-matters/mayor-matter.entity.ts';
import { REPORT_ENTITIES } from './reports/report.entities.ts';

export const ENTITIES = [
  User,
  Session,
  Unit,
  DictionaryEntry,
  RoutingRule,
  Article,
  Interaction,
  Ticket,
  TicketEvent,
  TicketLink,
  OutboxMessage,
  Notification,
  DeadlinePolicy,
  DeadlineAlert,
  ...WORKSPACE_ENTITIES,
  TicketAttachment,
  AgentPresence,
  PresenceInterval,
  CityMatter,
  Street,
  EmailMessage,
  ...INCIDENT_ENTITIES,
  SavedFilter,
  MayorMatter,
  ...REPORT_ENTITIES,
];
