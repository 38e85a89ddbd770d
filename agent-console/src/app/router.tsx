// Routes of the console: the login page, then the signed-in frame with one page per module.
// Pages load lazily so the login page and the call panel stay light; every page checks the role.
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import type { PageKey } from '../features/auth/access';
import { HomeRedirect, RequireAuth, RequirePage } from '../features/auth/components/RequireAuth';
import { LoginPage } from '../features/auth/pages/LoginPage';
import { AppLayout } from './AppLayout';

const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const CallPanelPage = page(() => import('../features/calls/pages/CallPanelPage'), 'CallPanelPage');
const TriageInboxPage = page(() => import('../features/triage/pages/TriageInboxPage'), 'TriageInboxPage');
const UnitQueuePage = page(() => import('../features/unit-queue/pages/UnitQueuePage'), 'UnitQueuePage');
const AllTicketsPage = page(() => import('../features/tickets/pages/AllTicketsPage'), 'AllTicketsPage');
const TicketDetailPage = page(() => import('../features/tickets/pages/TicketDetailPage'), 'TicketDetailPage');
const MonitoringPage = page(() => import('../features/monitoring/pages/MonitoringPage'), 'MonitoringPage');
const DashboardPage = page(() => import('../features/dashboard/pages/DashboardPage'), 'DashboardPage');
const CallListPage = page(() => import('../features/dashboard/pages/CallListPage'), 'CallListPage');
const KnowledgePage = page(() => import('../features/knowledge/pages/KnowledgePage'), 'KnowledgePage');
const KbWorklistPage = page(() => import('../features/knowledge/pages/WorklistPage'), 'WorklistPage');
const KbArticlesPage = page(() => import('../features/knowledge/pages/ArticlesPage'), 'ArticlesPage');
const KbArticleEditorPage = page(() => import('../features/knowledge/pages/ArticleEditorPage'), 'ArticleEditorPage');
const KbArticleHistoryPage = page(() => import('../features/knowledge/pages/ArticleHistoryPage'), 'ArticleHistoryPage');
const KbSynonymsPage = page(() => import('../features/knowledge/pages/SynonymsPage'), 'SynonymsPage');
const KbGapsPage = page(() => import('../features/knowledge/pages/GapsPage'), 'GapsPage');
const RoutingRulesPage = page(() => import('../features/routing-rules/pages/RoutingRulesPage'), 'RoutingRulesPage');
const DeadlinePoliciesPage = page(
  () => import('../features/deadlines/pages/DeadlinePoliciesPage'),
  'DeadlinePoliciesPage',
);
const QueuesPage = page(() => import('../features/queues/pages/QueuesPage'), 'QueuesPage');
const WallboardPage = page(() => import('../features/wallboard/pages/WallboardPage'), 'WallboardPage');
const CityMattersPage = page(() => import('../features/city-matters/pages/CityMattersPage'), 'CityMattersPage');
const IncidentsPage = page(() => import('../features/incidents/pages/IncidentsPage'), 'IncidentsPage');
const IncidentDetailPage = page(() => import('../features/incidents/pages/IncidentDetailPage'), 'IncidentDetailPage');
const CategoryAttributesPage = page(
  () => import('../features/category-attributes/pages/CategoryAttributesPage'),
  'CategoryAttributesPage',
);
const UsersPage = page(() => import('../features/users/pages/UsersPage'), 'UsersPage');
const Open311ClientsPage = page(
  () => import('../features/open311-keys/pages/Open311ClientsPage'),
  'Open311ClientsPage',
);

