// Search box over the Baza Wiedzy, built for use during a call: "/" focuses it from anywhere, results come
// while the agent types, arrows move through them, Enter opens one, D attaches it to the call. Facets narrow by
// type and unit; a chip says which engine answered (a warning one when the PostgreSQL fallback did).
import { useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import {
  Box,
  Button,
  Checkbox,
  Chip,
  CircularProgress,
  FormControlLabel,
  InputAdornment,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useTranslation } from 'react-i18next';
import { ARTICLE_TYPES, type ArticleType, type KnowledgeHitDto, type KnowledgeSearchDto } from '@kck/contracts';
import { MIN_QUERY_LENGTH, recordSearchChoice, useKnowledgeSearch } from '../../../api/knowledge.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useDebouncedValue } from '../hooks/use-debounced-value';
import { useSlashShortcut } from '../hooks/use-slash-shortcut';
import { withoutMarkdown } from '../highlight';
import { Highlighted } from './Highlighted';

interface Props {
  id: string;
  onOpen: (hit: KnowledgeHitDto) => void;
  /** When given, each hit gets an "attach" action (the call panel's "articles used"), also on the D key. */
  onAttach?: (hit: KnowledgeHitDto) => void;
  attachedIds?: ReadonlySet<string>;
  selectedId?: string | null;
  limit?: number;
  /** Editors may also look at expired articles and past events. */
  allowExpired?: boolean;
}

const ATTACH_KEYS = ['d', 'D'];
const MAX_UNIT_FACETS = 10;

const toggle = <T,>(list: readonly T[], value: T): T[] =>
  list.includes(value) ? list.filter((item) => item !== value) : [...list, value];

function EngineChip({ result }: { result: KnowledgeSearchDto }) {
  const { t } = useTranslation();
  const fallback = result.engine === 'postgres';
  return (
    <Chip
      size="small"
      variant={fallback ? 'filled' : 'outlined'}
      color={fallback ? 'warning' : 'default'}
      label={t(fallback ? 'knowledge.engineFallback' : 'knowledge.engine', {
        engine: 'Meilisearch',
        ms: Math.round(result.tookMs),
      })}
      title={fallback ? t('knowledge.engineFallbackHelp') : undefined}
      data-testid="kb-engine"
      data-engine={result.engine}
    />
  );
}

export function KnowledgeSearch({
  id,
  onOpen,
  onAttach,
  attachedIds,
  selectedId,
  limit = 8,
  allowExpired = false,
}: Props) {
  const { t } = useTranslation();
  const inputId = `${id}-input`;
  const [text, setText] = useState('');
  const [types, setTypes] = useState<ArticleType[]>([]);
  const [units, setUnits] = useState<string[]>([]);
  const [includeExpired, setIncludeExpired] = useState(false);
  const query = useDebouncedValue(text, 150);
  const search = useKnowledgeSearch(query, { limit, types, units, includeExpired });
  const listRef = useRef<HTMLUListElement>(null);
  const chosen = useRef(new Set<string>());
  const active = query.trim().length >= MIN_QUERY_LENGTH;
  const result = active ? search.data : undefined;
  useSlashShortcut(inputId);

  // The search log learns which article answered the query; once per search and article is enough.
  const logChoice = (hit: KnowledgeHitDto) => {
    if (!result) return;
    const key = `${result.searchId}:${hit.id}`;
    if (chosen.current.has(key)) return;
    chosen.current.add(key);
    recordSearchChoice(result.searchId, hit.id);
  };
  const open = (hit: KnowledgeHitDto) => {
    logChoice(hit);
    onOpen(hit);
  };
  const attach = (hit: KnowledgeHitDto) => {
    if (!onAttach) return;
    logChoice(hit);
    onAttach(hit);
  };

  const hitElements = () => Array.from(listRef.current?.querySelectorAll<HTMLElement>('[data-testid="kb-hit"]') ?? []);

  const onInputKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const first = result?.hits[0];
    if (event.key === 'ArrowDown') {
      const element = hitElements()[0];
      if (element) {
        event.preventDefault();
        element.focus();
      }
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && first) {
      event.preventDefault();
      open(first);
    } else if (event.key === 'Escape' && text) {
      event.preventDefault();
      setText('');
    }
  };

  const onHitKeyDown = (event: KeyboardEvent<HTMLLIElement>, hit: KnowledgeHitDto, index: number) => {
    if (event.target !== event.currentTarget) return; // keys on the buttons inside act on their own
    const elements = hitElements();
    const focusAt = (at: number) => {
      event.preventDefault();
      if (at < 0) document.getElementById(inputId)?.focus();
      else elements[Math.min(at, elements.length - 1)]?.focus();
    };
    if (event.key === 'ArrowDown') focusAt(index + 1);
    else if (event.key === 'ArrowUp') focusAt(index - 1);
    else if (event.key === 'Home') focusAt(0);
    else if (event.key === 'End') focusAt(elements.length - 1);
    else if (event.key === 'Escape') focusAt(-1);
    else if ((event.key === 'Enter' || event.key === ' ') && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      open(hit);
    } else if (onAttach && ATTACH_KEYS.includes(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      attach(hit);
    }
  };

  const typeFacets = ARTICLE_TYPES.filter((type) => (result?.facets.type[type] ?? 0) > 0 || types.includes(type));
  const unitFacets = Object.entries(result?.facets.unit ?? {})
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_UNIT_FACETS)
    .map(([code]) => code);
  for (const code of units) if (!unitFacets.includes(code)) unitFacets.push(code);

  return (
    <Box component="section" aria-labelledby={`${id}-label`}>
      <TextField
        id={inputId}
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
          htmlInput: {
            'data-testid': 'kb-search',
            'aria-controls': `${id}-results`,
            'aria-keyshortcuts': '/',
            maxLength: 200,
          },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" aria-hidden />
              </InputAdornment>
            ),
            endAdornment: (
              <InputAdornment position="end">
                {search.isFetching ? (
                  <CircularProgress size={16} aria-label={t('common.loading')} />
                ) : (
                  <Box
                    component="kbd"
                    aria-hidden
                    sx={{ border: 1, borderColor: 'divider', borderRadius: 0.5, px: 0.75, fontSize: 12 }}
                  >
                    /
                  </Box>
                )}
              </InputAdornment>
            ),
          },
        }}
      />
      {allowExpired ? (
        <FormControlLabel
          control={
            <Checkbox
              size="small"
              checked={includeExpired}
              onChange={(event) => setIncludeExpired(event.target.checked)}
              slotProps={{ input: { 'data-testid': 'kb-include-expired' } as object }}
            />
          }
          label={t('knowledge.includeExpired')}
        />
      ) : null}
      <Box aria-live="polite" sx={{ minHeight: 28, mt: 0.5 }}>
        {result ? (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
            <Typography variant="caption" color="text.secondary" data-testid="kb-result-count">
              {t('knowledge.results', { count: result.hits.length })}
            </Typography>
            <EngineChip result={result} />
          </Stack>
        ) : null}
      </Box>
      {result && (typeFacets.length > 0 || unitFacets.length > 0) ? (
        <Box data-testid="kb-facets" sx={{ mb: 1 }}>
          {typeFacets.length > 0 ? (
            <Box
              role="group"
              aria-label={t('knowledge.facets.type')}
              sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mb: 0.5 }}
            >
              {typeFacets.map((type) => {
                const selected = types.includes(type);
                return (
                  <Chip
                    key={type}
                    size="small"
                    clickable
                    color={selected ? 'primary' : 'default'}
                    variant={selected ? 'filled' : 'outlined'}
                    label={`${t(`articleType.${type}`)} (${result.facets.type[type] ?? 0})`}
                    onClick={() => setTypes((current) => toggle(current, type))}
                    aria-pressed={selected}
                    data-testid="kb-facet-type"
                    data-value={type}
                  />
                );
              })}
            </Box>
          ) : null}
          {unitFacets.length > 0 ? (
            <Box
              role="group"
              aria-label={t('knowledge.facets.unit')}
              sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}
            >
              {unitFacets.map((code) => {
                const selected = units.includes(code);
                return (
                  <Chip
                    key={code}
                    size="small"
                    clickable
                    color={selected ? 'primary' : 'default'}
                    variant={selected ? 'filled' : 'outlined'}
                    label={`${code} (${result.facets.unit[code] ?? 0})`}
                    onClick={() => setUnits((current) => toggle(current, code))}
                    aria-pressed={selected}
                    data-testid="kb-facet-unit"
                    data-value={code}
                  />
                );
              })}
            </Box>
          ) : null}
        </Box>
      ) : null}
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
          const selected = selectedId === hit.id;
          return (
            <Box
              component="li"
              key={hit.id}
              tabIndex={0}
              data-testid="kb-hit"
              data-article-id={hit.id}
              data-type={hit.type}
              data-unit={hit.unitCode ?? ''}
              aria-label={hit.title}
              aria-current={selected ? 'true' : undefined}
              aria-keyshortcuts={onAttach ? 'Enter D' : 'Enter'}
              onKeyDown={(event: KeyboardEvent<HTMLLIElement>) => onHitKeyDown(event, hit, index)}
              // A click anywhere on the hit opens it; its own buttons (open, attach) act for themselves.
              onClick={(event: MouseEvent<HTMLLIElement>) => {
                if (event.target instanceof Element && event.target.closest('button')) return;
                open(hit);
              }}
              sx={{
                p: 1,
                mb: 0.5,
                border: 1,
                borderColor: selected ? 'primary.main' : 'divider',
                borderRadius: 1,
                bgcolor: attached ? 'rgba(46, 125, 50, 0.08)' : 'background.paper',
                cursor: 'pointer',
                '&:hover': { bgcolor: 'action.hover' },
                '&:focus-visible': { outline: '3px solid', outlineColor: 'primary.main', outlineOffset: 1 },
              }}
            >
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Button
                  size="small"
                  tabIndex={-1}
                  onClick={() => open(hit)}
                  data-testid="kb-hit-open"
                  sx={{
                    textTransform: 'none',
                    fontWeight: 600,
                    textAlign: 'left',
                    flexGrow: 1,
                    justifyContent: 'flex-start',
                  }}
                >
                  <span>
                    <Highlighted text={hit.title} ranges={hit.titleHighlights} />
                  </span>
                </Button>
                <Chip size="small" label={t(`articleType.${hit.type}`)} />
                {hit.unitCode ? <Chip size="small" variant="outlined" label={hit.unitCode} /> : null}
                {onAttach ? (
                  <Button
                    size="small"
                    tabIndex={-1}
                    variant={attached ? 'text' : 'outlined'}
                    onClick={() => attach(hit)}
                    disabled={attached}
                    data-testid="kb-hit-attach"
                    aria-label={`${attached ? t('knowledge.attached') : t('knowledge.attach')}: ${hit.title}`}
                  >
                    {attached ? t('knowledge.attached') : t('knowledge.attach')}
                  </Button>
                ) : null}
              </Stack>
              <Typography variant="body2" color="text.secondary" sx={{ px: 1 }} data-testid="kb-hit-snippet">
                <Highlighted {...withoutMarkdown(hit.snippet, hit.highlights)} />
              </Typography>
              {hit.validTo ? (
                <Typography variant="caption" color="text.secondary" sx={{ px: 1 }}>
                  {t('knowledge.validity.to', { to: hit.validTo })}
                </Typography>
              ) : null}
            </Box>
          );
        })}
      </Box>
      {result && result.hits.length === 0 ? (
        <Typography variant="body2" color="text.secondary" data-testid="kb-no-hits">
          {t('knowledge.noHits')}
        </Typography>
      ) : null}
    </Box>
  );
}
