// Search box over the Baza Wiedzy, built for use during a call: results while typing, arrows to move,
// Enter to attach the focused hit to the call, Space to read it. A chip says which engine answered.
import { useRef, useState, type KeyboardEvent } from 'react';
import { Box, Button, Chip, CircularProgress, InputAdornment, Stack, TextField, Typography } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useTranslation } from 'react-i18next';
import type { KnowledgeHitDto } from '@kck/contracts';
import { MIN_QUERY_LENGTH, useKnowledgeSearch } from '../../../api/knowledge.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useDebouncedValue } from '../hooks/use-debounced-value';

interface Props {
  id: string;
  onOpen: (hit: KnowledgeHitDto) => void;
  /** When given, each hit gets an "attach" action (the call panel's "articles used"). */
  onAttach?: (hit: KnowledgeHitDto) => void;
  attachedIds?: ReadonlySet<string>;
  selectedId?: string | null;
  limit?: number;
}

// Snippets may carry the engine's highlight tags and markdown marks; we show plain text.
const plain = (text: string) =>
  text
    .replace(/<[^>]*>/g, '')
    .replace(/(^|\s)#{1,6}\s+/g, '$1')
    .replace(/[*_`]{1,3}([^*_`]+)[*_`]{1,3}/g, '$1');

export function KnowledgeSearch({ id, onOpen, onAttach, attachedIds, selectedId, limit = 8 }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const query = useDebouncedValue(text, 150);
  const search = useKnowledgeSearch(query, limit);
  const listRef = useRef<HTMLUListElement>(null);
  const active = query.trim().length >= MIN_QUERY_LENGTH;
  const result = active ? search.data : undefined;

  const hitElements = () => Array.from(listRef.current?.querySelectorAll<HTMLElement>('[data-testid="kb-hit"]') ?? []);

  const onInputKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      const first = hitElements()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  const onHitKeyDown = (event: KeyboardEvent<HTMLLIElement>, hit: KnowledgeHitDto, index: number) => {
    if (event.target !== event.currentTarget) return; // keys on the buttons inside act on their own
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = index + (event.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) document.getElementById(`${id}-input`)?.focus();
      else hitElements()[next]?.focus();
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      if (onAttach) onAttach(hit);
      else onOpen(hit);
    } else if (event.key === ' ') {
      event.preventDefault();
      onOpen(hit);
    }
  };

  return (
    <Box component="section" aria-labelledby={`${id}-label`}>
      <TextField
        id={`${id}-input`}
        type="search"
        label={t('knowledge.search')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onInputKeyDown}
        fullWidth
        size="small"
        autoComplete="off"
        helperText={t(onAttach ? 'knowledge.searchHelpAttach' : 'knowledge.searchHelp')}
        slotProps={{
          inputLabel: { id: `${id}-label` },
          htmlInput: { 'data-testid': 'kb-search', 'aria-controls': `${id}-results`, maxLength: 200 },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" aria-hidden />
              </InputAdornment>
            ),
            endAdornment: search.isFetching ? (
              <InputAdornment position="end">
                <CircularProgress size={16} aria-label={t('common.loading')} />
              </InputAdornment>
            ) : null,
          },
        }}
      />
      <Box aria-live="polite" sx={{ minHeight: 28, mt: 0.5 }}>
        {result ? (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="caption" color="text.secondary">
              {t('knowledge.results', { count: result.hits.length })}
            </Typography>
            <Chip
              size="small"
              variant="outlined"
              color={result.engine === 'meilisearch' ? 'primary' : 'warning'}
              label={t('knowledge.engine', { engine: result.engine, ms: Math.round(result.tookMs) })}
              data-testid="kb-engine"
              data-engine={result.engine}
            />
          </Stack>
        ) : null}
      </Box>
      {active && search.error ? <ErrorAlert error={search.error} /> : null}
      <Box
        component="ul"
        id={`${id}-results`}
        ref={listRef}
        aria-label={t('knowledge.resultsLabel')}
        sx={{ listStyle: 'none', p: 0, m: 0 }}
      >
        {result?.hits.map((hit, index) => {
          const attached = attachedIds?.has(hit.id) ?? false;
          return (
            <Box
              component="li"
              key={hit.id}
              tabIndex={0}
              data-testid="kb-hit"
              data-article-id={hit.id}
              aria-label={hit.title}
              aria-current={selectedId === hit.id ? 'true' : undefined}
              onKeyDown={(event: KeyboardEvent<HTMLLIElement>) => onHitKeyDown(event, hit, index)}
              sx={{
                p: 1,
                mb: 0.5,
                border: 1,
                borderColor: selectedId === hit.id ? 'primary.main' : 'divider',
                borderRadius: 1,
                bgcolor: attached ? 'rgba(46, 125, 50, 0.08)' : 'background.paper',
                '&:hover': { bgcolor: 'action.hover' },
              }}
            >
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Button
                  size="small"
                  onClick={() => onOpen(hit)}
                  sx={{
                    textTransform: 'none',
                    fontWeight: 600,
                    textAlign: 'left',
                    flexGrow: 1,
                    justifyContent: 'flex-start',
                  }}
                >
                  {hit.title}
                </Button>
                <Chip size="small" label={t(`articleType.${hit.type}`)} />
                {hit.unitCode ? <Chip size="small" variant="outlined" label={hit.unitCode} /> : null}
                {onAttach ? (
                  <Button
                    size="small"
                    variant={attached ? 'text' : 'outlined'}
                    onClick={() => onAttach(hit)}
                    disabled={attached}
                    data-testid="kb-hit-attach"
                    aria-label={`${attached ? t('knowledge.attached') : t('knowledge.attach')}: ${hit.title}`}
                  >
                    {attached ? t('knowledge.attached') : t('knowledge.attach')}
                  </Button>
                ) : null}
              </Stack>
              <Typography variant="body2" color="text.secondary" sx={{ px: 1 }}>
                {plain(hit.snippet)}
              </Typography>
            </Box>
          );
        })}
      </Box>
      {result && result.hits.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('knowledge.noHits')}
        </Typography>
      ) : null}
    </Box>
  );
}
