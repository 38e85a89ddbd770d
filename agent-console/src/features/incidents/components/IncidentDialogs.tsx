// The register's dialogs: report an outage or edit one (the whole record, with the version read, so a colleague's
// save in between answers 409 instead of being overwritten), and close one with its end and how it was fixed.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Box, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { INCIDENT_LIMITS, INCIDENT_SEVERITIES, type IncidentDetailDto, type IncidentSeverity } from '@kck/contracts';
import { useEditIncident, useIncidentSystems, useOpenIncident, useResolveIncident } from '../../../api/incidents.api';
import { FormDialog } from '../../../components/FormDialog';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { fromLocalInput, toLocalInput, useIncidentFieldErrors } from '../incident-format';

export function IncidentFormDialog({ incident, onClose }: { incident: IncidentDetailDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const systems = useIncidentSystems();
  const report = useOpenIncident();
  const edit = useEditIncident();
  const command = incident ? edit : report;
  const [systemId, setSystemId] = useState(incident?.system.id ?? '');
  const [title, setTitle] = useState(incident?.title ?? '');
  const [severity, setSeverity] = useState<IncidentSeverity>(incident?.severity ?? 'major');
  const [impact, setImpact] = useState(incident?.impact ?? '');
  const [startedAt, setStartedAt] = useState(toLocalInput(incident?.startedAt ?? new Date().toISOString()));
  const [endedAt, setEndedAt] = useState(toLocalInput(incident?.endedAt));
  const fieldError = useIncidentFieldErrors(command.error);
  // Deactivated systems are not offered, except the one the incident is already about.
  const systemOptions = (systems.data?.systems ?? [])
    .filter((s) => s.active || s.id === incident?.system.id)
    .map((s) => ({ value: s.id, label: s.name }));

  const submit = () => {
    const fields = { systemId, title, severity, impact };
    if (incident)
      edit.mutate(
        {
          id: incident.id,
          body: {
            ...fields,
            startedAt: fromLocalInput(startedAt) ?? '',
            endedAt: incident.status === 'resolved' ? fromLocalInput(endedAt) : undefined,
            version: incident.version,
          },
        },
        { onSuccess: onClose },
      );
    else
      report.mutate(
        { ...fields, startedAt: fromLocalInput(startedAt) },
        { onSuccess: (created) => void navigate(`/incidents/${created.id}`) },
      );
  };

  return (
    <FormDialog
      testId="incident-form"
      title={incident ? t('incidents.form.editTitle') : t('incidents.form.reportTitle')}
      explain={t('incidents.form.explain')}
      confirm={incident ? t('incidents.form.save') : t('incidents.form.report')}
      pending={command.isPending}
      error={command.error}
      onSubmit={submit}
      onCancel={onClose}
      maxWidth="md"
    >
      <Box sx={{ display: 'grid', gap: 2, pt: 1, gridTemplateColumns: { xs: '1fr', sm: '2fr 1fr' } }}>
        <NativeSelectField
          id="incident-form-system"
          label={t('incidents.form.system')}
          value={systemId}
          options={systemOptions}
          onChange={setSystemId}
          placeholder={t('common.choose')}
          required
          error={fieldError('systemId')}
          testId="incident-form-system"
        />
        <NativeSelectField
          id="incident-form-severity"
          label={t('incidents.form.severity')}
          value={severity}
          options={INCIDENT_SEVERITIES.map((value) => ({ value, label: t(`incidents.severity.${value}`) }))}
          onChange={(value) => setSeverity(value as IncidentSeverity)}
          required
          error={fieldError('severity')}
          testId="incident-form-severity"
        />
        <TextField
          label={t('incidents.form.title')}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          required
          autoFocus
          error={Boolean(fieldError('title'))}
          helperText={fieldError('title') ?? t('incidents.form.titleHint')}
          sx={{ gridColumn: '1 / -1' }}
          slotProps={{ htmlInput: { 'data-testid': 'incident-form-title', maxLength: INCIDENT_LIMITS.title } }}
        />
        <TextField
          label={t('incidents.form.impact')}
          value={impact}
          onChange={(event) => setImpact(event.target.value)}
          required
          multiline
          minRows={3}
          error={Boolean(fieldError('impact'))}
          helperText={fieldError('impact') ?? t('incidents.form.impactHint')}
          sx={{ gridColumn: '1 / -1' }}
          slotProps={{ htmlInput: { 'data-testid': 'incident-form-impact', maxLength: INCIDENT_LIMITS.impact } }}
        />
        <TextField
          label={t('incidents.form.startedAt')}
          type="datetime-local"
          value={startedAt}
          onChange={(event) => setStartedAt(event.target.value)}
          required
          error={Boolean(fieldError('startedAt'))}
          helperText={fieldError('startedAt')}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'incident-form-started-at' } }}
        />
        {incident?.status === 'resolved' ? (
          <TextField
            label={t('incidents.form.endedAt')}
            type="datetime-local"
            value={endedAt}
            onChange={(event) => setEndedAt(event.target.value)}
            error={Boolean(fieldError('endedAt'))}
            helperText={fieldError('endedAt')}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'incident-form-ended-at' } }}
          />
        ) : null}
      </Box>
    </FormDialog>
  );
}

export function ResolveIncidentDialog({ incident, onClose }: { incident: IncidentDetailDto; onClose: () => void }) {
  const { t } = useTranslation();
  const resolve = useResolveIncident();
  const [endedAt, setEndedAt] = useState(toLocalInput(new Date().toISOString()));
  const [note, setNote] = useState('');
  const fieldError = useIncidentFieldErrors(resolve.error);
  return (
    <FormDialog
      testId="incident-resolve"
      title={t('incidents.resolve.title', { title: incident.title })}
      explain={t('incidents.resolve.explain')}
      confirm={t('incidents.resolve.confirm')}
      confirmColor="success"
      pending={resolve.isPending}
      error={resolve.error}
      onSubmit={() =>
        resolve.mutate(
          {
            id: incident.id,
            body: { version: incident.version, endedAt: fromLocalInput(endedAt), note: note.trim() || undefined },
          },
          { onSuccess: onClose },
        )
      }
      onCancel={onClose}
    >
      <Box sx={{ display: 'grid', gap: 2, pt: 1 }}>
        <TextField
          label={t('incidents.resolve.endedAt')}
          type="datetime-local"
          value={endedAt}
          onChange={(event) => setEndedAt(event.target.value)}
          error={Boolean(fieldError('endedAt'))}
          helperText={fieldError('endedAt')}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'incident-resolve-ended-at' } }}
        />
        <TextField
          label={t('incidents.resolve.note')}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          multiline
          minRows={2}
          autoFocus
          error={Boolean(fieldError('note'))}
          helperText={fieldError('note')}
          slotProps={{ htmlInput: { 'data-testid': 'incident-resolve-note', maxLength: INCIDENT_LIMITS.actionText } }}
        />
      </Box>
    </FormDialog>
  );
}
