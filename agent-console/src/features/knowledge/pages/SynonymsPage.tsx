// Synonyms the search uses: in each group every term finds the others (śmieci ↔ odpady, MPK ↔ komunikacja
// miejska). Editors edit the groups as comma-separated lines and save them all at once.
import { useState } from 'react';
import { Alert, Box, Button, IconButton, Paper, Stack, TextField, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import SaveIcon from '@mui/icons-material/Save';
import { useTranslation } from 'react-i18next';
import { synonymGroupsRequest, type FieldError, type SynonymGroupsDto } from '@kck/contracts';
import { useSaveSynonyms, useSynonyms } from '../../../api/knowledge.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsFromIssues, fieldErrorsOf } from '../../../components/field-errors';
import { formatDateTime } from '../../../components/format';
import { LiveRegion } from '../../../components/LiveRegion';
import { QueryState } from '../../../components/QueryState';

const termsOf = (line: string) =>
  line
    .split(',')
    .map((term) => term.trim())
    .filter(Boolean);

function SynonymsForm({ saved, announce }: { saved: SynonymGroupsDto; announce: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const save = useSaveSynonyms();
  const [lines, setLines] = useState<string[]>(() => saved.groups.map((group) => group.join(', ')));
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fields = clientFields.length ? clientFields : fieldErrorsOf(save.error);
  // A group's problem is reported for the group (groups.3) or one of its terms (groups.3.1).
  const errorOf = (index: number) =>
    fields.find((field) => new RegExp(`^(body\\.)?groups\\.${index}(\\.|$)`).test(field.path))?.message;
  const dirty = JSON.stringify(lines) !== JSON.stringify(saved.groups.map((group) => group.join(', ')));

  const submit = () => {
    const body = { groups: lines.map(termsOf).filter((group) => group.length > 0) };
    const parsed = synonymGroupsRequest.safeParse(body);
    if (!parsed.success) {
      // Blank lines were dropped above: map the problem back to the line the editor sees.
      const nonEmpty = lines.map((line, index) => [line, index] as const).filter(([line]) => termsOf(line).length > 0);
      setClientFields(
        fieldErrorsFromIssues(parsed.error.issues).map((field) => ({
          ...field,
          path: field.path.replace(/^groups\.(\d+)/, (_, at: string) => `groups.${nonEmpty[Number(at)]?.[1] ?? at}`),
        })),
      );
      return;
    }
    setClientFields([]);
    save.mutate(parsed.data, {
      onSuccess: (result) => {
        setLines(result.groups.map((group) => group.join(', ')));
        announce(t('knowledgeSynonyms.saved'));
      },
    });
  };

  return (
    <Box
      component="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 2 }}>
        {saved.updatedAt
          ? `${t('knowledgeSynonyms.lastSaved', { when: formatDateTime(saved.updatedAt, i18n.language) })}${
              saved.updatedByName ? ` (${saved.updatedByName})` : ''
            }`
          : t('knowledgeSynonyms.neverSaved')}
      </Typography>
      <Stack component="ol" spacing={1.5} sx={{ listStyle: 'none', p: 0, m: 0 }} data-testid="kb-synonym-groups">
        {lines.map((line, index) => {
          const error = errorOf(index);
          return (
            <Box component="li" key={index} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
              <TextField
                id={`kb-synonym-${index}`}
                label={t('knowledgeSynonyms.group', { number: index + 1 })}
                value={line}
                onChange={(event) =>
                  setLines((current) => current.map((value, at) => (at === index ? event.target.value : value)))
                }
                size="small"
                fullWidth
                error={Boolean(error)}
                helperText={error}
                slotProps={{ htmlInput: { 'data-testid': 'kb-synonym-group' } }}
              />
              <Tooltip title={t('knowledgeSynonyms.remove')}>
                <IconButton
                  aria-label={t('knowledgeSynonyms.removeGroup', { number: index + 1 })}
                  onClick={() => setLines((current) => current.filter((_, at) => at !== index))}
                  data-testid="kb-synonym-remove"
                >
                  <DeleteIcon />
                </IconButton>
              </Tooltip>
            </Box>
          );
        })}
      </Stack>
      {lines.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('knowledgeSynonyms.empty')}
        </Typography>
      ) : null}
      {clientFields.length > 0 ? (
        <Alert severity="error" sx={{ mt: 2 }}>
          {t('knowledgeSynonyms.invalid')}
        </Alert>
      ) : null}
      {save.error && fieldErrorsOf(save.error).length === 0 ? <ErrorAlert error={save.error} /> : null}
      <Stack direction="row" spacing={2} sx={{ mt: 2, alignItems: 'center' }}>
        <Button
          startIcon={<AddIcon />}
          onClick={() => {
            setLines((current) => [...current, '']);
            // Focus the new line once React has drawn it.
            window.setTimeout(() => document.getElementById(`kb-synonym-${lines.length}`)?.focus(), 0);
          }}
          data-testid="kb-synonym-add"
        >
          {t('knowledgeSynonyms.add')}
        </Button>
        <Box sx={{ flexGrow: 1 }} />
        {dirty ? (
          <Typography variant="caption" color="text.secondary">
            {t('knowledgeEditor.unsaved')}
          </Typography>
        ) : null}
        <Button
          type="submit"
          variant="contained"
          startIcon={<SaveIcon />}
          disabled={save.isPending || !dirty}
          data-testid="kb-synonyms-save"
        >
          {save.isPending ? t('common.saving') : t('common.save')}
        </Button>
      </Stack>
    </Box>
  );
}

export function SynonymsPage() {
  const { t } = useTranslation();
  const synonyms = useSynonyms();
  // Kept here: the form remounts with every saved set and would lose the message.
  const [announcement, setAnnouncement] = useState('');
  return (
    <Paper component="section" aria-labelledby="kb-synonyms-heading" sx={{ p: 2, maxWidth: 900 }}>
      <Typography variant="h5" component="h1" id="kb-synonyms-heading" sx={{ mb: 1 }}>
        {t('knowledgeSynonyms.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('knowledgeSynonyms.intro')}
      </Typography>
      <QueryState
        isPending={synonyms.isPending}
        error={synonyms.error}
        data={synonyms.data}
        onRetry={() => void synonyms.refetch()}
      >
        {(data) => <SynonymsForm key={data.updatedAt ?? 'never'} saved={data} announce={setAnnouncement} />}
      </QueryState>
      <LiveRegion message={announcement} testId="kb-synonyms-status" />
    </Paper>
  );
}
