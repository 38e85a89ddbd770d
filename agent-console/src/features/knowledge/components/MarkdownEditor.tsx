// The editors' Markdown editor: the text on the left, the article as readers will see it on the right,
// updated as they type (rendered by the same component as the article view).
import { Box, Paper, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { MarkdownBody } from './MarkdownBody';

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

export function MarkdownEditor({ id, value, onChange, error }: Props) {
  const { t } = useTranslation();
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
      <TextField
        id={id}
        label={t('knowledgeEditor.body')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        multiline
        minRows={14}
        maxRows={40}
        error={Boolean(error)}
        helperText={error ?? t('knowledgeEditor.bodyHelp')}
        slotProps={{
          htmlInput: { 'data-testid': 'kb-editor-body', maxLength: 200_000, spellCheck: true },
          input: { sx: { fontFamily: 'monospace', fontSize: 14 } },
        }}
      />
      <Paper
        variant="outlined"
        component="section"
        aria-labelledby={`${id}-preview-heading`}
        sx={{ p: 2, minHeight: 200, overflow: 'auto', maxHeight: 720 }}
      >
        <Typography
          variant="overline"
          component="h3"
          id={`${id}-preview-heading`}
          color="text.secondary"
          sx={{ display: 'block', lineHeight: 1.5 }}
        >
          {t('knowledgeEditor.preview')}
        </Typography>
        {value.trim() ? (
          <MarkdownBody body={value} testId="kb-editor-preview" />
        ) : (
          <Typography variant="body2" color="text.secondary" data-testid="kb-editor-preview">
            {t('knowledgeEditor.previewEmpty')}
          </Typography>
        )}
      </Paper>
    </Box>
  );
}
