// Each person's saved inbox filters: pick one from the list, save the current filter under a name, rename or delete
// the one picked. The list shows the saved filter the current one matches, whichever way it was set.
import { useState } from 'react';
import { Button, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { InboxFilter, SavedFilterDto } from '@kck/contracts';
import { useDeleteSavedFilter, useSavedFilters, useSaveFilter, useUpdateSavedFilter } from '../../../api/triage.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsOf } from '../../../components/field-errors';
import { FormDialog } from '../../../components/FormDialog';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { isEmptyFilter, normalFilter, sameFilter } from '../inbox-filter';

type Dialog =
  { kind: 'save' } | { kind: 'rename'; filter: SavedFilterDto } | { kind: 'delete'; filter: SavedFilterDto };

interface Props {
  filter: InboxFilter;
  onPick: (filter: InboxFilter) => void;
  /** Said to screen readers: saved, renamed, deleted. */
  onDone: (message: string) => void;
}

export function SavedFilters({ filter, onPick, onDone }: Props) {
  const { t } = useTranslation();
  const saved = useSavedFilters('inbox');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const current = saved.data?.find((candidate) => sameFilter(candidate.query, filter)) ?? null;

  return (
    <Stack sx={{ px: 2, pb: 1 }} spacing={0.5}>
      <NativeSelectField
        id="triage-saved-filter"
        label={t('triageInbox.saved.label')}
        value={current?.id ?? ''}
        onChange={(id) => {
          const picked = saved.data?.find((candidate) => candidate.id === id);
          onPick(picked ? picked.query : {});
        }}
        options={(saved.data ?? []).map((candidate) => ({ value: candidate.id, label: candidate.name }))}
        placeholder={saved.isPending ? t('common.loading') : t('triageInbox.saved.none')}
        testId="triage-saved-filter"
      />
      {saved.error ? <ErrorAlert error={saved.error} /> : null}
      {/* Only what applies now: saving a filter not saved yet, or renaming and deleting the one picked. */}
      <Stack direction="row" spacing={1}>
        {current ? (
          <>
            <Button
              size="small"
              onClick={() => setDialog({ kind: 'rename', filter: current })}
              data-testid="triage-saved-rename"
            >
              {t('triageInbox.saved.rename')}
            </Button>
            <Button
              size="small"
              color="error"
              onClick={() => setDialog({ kind: 'delete', filter: current })}
              data-testid="triage-saved-delete"
            >
              {t('triageInbox.saved.delete')}
            </Button>
          </>
        ) : !isEmptyFilter(filter) ? (
          <Button size="small" onClick={() => setDialog({ kind: 'save' })} data-testid="triage-saved-save">
            {t('triageInbox.saved.save')}
          </Button>
        ) : null}
      </Stack>
      {dialog?.kind === 'save' ? (
        <NameDialog
          title={t('triageInbox.saved.saveTitle')}
          initial=""
          onCancel={() => setDialog(null)}
          onSaved={(name) => {
            setDialog(null);
            onDone(t('triageInbox.saved.saved', { name }));
          }}
          filter={filter}
        />
      ) : null}
      {dialog?.kind === 'rename' ? (
        <NameDialog
          title={t('triageInbox.saved.renameTitle', { name: dialog.filter.name })}
          initial={dialog.filter.name}
          renaming={dialog.filter}
          onCancel={() => setDialog(null)}
          onSaved={(name) => {
            setDialog(null);
            onDone(t('triageInbox.saved.renamed', { name }));
          }}
          filter={filter}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <DeleteDialog
          filter={dialog.filter}
          onCancel={() => setDialog(null)}
          onDeleted={() => {
            setDialog(null);
            onDone(t('triageInbox.saved.deleted', { name: dialog.filter.name }));
          }}
        />
      ) : null}
    </Stack>
  );
}

interface NameDialogProps {
  title: string;
  initial: string;
  filter: InboxFilter;
  /** Renaming this one; otherwise the current filter is saved as a new one. */
  renaming?: SavedFilterDto;
  onCancel: () => void;
  onSaved: (name: string) => void;
}

function NameDialog({ title, initial, filter, renaming, onCancel, onSaved }: NameDialogProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const create = useSaveFilter();
  const update = useUpdateSavedFilter();
  const command = renaming ? update : create;
  const nameError = fieldErrorsOf(command.error).find((field) => field.path === 'name')?.message;
  const submit = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const onSuccess = (saved: SavedFilterDto) => onSaved(saved.name);
    if (renaming) update.mutate({ id: renaming.id, name: trimmed }, { onSuccess });
    else create.mutate({ view: 'inbox', name: trimmed, query: normalFilter(filter) }, { onSuccess });
  };
  return (
    <FormDialog
      testId="saved-filter"
      title={title}
      explain={t('triageInbox.saved.nameExplain')}
      confirm={t('triageInbox.saved.confirm')}
      pending={command.isPending}
      error={command.error}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <TextField
        autoFocus
        fullWidth
        required
        label={t('triageInbox.saved.name')}
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={Boolean(nameError)}
        helperText={nameError}
        slotProps={{ htmlInput: { maxLength: 80, 'data-testid': 'saved-filter-name' } }}
      />
    </FormDialog>
  );
}

function DeleteDialog({
  filter,
  onCancel,
  onDeleted,
}: {
  filter: SavedFilterDto;
  onCancel: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteSavedFilter();
  return (
    <FormDialog
      testId="saved-filter-delete"
      title={t('triageInbox.saved.deleteTitle', { name: filter.name })}
      explain={t('triageInbox.saved.deleteExplain')}
      confirm={t('triageInbox.saved.delete')}
      confirmColor="error"
      pending={remove.isPending}
      error={remove.error}
      onSubmit={() => remove.mutate(filter, { onSuccess: onDeleted })}
      onCancel={onCancel}
    >
      {null}
    </FormDialog>
  );
}
