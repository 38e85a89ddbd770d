// The list of systems an outage can be reported for, which analysts and admins extend: add one, switch one off
// (never delete: old incidents keep pointing at it) or on again.
import { useId, useState, type FormEvent } from 'react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { INCIDENT_LIMITS } from '@kck/contracts';
import { useIncidentSystems, useSaveIncidentSystem } from '../../../api/incidents.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryState } from '../../../components/QueryState';
import { fieldErrorsOf } from '../../../components/field-errors';
import { useIncidentFieldErrors } from '../incident-format';

export function SystemsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const systems = useIncidentSystems();
  const save = useSaveIncidentSystem();
  const [name, setName] = useState('');
  const fieldError = useIncidentFieldErrors(save.error);
  const toggleLabel = (active: boolean) =>
    active ? t('incidents.systems.deactivate') : t('incidents.systems.activate');

  const add = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: null, body: { name, active: true } }, { onSuccess: () => setName('') });
  };

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
      data-testid="incident-systems-dialog"
    >
      <DialogTitle id={titleId}>{t('incidents.systems.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('incidents.systems.explain')}</DialogContentText>
        <QueryState isPending={systems.isPending} error={systems.error} data={systems.data}>
          {(data) => (
            <Table size="small" aria-labelledby={titleId}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('incidents.systems.name')}</TableCell>
                  <TableCell>{t('incidents.systems.probe')}</TableCell>
                  <TableCell>{t('incidents.systems.active')}</TableCell>
                  <TableCell>{t('incidents.systems.change')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.systems.map((system) => (
                  <TableRow key={system.id} data-testid="incident-system-row" data-active={system.active}>
                    <TableCell component="th" scope="row">
                      {system.name}
                    </TableCell>
                    <TableCell>{system.probe ?? '—'}</TableCell>
                    <TableCell>{system.active ? t('incidents.systems.yes') : t('incidents.systems.no')}</TableCell>
                    <TableCell>
                      <Button
                        size="small"
                        disabled={save.isPending}
                        aria-label={`${toggleLabel(system.active)}: ${system.name}`}
                        onClick={() =>
                          save.mutate({ id: system.id, body: { name: system.name, active: !system.active } })
                        }
                      >
                        {toggleLabel(system.active)}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </QueryState>
        <Box
          component="form"
          onSubmit={add}
          noValidate
          sx={{ display: 'flex', gap: 1, mt: 2, alignItems: 'flex-start' }}
        >
          <TextField
            label={t('incidents.systems.newName')}
            value={name}
            onChange={(event) => setName(event.target.value)}
            size="small"
            sx={{ flexGrow: 1 }}
            error={Boolean(fieldError('name'))}
            helperText={fieldError('name')}
            slotProps={{ htmlInput: { 'data-testid': 'incident-system-name', maxLength: INCIDENT_LIMITS.systemName } }}
          />
          <Button type="submit" variant="contained" disabled={save.isPending} data-testid="incident-system-add">
            {t('incidents.systems.add')}
          </Button>
        </Box>
        {save.error && fieldErrorsOf(save.error).length === 0 ? (
          <Box sx={{ mt: 2 }}>
            <ErrorAlert error={save.error} />
          </Box>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('incidents.systems.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