const DictionariesPage = page(() => import('../features/dictionaries/pages/DictionariesPage'), 'DictionariesPage');
const ReportsPage = page(() => import('../features/reports/pages/ReportsPage'), 'ReportsPage');
const AccessLogPage = page(() => import('../features/access-log/pages/AccessLogPage'), 'AccessLogPage');
const PrivacyPage = page(() => import('../features/privacy/pages/PrivacyPage'), 'PrivacyPage');
const MayorMattersPage = page(() => import('../features/mayor-matters/pages/MayorMattersPage'), 'MayorMattersPage');
const SurveysPage = page(() => import('../features/surveys/pages/SurveysPage'), 'SurveysPage');
const SurveyEditorPage = page(() => import('../features/surveys/pages/SurveyEditorPage'), 'SurveyEditorPage');
const SurveyResultsPage = page(() => import('../features/surveys/pages/SurveyResultsPage'), 'SurveyResultsPage');
const SurveyRunPage = page(() => import('../features/surveys/pages/SurveyRunPage'), 'SurveyRunPage');
// The residents' pages: no sign-in, no console frame (no session check, no socket).
const PublicReportPage = page(() => import('../features/public-report/pages/PublicReportPage'), 'PublicReportPage');
const PublicStatusPage = page(() => import('../features/public-status/pages/PublicStatusPage'), 'PublicStatusPage');
const OpenDataPage = page(() => import('../features/open-data/pages/OpenDataPage'), 'OpenDataPage');
const AccessibilityStatementPage = page(
  () => import('../features/accessibility-statement/pages/AccessibilityStatementPage'),
  'AccessibilityStatementPage',
);
const publicPage = (element: ReactNode) => <Suspense fallback={null}>{element}</Suspense>;
const guarded = (key: PageKey, element: ReactNode) => <RequirePage page={key}>{element}</RequirePage>;

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/zglos', element: publicPage(<PublicReportPage />) },
  { path: '/report', element: publicPage(<PublicReportPage />) },
  { path: '/zgloszenie/:number', element: publicPage(<PublicStatusPage />) },
  { path: '/deklaracja-dostepnosci', element: publicPage(<AccessibilityStatementPage />) },
  { path: '/accessibility-statement', element: publicPage(<AccessibilityStatementPage />) },
  { path: '/otwarte-dane', element: publicPage(<OpenDataPage />) },
  { path: '/open-data', element: publicPage(<OpenDataPage />) },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'calls', element: guarded('calls', <CallPanelPage />) },
      { path: 'triage', element: guarded('triage', <TriageInboxPage />) },
      { path: 'unit', element: guarded('unit', <UnitQueuePage />) },
      { path: 'tickets', element: guarded('tickets', <AllTicketsPage />) },
      // Any signed-in user may follow a ticket link; the server answers 404 for tickets outside their scope.
      { path: 'tickets/:id', element: <TicketDetailPage /> },
      { path: 'monitoring', element: guarded('monitoring', <MonitoringPage />) },
      { path: 'dashboard', element: guarded('dashboard', <DashboardPage />) },
      // The recorded calls behind a dashboard figure.
      { path: 'dashboard/calls', element: guarded('dashboard', <CallListPage />) },
      { path: 'knowledge', element: guarded('knowledge', <KnowledgePage />) },
      { path: 'kb/worklist', element: guarded('knowledgeWorklist', <KbWorklistPage />) },
      { path: 'kb/articles', element: guarded('knowledgeArticles', <KbArticlesPage />) },
      { path: 'kb/articles/new', element: guarded('knowledgeArticles', <KbArticleEditorPage />) },
      { path: 'kb/articles/:id', element: guarded('knowledgeArticles', <KbArticleEditorPage />) },
      { path: 'kb/articles/:id/history', element: guarded('knowledgeArticles', <KbArticleHistoryPage />) },
      { path: 'kb/synonyms', element: guarded('knowledgeSynonyms', <KbSynonymsPage />) },
      { path: 'kb/gaps', element: guarded('knowledgeGaps', <KbGapsPage />) },
      { path: 'routing-rules', element: guarded('routingRules', <RoutingRulesPage />) },
      { path: 'deadline-policies', element: guarded('deadlinePolicies', <DeadlinePoliciesPage />) },
      { path: 'queues', element: guarded('queues', <QueuesPage />) },
      { path: 'wallboard', element: guarded('wallboard', <WallboardPage />) },
      { path: 'city-matters', element: guarded('cityMatters', <CityMattersPage />) },
      { path: 'incidents', element: guarded('incidents', <IncidentsPage />) },
      // Every console's incident banner links here; the server answers 404 outside the keepers once it is closed.
      { path: 'incidents/:id', element: <IncidentDetailPage /> },
      { path: 'category-attributes', element: guarded('categoryAttributes', <CategoryAttributesPage />) },
      { path: 'open311-clients', element: guarded('open311Clients', <Open311ClientsPage />) },
      { path: 'mayor-matters', element: guarded('mayorMatters', <MayorMattersPage />) },
      { path: 'dictionaries', element: guarded('dictionaries', <DictionariesPage />) },
      { path: 'reports', element: guarded('reports', <ReportsPage />) },
      { path: 'access-log', element: guarded('accessLog', <AccessLogPage />) },
      { path: 'privacy', element: guarded('privacy', <PrivacyPage />) },
      { path: 'users', element: guarded('users', <UsersPage />) },
      { path: 'surveys', element: guarded('surveys', <SurveysPage />) },
      { path: 'surveys/new', element: guarded('surveys', <SurveyEditorPage />) },
      { path: 'surveys/:id', element: guarded('surveys', <SurveyEditorPage />) },
      { path: 'surveys/:id/results', element: guarded('surveys', <SurveyResultsPage />) },
      // Agents and supervisors run a survey for one of their calls; the page itself says so to other roles.
      { path: 'surveys/run/:callId', element: <SurveyRunPage /> },
      { path: '*', element: <HomeRedirect /> },
    ],
  },
  { path: '*', element: <Navigate to="/" replace /> },
]);
