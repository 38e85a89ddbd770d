// The accessibility statement (deklaracja dostępności) required by the act on the digital accessibility of public
// bodies' websites, in the structure of the gov.pl model; the city's own data (who, contact, dates) come from config.
import { Alert, Box, Button, Link, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { PublicLayout } from '../../public-report/components/PublicLayout';
import { useAccessibilityStatement } from '../accessibility-api';

/** The non-accessible content, in the statement's order; each has its reason (or the statutory exemption). */
const GAPS = ['map', 'photos', 'files', 'recordings'] as const;

export function AccessibilityStatementPage() {
  const { t } = useTranslation();
  const statement = useAccessibilityStatement();
  const data = statement.data;

  return (
    <PublicLayout title={t('accessibility.title')}>
      <Stack spacing={3} component="article" data-testid="accessibility-statement">
        <Typography component="h1" variant="h4" id="a11y-deklaracja">
          {t('accessibility.title')}
        </Typography>
        {data ? (
          <>
            <Box component="section" aria-labelledby="a11y-intro-heading">
              <Typography id="a11y-intro-heading" component="h2" variant="h5" gutterBottom>
                {t('accessibility.intro.heading')}
              </Typography>
              <Typography sx={{ mb: 2 }} id="a11y-wstep">
                <span id="a11y-podmiot">{data.entity}</span> {t('accessibility.intro.commitment')}{' '}
                {t('accessibility.intro.scope')}{' '}
                <Link id="a11y-url" href={data.siteUrl}>
                  {t('accessibility.intro.siteName')}
                </Link>
                .
              </Typography>
              <Typography>
                {t('accessibility.intro.published')} <span id="a11y-data-publikacja">{data.publishedOn}</span>
              </Typography>
              <Typography>
                {t('accessibility.intro.updated')} <span id="a11y-data-aktualizacja">{data.updatedOn}</span>
              </Typography>
            </Box>

            <Box component="section" aria-labelledby="a11y-status-heading">
              <Typography id="a11y-status-heading" component="h2" variant="h5" gutterBottom>
                {t('accessibility.status.heading')}
              </Typography>
              <Typography sx={{ mb: 2 }} id="a11y-status" data-status="partially-compliant">
                {t('accessibility.status.text')}
              </Typography>
              <Typography component="h3" variant="h6" gutterBottom>
                {t('accessibility.gaps.heading')}
              </Typography>
              <Box component="ul" sx={{ mt: 0 }}>
                {GAPS.map((gap) => (
                  <li key={gap}>
                    <Typography>
                      <strong>{t(`accessibility.gaps.${gap}.what`)}</strong> {t(`accessibility.gaps.${gap}.why`)}
                    </Typography>
                  </li>
                ))}
              </Box>
            </Box>

            <Box component="section" aria-labelledby="a11y-przygotowanie">
              <Typography id="a11y-przygotowanie" component="h2" variant="h5" gutterBottom>
                {t('accessibility.preparation.heading')}
              </Typography>
              <Typography sx={{ mb: 2 }}>
                {t('accessibility.preparation.made')} <span id="a11y-data-sporzadzenie">{data.publishedOn}</span>.{' '}
                {t('accessibility.preparation.method')}
              </Typography>
              <Typography sx={{ mb: 2 }} data-testid="accessibility-reviewed">
                {t('accessibility.preparation.reviewed')} <span id="a11y-data-przeglad">{data.reviewedOn}</span>.
              </Typography>
              <Typography>{t('accessibility.preparation.shortcuts')}</Typography>
            </Box>

            <Box component="section" aria-labelledby="a11y-kontakt">
              <Typography id="a11y-kontakt" component="h2" variant="h5" gutterBottom>
                {t('accessibility.feedback.heading')}
              </Typography>
              <Typography sx={{ mb: 2 }}>{t('accessibility.feedback.text')}</Typography>
              <Box component="dl" sx={{ '& dt': { fontWeight: 700 }, '& dd': { ml: 0, mb: 1 } }}>
                <dt>{t('accessibility.feedback.person')}</dt>
                <dd id="a11y-osoba">{data.contact.name}</dd>
                <dt>{t('accessibility.feedback.email')}</dt>
                <dd>
                  <Link id="a11y-email" href={`mailto:${data.contact.email}`}>
                    {data.contact.email}
                  </Link>
                </dd>
                <dt>{t('accessibility.feedback.phone')}</dt>
                <dd>
                  <Link id="a11y-telefon" href={`tel:${data.contact.phone.replace(/[^+\d]/g, '')}`}>
                    {data.contact.phone}
                  </Link>
                </dd>
              </Box>
              <Typography>{t('accessibility.feedback.sameWay')}</Typography>
            </Box>

            <Box component="section" aria-labelledby="a11y-procedura">
              <Typography id="a11y-procedura" component="h2" variant="h5" gutterBottom>
                {t('accessibility.procedure.heading')}
              </Typography>
              <Typography sx={{ mb: 2 }}>{t('accessibility.procedure.request')}</Typography>
              <Typography sx={{ mb: 2 }}>{t('accessibility.procedure.deadline')}</Typography>
              <Typography sx={{ mb: 2 }}>{t('accessibility.procedure.complaint')}</Typography>
              <Typography>
                {t('accessibility.procedure.ombudsman')}{' '}
                <Link href="https://bip.brpo.gov.pl/">{t('accessibility.procedure.ombudsmanLink')}</Link>.
              </Typography>
            </Box>

            <Box component="section" aria-labelledby="a11y-architektura">
              <Typography id="a11y-architektura" component="h2" variant="h5" gutterBottom>
                {t('accessibility.architecture.heading')}
              </Typography>
              <Typography sx={{ mb: 2 }}>{t('accessibility.architecture.building')}</Typography>
              <Typography sx={{ mb: 2 }}>{t('accessibility.architecture.dogs')}</Typography>
              <Typography>{t('accessibility.architecture.signLanguage')}</Typography>
            </Box>

            <Box component="section" aria-labelledby="a11y-aplikacje">
              <Typography id="a11y-aplikacje" component="h2" variant="h5" gutterBottom>
                {t('accessibility.apps.heading')}
              </Typography>
              <Typography>{t('accessibility.apps.text')}</Typography>
            </Box>
          </>
        ) : statement.error ? (
          <Alert severity="error" role="alert">
            {t('public.errors.generic')}
            <Button onClick={() => void statement.refetch()} sx={{ ml: 1 }}>
              {t('public.errors.retry')}
            </Button>
          </Alert>
        ) : (
          <Typography role="status">{t('accessibility.loading')}</Typography>
        )}
      </Stack>
    </PublicLayout>
  );
}
