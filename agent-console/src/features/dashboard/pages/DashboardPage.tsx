// DK-05's dashboard: today's live figures, then tickets, calls, the backlog, the knowledge base and the surveys over
// a period, filtered by period, unit, district, channel and category (kept in the URL). Every chart has a table view
// and every figure opens the tickets or calls behind it.
import { useSearchParams } from 'react-router';
import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { filtersFrom } from '../dashboard-filters';
import { BacklogSection } from '../components/BacklogSection';
import { CallsSection } from '../components/CallsSection';
import { DashboardFiltersBar } from '../components/DashboardFiltersBar';
import { KnowledgeSection } from '../components/KnowledgeSection';
import { SurveySection } from '../components/SurveySection';
import { TicketsSection } from '../components/TicketsSection';
import { TodaySection } from '../components/TodaySection';
import { canUsePage } from '../../auth/access';
import { useMe } from '../../auth/session';

export function DashboardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  // Survey results are read through the survey authors' API (analysts, admins); supervisors see the rest.
  const me = useMe();
  return (
    <Box sx={{ display: 'grid', gap: 3, minWidth: 0 }}>
      <Typography variant="h5" component="h1">
        {t('dashboard.title')}
      </Typography>
      <TodaySection />
      <DashboardFiltersBar filters={filters} params={params} setParams={setParams} />
      {filters.periodError ? null : (
        <>
          <TicketsSection filters={filters} />
          <CallsSection filters={filters} />
          <BacklogSection filters={filters} />
          <KnowledgeSection filters={filters} />
        </>
      )}
      {canUsePage(me.role, 'surveys') ? <SurveySection /> : null}
    </Box>
  );
}
