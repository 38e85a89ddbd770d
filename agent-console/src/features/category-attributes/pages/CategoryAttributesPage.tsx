// "Pytania kategorii": the questions each category asks beyond the description (Open311 service attributes), which
// the ticket forms, the residents' web form and Open311 clients answer. Admins add, edit, reorder and deactivate them.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  Button,
  Chip,
  IconButton,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import { useTranslation } from 'react-i18next';
import type { CategoryAttributeDto } from '@kck/contracts';
import { useCategoryAttributes, useReorderCategoryAttributes } from '../../../api/category-attributes.api';
import { dictionaryOptions, useDictionary } from '../../../api/dictionaries.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LiveRegion } from '../../../components/LiveRegion';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { QueryState } from '../../../components/QueryState';
import { CategoryAttributeDialog } from '../components/CategoryAttributeDialog';

type DialogState = null | 'new' | CategoryAttributeDto;

export function CategoryAttributesPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [params, setParams] = useSearchParams();
  const categoryId = params.get('category') ?? '';
  const categories = useDictionary('category');
  const attributes = useCategoryAttributes(categoryId || null, true);
  const reorder = useReorderCategoryAttributes(categoryId);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [announcement, setAnnouncement] = useState('');

  const label = (attribute: CategoryAttributeDto) =>
    language.startsWith('en') ? attribute.labelEn : attribute.labelPl;
  const move = (rows: CategoryAttributeDto[], index: number, by: -1 | 1) => {
    const ids = rows.map((row) => row.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    reorder.mutate(ids, { onSuccess: () => setAnnouncement(t('categoryAttributes.reordered')) });
  };

  return (
    <Paper component="section" aria-labelledby="category-attributes-heading" sx={{ p: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 1, alignItems: { sm: 'center' } }}>
        <Typography variant="h6" component="h1" id="category-attributes-heading" sx={{ flexGrow: 1 }}>
          {t('categoryAttributes.title')}
        </Typography>
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          onClick={() => setDialog('new')}
          disabled={!categoryId}
          data-testid="category-attribute-add"
        >
          {t('categoryAttributes.add')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: '90ch' }}>
        {t('categoryAttributes.intro')}
      </Typography>
      <NativeSelectField
        id="category-attributes-category"
        label={t('categoryAttributes.category')}
        value={categoryId}
        onChange={(value) => setParams(value ? { category: value } : {}, { replace: true })}
        options={dictionaryOptions(categories.data, language)}
        placeholder={categories.isPending ? t('common.loading') : t('common.choose')}
        testId="category-attributes-category"
      />
      <LiveRegion message={announcement} />
      {reorder.error ? <ErrorAlert error={reorder.error} testId="category-attributes-reorder-error" /> : null}
      {categoryId ? (
        <QueryState
          isPending={attributes.isPending}
          error={attributes.error}
          data={attributes.data}
          onRetry={() => void attributes.refetch()}
          isEmpty={(rows) => rows.length === 0}
          emptyText={t('categoryAttributes.empty')}
        >
          {(rows) => (
            <TableContainer sx={{ mt: 2 }}>
              <Table size="small" aria-label={t('categoryAttributes.title')} data-testid="category-attributes-table">
                <TableHead>
                  <TableRow>
                    <TableCell>{t('categoryAttributes.columns.order')}</TableCell>
                    <TableCell>{t('categoryAttributes.columns.question')}</TableCell>
                    <TableCell>{t('categoryAttributes.fields.code')}</TableCell>
                    <TableCell>{t('categoryAttributes.fields.datatype')}</TableCell>
                    <TableCell>{t('categoryAttributes.values')}</TableCell>
                    <TableCell>{t('categoryAttributes.columns.status')}</TableCell>
                    <TableCell>{t('categoryAttributes.columns.actions')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map((attribute, index) => (
                    <TableRow
                      key={attribute.id}
                      data-testid="category-attribute-row"
                      data-code={attribute.code}
                      data-active={attribute.active ? 'true' : 'false'}
                      sx={{ opacity: attribute.active ? 1 : 0.6, verticalAlign: 'top' }}
                    >
                      <TableCell>{index + 1}</TableCell>
                      <TableCell>
                        {label(attribute)}
                        {attribute.required ? (
                          <Chip size="small" sx={{ ml: 1 }} label={t('categoryAttributes.fields.required')} />
                        ) : null}
                      </TableCell>
                      <TableCell>
                        <code>{attribute.code}</code>
                      </TableCell>
                      <TableCell>{t(`categoryAttributes.datatypes.${attribute.datatype}`)}</TableCell>
                      <TableCell>
                        {attribute.values
                          .map(
                            (value) =>
                              `${language.startsWith('en') ? value.labelEn : value.labelPl}${value.active ? '' : ` (${t('categoryAttributes.inactive')})`}`,
                          )
                          .join(', ') || '—'}
                      </TableCell>
                      <TableCell>
                        <Chip
                          size="small"
                          color={attribute.active ? 'success' : 'default'}
                          label={attribute.active ? t('categoryAttributes.active') : t('categoryAttributes.inactive')}
                        />
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        <IconButton
                          size="small"
                          aria-label={t('categoryAttributes.moveUp', { question: label(attribute) })}
                          disabled={index === 0 || reorder.isPending}
                          onClick={() => move(rows, index, -1)}
                          data-testid="category-attribute-up"
                        >
                          <ArrowUpwardIcon fontSize="small" />
                        </IconButton>
                        <IconButton
                          size="small"
                          aria-label={t('categoryAttributes.moveDown', { question: label(attribute) })}
                          disabled={index === rows.length - 1 || reorder.isPending}
                          onClick={() => move(rows, index, 1)}
                          data-testid="category-attribute-down"
                        >
                          <ArrowDownwardIcon fontSize="small" />
                        </IconButton>
                        <Button size="small" onClick={() => setDialog(attribute)} data-testid="category-attribute-edit">
                          {t('categoryAttributes.edit')}
                        </Button>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </QueryState>
      ) : (
        <Typography color="text.secondary" sx={{ mt: 2 }}>
          {t('categoryAttributes.pickCategory')}
        </Typography>
      )}
      {dialog && categoryId ? (
        <CategoryAttributeDialog
          key={dialog === 'new' ? 'new' : dialog.id}
          categoryId={categoryId}
          attribute={dialog === 'new' ? null : dialog}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            setAnnouncement(t('categoryAttributes.saved'));
          }}
        />
      ) : null}
    </Paper>
  );
}
