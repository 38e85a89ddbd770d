// The structured fields of the article's type as form inputs: paragraphs, lists one item per line,
// links as "label | address" lines, dates with the browser's own pickers.
import { Box, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ArticleType } from '@kck/contracts';
import { FIELD_DEFS, type FieldDef } from '../article-form';

interface Props {
  type: ArticleType;
  values: Record<string, string>;
  onChange: (name: string, value: string) => void;
  errorFor: (path: string) => string | undefined;
}

const INPUT_TYPE: Partial<Record<FieldDef['kind'], string>> = {
  url: 'url',
  datetime: 'datetime-local',
  date: 'date',
};

export function ArticleFieldsEditor({ type, values, onChange, errorFor }: Props) {
  const { t } = useTranslation();
  return (
    <Box
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}
      data-testid="kb-editor-fields"
      data-type={type}
    >
      {FIELD_DEFS[type].map((def) => {
        const multiline = def.kind === 'long' || def.kind === 'list' || def.kind === 'links';
        const error = errorFor(`fields.${def.name}`);
        const help =
          def.kind === 'list'
            ? t('knowledgeEditor.listHelp')
            : def.kind === 'links'
              ? t('knowledgeEditor.linksHelp')
              : undefined;
        return (
          <TextField
            key={def.name}
            id={`kb-field-${def.name}`}
            label={t(`knowledgeFields.${def.name}`)}
            value={values[def.name] ?? ''}
            onChange={(event) => onChange(def.name, event.target.value)}
            type={INPUT_TYPE[def.kind] ?? 'text'}
            required={def.required}
            multiline={multiline}
            minRows={multiline ? 3 : undefined}
            size="small"
            error={Boolean(error)}
            helperText={error ?? help}
            slotProps={{
              inputLabel: def.kind === 'datetime' || def.kind === 'date' ? { shrink: true } : undefined,
              htmlInput: { 'data-testid': `kb-field-${def.name}` },
            }}
            sx={def.kind === 'list' || def.kind === 'links' ? { gridColumn: { md: 'span 2' } } : undefined}
          />
        );
      })}
    </Box>
  );
}
