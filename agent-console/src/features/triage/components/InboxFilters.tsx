// The inbox's filters: words (`/` jumps here, Escape goes back to the list), status, channel, category, district,
// age, overdue and claims. Every change goes to the page address at once, so the list follows it.
import { useEffect, useState, type KeyboardEvent, type RefObject } from 'react';
import { Box, Button, Checkbox, FormControlLabel, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import {
  CHANNELS,
  CLAIM_FILTERS,
  TRIAGE_INBOX_STATUSES,
  type InboxFilter,
  type TriageInboxStatus,
} from '@kck/contracts';
import { ariaKeys } from '../../../app/shortcuts';
import { dictionaryOptions, useDictionary } from '../../../api/dictionaries.api';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { useDebouncedValue } from '../../knowledge/hooks/use-debounced-value';
import { isEmptyFilter } from '../inbox-filter';

/** The ages a person picks from: waiting longer than this many days. */
const AGES = [1, 3, 7, 14, 30] as const;
/** Typing settles this long before the list is asked again. */
const TYPING_SETTLES_MS = 300;

interface Props {
  filter: InboxFilter;
  onChange: (filter: InboxFilter) => void;
  /** Escape in the words field: back to the list. */
  onLeave: () => void;
  textRef: RefObject<HTMLInputElement | null>;
}

export function InboxFilters({ filter, onChange, onLeave, textRef }: Props) {
  const { t, i18n } = useTranslation();
  const categories = useDictionary('category');
  const districts = useDictionary('district');
  const [words, setWords] = useState(filter.q ?? '');
  const settled = useDebouncedValue(words, TYPING_SETTLES_MS);

  // A saved filter picked, or "clear": the words field shows what the filter now says.
  useEffect(() => setWords(filter.q ?? ''), [filter.q]);
  useEffect(() => {
    const q = settled.trim() || undefined;
    if (q !== filter.q) onChange({ ...filter, q });
    // Only the words settling asks for a new list; the rest of the filter changes through its own fields.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);

  const set = (patch: Partial<InboxFilter>) => onChange({ ...filter, ...patch });
  const statuses = filter.statuses ?? [];
  const statusOptions = TRIAGE_INBOX_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }));
  // A saved filter may hold several statuses; the field offers that combination as it is.
  if (statuses.length > 1)
    statusOptions.unshift({
      value: statuses.join(',') as TriageInboxStatus,
      label: statuses.map((status) => t(`status.${status}`)).join(', '),
    });

  const onWordsKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onChange({ ...filter, q: words.trim() || undefined });
    onLeave();
  };

  return (
    <Box
      component="section"
      aria-label={t('triageInbox.filters.title')}
      data-testid="triage-filters"
      sx={{ px: 2, pb: 1, display: 'grid', gap: 1, gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))' }}
    >
      <TextField
        id="triage-filter-q"
        label={t('triageInbox.filters.words')}
        value={words}
        onChange={(event) => setWords(event.target.value)}
        onKeyDown={onWordsKey}
        size="small"
        inputRef={textRef}
        sx={{ gridColumn: '1 / -1' }}
        helperText={t('triageInbox.filters.wordsHelp')}
        slotProps={{
          htmlInput: {
            'data-testid': 'triage-filter-q',
            maxLength: 200,
            'aria-keyshortcuts': ariaKeys('triage.focusFilter'),
          },
        }}
      />
      <NativeSelectField
        id="triage-filter-status"
        label={t('triageInbox.filters.status')}
        value={statuses.join(',')}
        onChange={(value) => set({ statuses: value ? (value.split(',') as TriageInboxStatus[]) : undefined })}
        options={statusOptions}
        placeholder={t('triageInbox.filters.any')}
        testId="triage-filter-status"
      />
      <NativeSelectField
        id="triage-filter-channel"
        label={t('triageInbox.filters.channel')}
        value={filter.channel ?? ''}
        onChange={(value) => set({ channel: (value || undefined) as InboxFilter['channel'] })}
        options={CHANNELS.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))}
        placeholder={t('triageInbox.filters.any')}
        testId="triage-filter-channel"
      />
      <NativeSelectField
        id="triage-filter-category"
        label={t('triageInbox.filters.category')}
        value={filter.categoryId ?? ''}
        onChange={(value) => set({ categoryId: value || undefined })}
        options={dictionaryOptions(categories.data, i18n.language)}
        placeholder={t('triageInbox.filters.any')}
        testId="triage-filter-category"
      />
      <NativeSelectField
        id="triage-filter-district"
        label={t('triageInbox.filters.district')}
        value={filter.districtId ?? ''}
        onChange={(value) => set({ districtId: value || undefined })}
        options={dictionaryOptions(districts.data, i18n.language)}
        placeholder={t('triageInbox.filters.any')}
        testId="triage-filter-district"
      />
      <NativeSelectField
        id="triage-filter-age"
        label={t('triageInbox.filters.age')}
        value={filter.olderThanDays ? String(filter.olderThanDays) : ''}
        onChange={(value) => set({ olderThanDays: value ? Number(value) : undefined })}
        options={AGES.map((days) => ({
          value: String(days),
          label: t('triageInbox.filters.olderThan', { count: days }),
        }))}
        placeholder={t('triageInbox.filters.any')}
        testId="triage-filter-age"
      />
      <NativeSelectField
        id="triage-filter-claim"
        label={t('triageInbox.filters.claim')}
        value={filter.claim ?? ''}
        onChange={(value) => set({ claim: (value || undefined) as InboxFilter['claim'] })}
        options={CLAIM_FILTERS.map((claim) => ({ value: claim, label: t(`triageInbox.filters.claims.${claim}`) }))}
        placeholder={t('triageInbox.filters.any')}
        testId="triage-filter-claim"
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={filter.overdue === true}
            onChange={(event) => set({ overdue: event.target.checked || undefined })}
            size="small"
            slotProps={{ input: { 'data-testid': 'triage-filter-overdue' } as object }}
          />
        }
        label={t('triageInbox.filters.overdue')}
      />
      <Box sx={{ display: 'flex', alignItems: 'center' }}>
        <Button
          size="small"
          onClick={() => onChange({})}
          disabled={isEmptyFilter(filter)}
          data-testid="triage-filter-clear"
        >
          {t('triageInbox.filters.clear')}
        </Button>
      </Box>
    </Box>
  );
}
