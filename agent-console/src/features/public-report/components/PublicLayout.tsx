// The frame of the public pages: the city's name, the language switch (PL / EN / UK), the page in a <main>, and a
// footer on privacy. No sign-in, no socket, no staff navigation: none of the console's frame runs here.
import { useEffect, type ReactNode } from 'react';
import { Box, Container, Link, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PUBLIC_LANGUAGES, type PublicLanguage } from '@kck/contracts';
import { usePublicLanguage } from '../public-language';
import { ACCESSIBILITY_STATEMENT_PATH } from '../../accessibility-statement/paths';

const LANGUAGE_NAMES: Record<PublicLanguage, string> = { pl: 'Polski', en: 'English', uk: 'Українська' };

export function PublicLayout({ title, children, footer }: { title: string; children: ReactNode; footer?: string }) {
  const { t } = useTranslation();
  const [language, setLanguage] = usePublicLanguage();
  useEffect(() => {
    document.title = `${title} — ${t('public.layout.kck')}`;
  }, [title, t]);

  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default', display: 'flex', flexDirection: 'column' }}>
      <Link
        href="#main"
        sx={{
          position: 'absolute',
          left: 8,
          top: -48,
          zIndex: 10,
          bgcolor: 'common.white',
          p: 1,
          '&:focus': { top: 8 },
        }}
      >
        {t('public.layout.skip')}
      </Link>
      <Box component="header" sx={{ bgcolor: 'primary.main', color: 'common.white' }}>
        <Container
          maxWidth="md"
          sx={{
            py: 1.5,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 1,
            flexWrap: 'wrap',
          }}
        >
          <Box>
            <Typography component="p" variant="subtitle1" sx={{ fontWeight: 700, lineHeight: 1.2 }}>
              {t('public.layout.city')}
            </Typography>
            <Typography component="p" variant="body2">
              {t('public.layout.kck')}
            </Typography>
          </Box>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={language}
            onChange={(_event, value: PublicLanguage | null) => {
              if (value) setLanguage(value);
            }}
            aria-label={t('public.layout.language')}
            data-testid="public-lang-switch"
            sx={{
              '& .MuiToggleButton-root': { color: 'common.white', borderColor: 'rgba(255,255,255,0.6)' },
              '& .MuiToggleButton-root.Mui-selected': { color: 'primary.main', bgcolor: 'common.white' },
              '& .MuiToggleButton-root.Mui-selected:hover': { bgcolor: 'grey.200' },
            }}
          >
            {PUBLIC_LANGUAGES.map((code) => (
              <ToggleButton
                key={code}
                value={code}
                lang={code}
                aria-label={`${code.toUpperCase()} – ${LANGUAGE_NAMES[code]}`}
                data-lang={code}
              >
                {code.toUpperCase()}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </Container>
      </Box>
      <Container component="main" id="main" tabIndex={-1} maxWidth="md" sx={{ py: 3, flex: 1, outline: 'none' }}>
        {children}
      </Container>
      <Box component="footer" sx={{ borderTop: 1, borderColor: 'divider', bgcolor: 'common.white' }}>
        <Container maxWidth="md" sx={{ py: 2 }}>
          <Typography variant="body2" color="text.secondary">
            {footer ?? t('public.layout.footer')}
          </Typography>
          <Typography variant="body2" sx={{ mt: 1 }}>
            <Link component={RouterLink} to={ACCESSIBILITY_STATEMENT_PATH} data-testid="accessibility-statement-link">
              {t('accessibility.link')}
            </Link>
          </Typography>
        </Container>
      </Box>
    </Box>
  );
}
