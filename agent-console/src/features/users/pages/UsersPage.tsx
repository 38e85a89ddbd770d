// "Użytkownicy": admins manage staff accounts — create local ones, change role and unit, deactivate (sessions end
// at once) and reactivate, reset a lost TOTP. There is no delete: history keeps every name.
import { useState } from 'react';
import {
  Button,
  Chip,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import { createUserRequest, ROLES, type FieldError, type Role, type UserDto } from '@kck/contracts';
import { useUnits } from '../../../api/units.api';
import { useCreateUser, useUpdateUser, useUserCommand, useUsers, type UserFilter } from '../../../api/users.api';
import { formatDateTime } from '../../../components/format';
import { FormDialog } from '../../../components/FormDialog';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { LiveRegion } from '../../../components/LiveRegion';
import { QueryState } from '../../../components/QueryState';

function RoleAndUnit({
  role,
  unitId,
  onRole,
  onUnit,
  fieldError,
}: {
  role: Role;
  unitId: string;
  onRole: (role: Role) => void;
  onUnit: (unitId: string) => void;
  fieldError: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const units = useUnits();
  return (
    <>
      <TextField
        select
        id="user-role"
        label={t('users.fields.role')}
        value={role}
        onChange={(event) => onRole(event.target.value as Role)}
        size="small"
        fullWidth
        error={Boolean(fieldError('role'))}
        helperText={fieldError('role')}
        slotProps={{ htmlInput: { 'data-testid': 'user-role' } }}
      >
        {ROLES.map((r) => (
          <MenuItem key={r} value={r}>
            {t(`roles.${r}`, { defaultValue: r })}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        id="user-unit"
        label={t('users.fields.unit')}
        value={unitId}
        onChange={(event) => onUnit(event.target.value)}
        size="small"
        fullWidth
        error={Boolean(fieldError('unitId'))}
        helperText={fieldError('unitId')}
        slotProps={{ htmlInput: { 'data-testid': 'user-unit' } }}
      >
        <MenuItem value="">{t('users.fields.noUnit')}</MenuItem>
        {(units.data ?? []).map((unit) => (
          <MenuItem key={unit.id} value={unit.id}>
            {unit.code} — {unit.name}
          </MenuItem>
        ))}
      </TextField>
    </>
  );
}

function CreateDialog({ onClose, onDone }: { onClose: () => void; onDone: (user: UserDto) => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [unitId, setUnitId] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(create.error));
  const submit = () => {
    const parsed = createUserRequest.safeParse({
      login,
      displayName,
      role,
      unitId: unitId || null,
      email: email.trim() || null,
      password,
    });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (parsed.success) create.mutate(parsed.data, { onSuccess: onDone });
  };
  const text = (id: string, label: string, value: string, set: (v: string) => void, path: string, type = 'text') => (
    <TextField
      id={id}
      label={label}
      type={type}
      value={value}
      onChange={(event) => set(event.target.value)}
      size="small"
      fullWidth
      error={Boolean(fieldError(path))}
      helperText={fieldError(path)}
      slotProps={{ htmlInput: { 'data-testid': id, maxLength: 200 } }}
    />
  );
  return (
    <FormDialog
      testId="user-create"
      title={t('users.createTitle')}
      explain={t('users.createExplain')}
      confirm={t('users.add')}
      pending={create.isPending}
      error={create.error}
      onSubmit={submit}
      onCancel={onClose}
    >
      <Stack spacing={2} sx={{ pt: 1 }}>
        {text('user-login', t('users.fields.login'), login, setLogin, 'login')}
        {text('user-name', t('users.fields.displayName'), displayName, setDisplayName, 'displayName')}
        <RoleAndUnit role={role} unitId={unitId} onRole={setRole} onUnit={setUnitId} fieldError={fieldError} />
        {text('user-email', t('users.fields.email'), email, setEmail, 'email', 'email')}
        {text('user-password', t('users.fields.password'), password, setPassword, 'password', 'password')}
      </Stack>
    </FormDialog>
  );
}

function EditDialog({ user, onClose, onDone }: { user: UserDto; onClose: () => void; onDone: (u: UserDto) => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const [role, setRole] = useState<Role>(user.role);
  const [unitId, setUnitId] = useState(user.unitId ?? '');
  const fieldError = useFieldErrors(fieldErrorsOf(update.error));
  return (
    <FormDialog
      testId="user-edit"
      title={t('users.editTitle', { name: user.displayName })}
      explain={t('users.editExplain')}
      confirm={t('common.save')}
      pending={update.isPending}
      error={update.error}
      onSubmit={() => update.mutate({ id: user.id, body: { role, unitId: unitId || null } }, { onSuccess: onDone })}
      onCancel={onClose}
    >
      <Stack spacing={2} sx={{ pt: 1 }}>
        <RoleAndUnit role={role} unitId={unitId} onRole={setRole} onUnit={setUnitId} fieldError={fieldError} />
      </Stack>
    </FormDialog>
  );
}

type Command = 'deactivate' | 'reactivate' | 'totp/reset';
const COMMAND_TEXT: Record<Command, { title: string; explain: string; confirm: string }> = {
  deactivate: { title: 'users.deactivateTitle', explain: 'users.deactivateExplain', confirm: 'users.deactivate' },
  reactivate: { title: 'users.reactivateTitle', explain: 'users.reactivateExplain', confirm: 'users.reactivate' },
  'totp/reset': { title: 'users.resetTotpTitle', explain: 'users.resetTotpExplain', confirm: 'users.resetTotp' },
};

function CommandDialog({
  user,
  command,
  onClose,
  onDone,
}: {
  user: UserDto;
  command: Command;
  onClose: () => void;
  onDone: (u: UserDto) => void;
}) {
  const { t } = useTranslation();
  const run = useUserCommand();
  const text = COMMAND_TEXT[command];
  return (
    <FormDialog
      testId="user-command"
      action={command}
      title={t(text.title, { name: user.displayName })}
      explain={t(text.explain)}
      confirm={t(text.confirm)}
      confirmColor={command === 'reactivate' ? 'primary' : 'error'}
      pending={run.isPending}
      error={run.error}
      onSubmit={() => run.mutate({ id: user.id, command }, { onSuccess: onDone })}
      onCancel={onClose}
    >
      {null}
    </FormDialog>
  );
}

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<UserFilter>({ active: 'true' });
  const users = useUsers(filter);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserDto | null>(null);
  const [commanding, setCommanding] = useState<{ user: UserDto; command: Command } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const done = (user: UserDto) => {
    setCreating(false);
    setEditing(null);
    setCommanding(null);
    setAnnouncement(t('users.done', { name: user.displayName }));
  };

  return (
    <Paper component="section" aria-labelledby="users-heading" sx={{ p: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 1, alignItems: { sm: 'center' } }}>
        <Typography variant="h6" component="h1" id="users-heading" sx={{ flexGrow: 1 }}>
          {t('users.title')}
        </Typography>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)} data-testid="user-add">
          {t('users.add')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: '90ch' }}>
        {t('users.intro')}
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2 }}>
        <TextField
          id="users-search"
          label={t('users.search')}
          size="small"
          value={filter.q ?? ''}
          onChange={(event) => setFilter({ ...filter, q: event.target.value || undefined })}
        />
        <TextField
          select
          id="users-role"
          label={t('users.filterRole')}
          size="small"
          sx={{ minWidth: 200 }}
          value={filter.role ?? ''}
          onChange={(event) => setFilter({ ...filter, role: event.target.value || undefined })}
        >
          <MenuItem value="">{t('users.all')}</MenuItem>
          {ROLES.map((r) => (
            <MenuItem key={r} value={r}>
              {t(`roles.${r}`, { defaultValue: r })}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          id="users-active"
          label={t('users.filterActive')}
          size="small"
          sx={{ minWidth: 160 }}
          value={filter.active ?? ''}
          onChange={(event) =>
            setFilter({ ...filter, active: (event.target.value || undefined) as UserFilter['active'] })
          }
        >
          <MenuItem value="">{t('users.all')}</MenuItem>
          <MenuItem value="true">{t('users.activeOnly')}</MenuItem>
          <MenuItem value="false">{t('users.inactiveOnly')}</MenuItem>
        </TextField>
      </Stack>
      <LiveRegion message={announcement} />
      <QueryState
        isPending={users.isPending}
        error={users.error}
        data={users.data}
        onRetry={() => void users.refetch()}
        isEmpty={(rows) => rows.length === 0}
        emptyText={t('users.empty')}
      >
        {(rows) => (
          <TableContainer>
            <Table size="small" aria-label={t('users.title')} data-testid="users-table">
              <TableHead>
                <TableRow>
                  {(['name', 'login', 'role', 'unit', 'source', 'totp', 'status', 'actions'] as const).map((c) => (
                    <TableCell key={c}>{t(`users.columns.${c}`)}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((user) => (
                  <TableRow key={user.id} data-testid="user-row" data-login={user.login} sx={{ verticalAlign: 'top' }}>
                    <TableCell>{user.displayName}</TableCell>
                    <TableCell>
                      <code>{user.login}</code>
                    </TableCell>
                    <TableCell>{t(`roles.${user.role}`, { defaultValue: user.role })}</TableCell>
                    <TableCell>{user.unitCode ?? '—'}</TableCell>
                    <TableCell>{t(`users.source.${user.authSource}`)}</TableCell>
                    <TableCell>{user.totpEnabled ? t('users.totpOn') : t('users.totpOff')}</TableCell>
                    <TableCell>
                      {user.active ? (
                        <Chip size="small" color="success" label={t('users.active')} />
                      ) : (
                        <Chip
                          size="small"
                          label={t('users.deactivatedAt', {
                            at: formatDateTime(user.deactivatedAt, i18n.language),
                            who: user.deactivatedBy?.displayName ?? '—',
                          })}
                        />
                      )}
                    </TableCell>
                    <TableCell>
                      <Stack direction="row" spacing={1}>
                        <Button size="small" onClick={() => setEditing(user)} data-testid="user-edit-open">
                          {t('users.edit')}
                        </Button>
                        {user.active ? (
                          <Button
                            size="small"
                            color="error"
                            onClick={() => setCommanding({ user, command: 'deactivate' })}
                            data-testid="user-deactivate"
                          >
                            {t('users.deactivate')}
                          </Button>
                        ) : (
                          <Button
                            size="small"
                            onClick={() => setCommanding({ user, command: 'reactivate' })}
                            data-testid="user-reactivate"
                          >
                            {t('users.reactivate')}
                          </Button>
                        )}
                        {user.totpEnabled ? (
                          <Button
                            size="small"
                            onClick={() => setCommanding({ user, command: 'totp/reset' })}
                            data-testid="user-totp-reset"
                          >
                            {t('users.resetTotp')}
                          </Button>
                        ) : null}
                      </Stack>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </QueryState>
      {creating ? <CreateDialog onClose={() => setCreating(false)} onDone={done} /> : null}
      {editing ? <EditDialog user={editing} onClose={() => setEditing(null)} onDone={done} /> : null}
      {commanding ? (
        <CommandDialog
          user={commanding.user}
          command={commanding.command}
          onClose={() => setCommanding(null)}
          onDone={done}
        />
      ) : null}
    </Paper>
  );
}
