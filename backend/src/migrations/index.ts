// Migrations in the order they run; a new migration is appended here.
import { InitialSchema1763800000000 } from './1763800000000-initial-schema.ts';
import { KnowledgeSearch1763800000001 } from './1763800000001-knowledge-search.ts';
import { RoutingRuleEditing1763800000010 } from './1763800000010-routing-rule-editing.ts';
import { Notifications1763800000020 } from './1763800000020-notifications.ts';
import { BatchedTicketNumbers1763800000030 } from './1763800000030-batched-ticket-numbers.ts';
import { UnitIntegrations1763800000040 } from './1763800000040-unit-integrations.ts';
import { Deadlines1763800000050 } from './1763800000050-deadlines.ts';
import { UnitWorkspace1763800000060 } from './1763800000060-unit-workspace.ts';
import { TicketAttachments1763800000070 } from './1763800000070-ticket-attachments.ts';
import { TicketRelations1763800000080 } from './1763800000080-ticket-relations.ts';
import { DeadlinePolicyEditing1763800000090 } from './1763800000090-deadline-policy-editing.ts';
import { KnowledgeArticles1763800000100 } from './1763800000100-knowledge-articles.ts';
import { KnowledgeSearchLog1763800000110 } from './1763800000110-knowledge-search-log.ts';
import { KnowledgeSearchDocuments1763800000120 } from './1763800000120-knowledge-search-documents.ts';
import { StaffEmail1763800000170 } from './1763800000170-staff-email.ts';
import { AttachmentRemoval1763800000180 } from './1763800000180-attachment-removal.ts';
import { ElectronicIntake1763800000190 } from './1763800000190-electronic-intake.ts';
import { LiveCalls1763800000130 } from './1763800000130-live-calls.ts';
import { PresenceAndCityMatters1763800000140 } from './1763800000140-presence-and-city-matters.ts';
import { Surveys1763800000150 } from './1763800000150-surveys.ts';
import { Streets1763800000160 } from './1763800000160-streets.ts';
import { Open3111763800000200 } from './1763800000200-open311.ts';
import { EmailIntake1763800000210 } from './1763800000210-email-intake.ts';
import { PublicIntake1763800000220 } from './1763800000220-public-intake.ts';
import { DuplicatesAtIntake1763800000240 } from './1763800000240-duplicates-at-intake.ts';
import { Incidents1763800000280 } from './1763800000280-incidents.ts';
import { AnalyticsRollups1763800000300 } from './1763800000300-analytics-rollups.ts';
import { Open311Updates1763800000260 } from './1763800000260-open311-updates.ts';
import { DictionaryVersions1763800000310 } from './1763800000310-dictionary-versions.ts';
import { Reports1763800000320 } from './1763800000320-reports.ts';
import { ClosureReasons1763800000360 } from './1763800000360-closure-reasons.ts';
import { ClosureReasonRollups1763800000380 } from './1763800000380-closure-reason-rollups.ts';
import { Identity1763800000330 } from './1763800000330-identity.ts';
import { AccessLog1763800000340 } from './1763800000340-access-log.ts';
import { TriageInbox1763800000250 } from './1763800000250-triage-inbox.ts';
import { MayorMatters1763800000230 } from './1763800000230-mayor-matters.ts';
import { Privacy1763800000350 } from './1763800000350-privacy.ts';
import { StreetVersions1763800000370 } from './1763800000370-street-versions.ts';
import { TicketRequestIds1763800000390 } from './1763800000390-ticket-request-ids.ts';
import { TicketNumberingFunction1763800000400 } from './1763800000400-ticket-numbering-function.ts';
import { DeadlinePlanRead1763800000401 } from './1763800000401-deadline-plan-read.ts';
import { UnitCodesFunction1763800000402 } from './1763800000402-unit-codes-function.ts';

export const MIGRATIONS = [
  InitialSchema1763800000000,
  KnowledgeSearch1763800000001,
  RoutingRuleEditing1763800000010,
  Notifications1763800000020,
  BatchedTicketNumbers1763800000030,
  UnitIntegrations1763800000040,
  Deadlines1763800000050,
  UnitWorkspace1763800000060,
  TicketAttachments1763800000070,
  TicketRelations1763800000080,
  DeadlinePolicyEditing1763800000090,
  KnowledgeArticles1763800000100,
  KnowledgeSearchLog1763800000110,
  KnowledgeSearchDocuments1763800000120,
  StaffEmail1763800000170,
  AttachmentRemoval1763800000180,
  ElectronicIntake1763800000190,
  LiveCalls1763800000130,
  PresenceAndCityMatters1763800000140,
  Surveys1763800000150,
  Streets1763800000160,
  Open3111763800000200,
  EmailIntake1763800000210,
  PublicIntake1763800000220,
  MayorMatters1763800000230,
  DuplicatesAtIntake1763800000240,
  TriageInbox1763800000250,
  Incidents1763800000280,
  AnalyticsRollups1763800000300,
  Open311Updates1763800000260,
  DictionaryVersions1763800000310,
  Reports1763800000320,
  ClosureReasons1763800000360,
  ClosureReasonRollups1763800000380,
  Identity1763800000330,
  AccessLog1763800000340,
  Privacy1763800000350,
  StreetVersions1763800000370,
  TicketRequestIds1763800000390,
  TicketNumberingFunction1763800000400,
  DeadlinePlanRead1763800000401,
  UnitCodesFunction1763800000402,
];
