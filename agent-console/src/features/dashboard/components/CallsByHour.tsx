// Calls per hour (today's, or a period's) as a bar chart with its table view; a bar leads to the recorded calls
// of that hour.
import { useTranslation } from 'react-i18next';
import { callsLink } from '../drill-down';
import { ChartWithTable } from './ChartWithTable';

interface Props {
  name: string;
  title: string;
  rows: readonly { hour: number; count: number }[];
  period: { from: string; to: string };
}

export function CallsByHour({ name, title, rows, period }: Props) {
  const { t } = useTranslation();
  const sorted = [...rows].sort((a, b) => a.hour - b.hour);
  return (
    <ChartWithTable
      name={name}
      title={title}
      rowHeader={t('dashboard.hour')}
      rows={sorted.map((row) => ({
        id: String(row.hour),
        label: `${String(row.hour).padStart(2, '0')}:00`,
        values: { calls: row.count },
      }))}
      series={[{ key: 'calls', label: t('dashboard.calls') }]}
      linkFor={(row) => callsLink({ ...period, hour: row.id })}
      note={t('analytics.calls.recordedNote')}
    />
  );
}
