// The unit's workspace settings under its queue: my availability (round-robin counts only colleagues present),
// the unit's automatic assignment (admins and the unit's supervisor change it) and its answer templates.
import { useState, type FormEvent } from 'react';
import {
  Box,
  Button,
  FormControlLabel,
  List,
  ListItem,
  ListItemText,
  Paper,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import {
  answerTemplateRequest,
  ASSIGNMENT_MODES,
  TEMPLATE_PLACEHOLDERS,
  type AnswerTemplateDto,
  type AssignmentMode,
  type FieldError,
} from '@kck/contracts';
import { useUnits } from '../../../api/units.api';
import {
  usePresence,
  useSaveTemplate,
  useSetAssignmentMode,
  useSetPresence,
  useUnitAssignment,
  useUnitTemplates,
} from '../../../api/workspace.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { useMe } from '../../auth/session';

export function UnitSettingsPanel() {
  const { t } = useTranslation();
  const me = useMe();
  const units = useUnits();
  // Staff manage their own unit; an admin picks the unit.
  const [pickedUnit, setPickedUnit] = useState('');
  const unitId = me.role === 'unit_staff' ? me.unitId : pickedUnit || null;
  return (
    <Paper component="section" aria-labelledby="unit-settings-heading" sx={{ p: 2, mt: 2 }} data-testid="unit-settings">
      <Typography variant="subtitle1" component="h2" id="unit-settings-heading" sx={{ mb: 1 }}>
        {t('workspace.settings.title')}
      </Typography>
      <Stack spacing={2}>
        {me.role === 'unit_staff' ? <PresenceSwitch /> : null}
        {me.role === 'admin' ? (
          <NativeSelectField
            id="settings-unit"
            label={t('workspace.settings.unit')}
            value={pickedUnit}
            placeholder={t('workspace.settings.chooseUnit')}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: `${u.code} — ${u.name}` }))}
            onChange={setPickedUnit}
            testId="settings-unit"
            size="small"
          />
        ) : null}
        {unitId ? <AssignmentMode key={`mode-${unitId}`} unitId={unitId} /> : null}
        {unitId ? <Templates key={`templates-${unitId}`} unitId={unitId} /> : null}
      </Stack>
    </Paper>
  );
}

function PresenceSwitch() {
  const { t } = useTranslation();
  const presence = usePresence(true);
  const set = useSetPresence();
  return (
    <FormControlLabel
      control={
        <Switch
          checked={presence.data?.available ?? false}
          disabled={!presence.data || set.isPending}
          onChange={(event) => set.mutate(event.target.checked)}
          slotProps={{ input: { 'data-testid': 'presence-switch' } as object }}
        />
      }
      label={presence.data?.available ? t('workspace.settings.available') : t('workspace.settings.unavailable')}
    />
  );
}

function AssignmentMode({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const assignment = useUnitAssignment(unitId);
  const setMode = useSetAssignmentMode(unitId);
  if (!assignment.data) return null;
  const present = assignment.data.staff.filter((s) => s.present).map((s) => s.displayName);
  return (
    <Box>
      {assignment.data.canEdit ? (
        <NativeSelectField
          id={`assignment-mode-${unitId}`}
          label={t('workspace.settings.mode')}
          value={assignment.data.mode}
          options={ASSIGNMENT_MODES.map((mode) => ({ value: mode, label: t(`workspace.settings.modes.${mode}`) }))}
          onChange={(mode) => setMode.mutate(mode as AssignmentMode)}
          testId="assignment-mode"
          size="small"
        />
      ) : (
        <Typography variant="body2" data-testid="assignment-mode-text">
          {t('workspace.settings.mode')}: {t(`workspace.settings.modes.${assignment.data.mode}`)}
        </Typography>
      )}
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
        {t('workspace.settings.presentNow')}: {present.length ? present.join(', ') : '—'}
      </Typography>
      {setMode.isError ? <ErrorAlert error={setMode.error} /> : null}
    </Box>
  );
}

function Templates({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const templates = useUnitTemplates(unitId);
  const [editing, setEditing] = useState<AnswerTemplateDto | 'new' | null>(null);
  if (templates.isError) return null; // roles that do not keep templates (a supervisor) get 403: nothing to show
  return (
    <Box component="section" aria-labelledby={`templates-${unitId}`}>
      <Typography variant="subtitle2" component="h3" id={`templates-${unitId}`}>
        {t('workspace.templates.title')}
      </Typography>
      <List dense data-testid="template-list">
        {(templates.data ?? []).map((template) => (
          <ListItem
            key={template.id}
            data-testid="template-row"
            secondaryAction={
              <Button size="small" onClick={() => setEditing(template)}>
                {t('workspace.templates.edit')}
              </Button>
            }
          >
            <ListItemText primary={template.name} secondary={template.body} />
          </ListItem>
        ))}
      </List>
      {editing ? (
        <TemplateForm
          key={editing === 'new' ? 'new' : editing.id}
          unitId={unitId}
          template={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : (
        <Button variant="outlined" size="small" onClick={() => setEditing('new')} data-testid="template-new">
          {t('workspace.templates.add')}
        </Button>
      )}
    </Box>
  );
}

function TemplateForm(props: { unitId: string; template: AnswerTemplateDto | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveTemplate(props.unitId);
  const [name, setName] = useState(props.template?.name ?? '');
  const [body, setBody] = useState(props.template?.body ?? '');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(save.error));
  const id = props.template?.id;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = answerTemplateRequest.safeParse({ name, body });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (parsed.success) save.mutate({ id, body: parsed.data }, { onSuccess: props.onDone });
  };

  return (
    <Box component="form" onSubmit={submit} noValidate>
      <Stack spacing={1.5}>
        <TextField
          label={t('workspace.templates.name')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={Boolean(fieldError('name'))}
          helperText={fieldError('name')}
          size="small"
          slotProps={{ htmlInput: { 'data-testid': 'template-name' } }}
        />
        <TextField
          label={t('workspace.templates.body')}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          multiline
          minRows={3}
          error={Boolean(fieldError('body'))}
          helperText={
            fieldError('body') ??
            t('workspace.templates.placeholders', { list: TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ') })
          }
          slotProps={{ htmlInput: { 'data-testid': 'template-body' } }}
        />
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained" size="small" disabled={save.isPending} data-testid="template-save">
            {t('common.save', { defaultValue: 'Zapisz' })}
          </Button>
          {id ? (
            <Button
              color="error"
              size="small"
              disabled={save.isPending}
              onClick={() => save.mutate({ id, body: null }, { onSuccess: props.onDone })}
              data-testid="template-delete"
            >
              {t('workspace.templates.delete')}
            </Button>
          ) : null}
          <Button size="small" onClick={props.onDone}>
            {t('common.cancel', { defaultValue: 'Anuluj' })}
          </Button>
        </Stack>
        {save.isError && fieldErrorsOf(save.error).length === 0 ? <ErrorAlert error={save.error} /> : null}
      </Stack>
    </Box>
  );
}
