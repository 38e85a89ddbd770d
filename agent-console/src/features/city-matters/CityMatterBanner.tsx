// The banner every console shows while a city-wide matter is open: the agreed script and its article. With the
// current call passed in (the call screen does), one button or Alt+M links that call to the matter.
import { useEffect, useRef, useState } from 'react';
import { Alert, AlertTitle, Box, Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { CityMatterDto } from '@kck/contracts';
import { useCityMatters, useLinkCallToCityMatter } from '../../api/city-matters.api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LiveRegion } from '../../components/LiveRegion';
import { ArticleDialog } from '../knowledge/components/ArticleDialog';

interface Props {
  /** The agent's live or wrap-up call; without it there is nothing to link. */
  currentCallId?: string | null;
}

/** Alt+M by the physical key: on some layouts Alt+M types a character (µ) instead of reporting `m`. */
const isLinkShortcut = (event: KeyboardEvent) =>
  event.altKey && !event.ctrlKey && !event.metaKey && (event.code === 'KeyM' || event.key.toLowerCase() === 'm');

function useNewMatterAnnouncement(matters: CityMatterDto[] | undefined): string {
  const { t } = useTranslation();
  const known = useRef<Set<string> | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!matters) return;
    // The first list is what was already open when the page loaded: nothing new to announce.
    const added = known.current ? matters.filter((m) => !known.current!.has(m.id)) : [];
    known.current = new Set(matters.map((m) => m.id));
    if (added.length > 0) setMessage(t('cityMatters.banner.declared', { title: added.map((m) => m.title).join(', ') }));
  }, [matters, t]);
  return message;
}

export function CityMatterBanner({ currentCallId }: Props) {
  const { t } = useTranslation();
  const open = useCityMatters('open');
  const link = useLinkCallToCityMatter();
  const [articleId, setArticleId] = useState<string | null>(null);
  // Which call each matter has been linked to from here, so the button says it is done.
  const [linked, setLinked] = useState<Record<string, string>>({});
  const matters = open.data?.matters;
  const announcement = useNewMatterAnnouncement(matters);
  const first = matters?.[0];

  const toggle = (matterId: string, callId: string, makeLinked: boolean) =>
    link.mutate(
      { matterId, callId, linked: makeLinked },
      {
        onSuccess: (result) =>
          setLinked((old) => {
            const next = { ...old };
            if (result.linked) {
              // A call belongs to one matter: linking it here took it off any other.
              for (const [id, call] of Object.entries(next)) if (call === callId) delete next[id];
              next[matterId] = callId;
            } else delete next[matterId];
            return next;
          }),
      },
    );

  useEffect(() => {
    if (!currentCallId || !first) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isLinkShortcut(event)) return;
      event.preventDefault();
      if (!link.isPending && linked[first.id] !== currentCallId) toggle(first.id, currentCallId, true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  return (
    <>
      <LiveRegion message={announcement} testId="city-matter-announcement" />
      {matters && matters.length > 0 ? (
        <Stack spacing={1} sx={{ mb: 3 }} data-testid="city-matter-banners">
          {matters.map((matter, index) => {
            const isLinked = Boolean(currentCallId && linked[matter.id] === currentCallId);
            const headingId = `city-matter-${matter.id}`;
            return (
              <Alert
                key={matter.id}
                severity="warning"
                variant="outlined"
                component="section"
                aria-labelledby={headingId}
                data-testid="city-matter-banner"
                data-matter-id={matter.id}
                sx={{ bgcolor: 'background.paper', '& .MuiAlert-message': { width: '100%' } }}
              >
                <AlertTitle id={headingId} component="h2" sx={{ fontSize: 18, fontWeight: 700 }}>
                  {t('cityMatters.banner.heading', { title: matter.title })}
                </AlertTitle>
                <Typography sx={{ whiteSpace: 'pre-wrap' }} data-testid="city-matter-script">
                  {matter.script}
                </Typography>
                <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1 }}>
                  {matter.article ? (
                    <Button
                      size="small"
                      variant="outlined"
                      onClick={() => setArticleId(matter.article!.id)}
                      data-testid="city-matter-article"
                    >
                      {t('cityMatters.banner.article', { title: matter.article.title })}
                    </Button>
                  ) : null}
                  {currentCallId ? (
                    <Button
                      size="small"
                      variant={isLinked ? 'outlined' : 'contained'}
                      color="warning"
                      disabled={link.isPending}
                      onClick={() => toggle(matter.id, currentCallId, !isLinked)}
                      aria-keyshortcuts={index === 0 && !isLinked ? 'Alt+M' : undefined}
                      aria-pressed={isLinked}
                      data-testid="city-matter-link-call"
                    >
                      {isLinked
                        ? t('cityMatters.banner.unlink')
                        : index === 0
                          ? t('cityMatters.banner.linkKey')
                          : t('cityMatters.banner.link')}
                    </Button>
                  ) : null}
                  {isLinked ? (
                    <Typography variant="body2" sx={{ alignSelf: 'center' }} data-testid="city-matter-linked">
                      {t('cityMatters.banner.linked')}
                    </Typography>
                  ) : null}
                </Box>
              </Alert>
            );
          })}
          {link.isError ? <ErrorAlert error={link.error} testId="city-matter-link-error" /> : null}
        </Stack>
      ) : null}
      <ArticleDialog articleId={articleId} onClose={() => setArticleId(null)} />
    </>
  );
}
