// The structured part of an article, laid out per type: a service card's sections, a unit's numbered scope
// with contacts and opening hours, an event's dates and place, an election's key dates, a procedure's steps.
import type { ReactNode } from 'react';
import { Box, Button, Link, Typography } from '@mui/material';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { useTranslation } from 'react-i18next';
import type { ArticleDto, ArticleFields } from '@kck/contracts';
import { formatDateTime } from '../../../components/format';

function Section({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Box component="section" sx={{ mb: 1.5 }} data-testid={testId}>
      <Typography variant="subtitle2" component="h3" sx={{ fontWeight: 700 }}>
        {label}
      </Typography>
      {children}
    </Box>
  );
}

function TextSection({ label, text }: { label: string; text: string | null | undefined }) {
  if (!text?.trim()) return null;
  return (
    <Section label={label}>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
        {text}
      </Typography>
    </Section>
  );
}

function ListSection({ label, items, ordered }: { label: string; items: readonly string[]; ordered?: boolean }) {
  if (items.length === 0) return null;
  return (
    <Section label={label}>
      <Box component={ordered ? 'ol' : 'ul'} sx={{ pl: 3, my: 0.5, typography: 'body2' }}>
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </Box>
    </Section>
  );
}

const asObject = (fields: ArticleFields): Record<string, unknown> => fields as unknown as Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

export function ArticleFieldsView({ article }: { article: Pick<ArticleDto, 'type' | 'fields'> }) {
  const { t, i18n } = useTranslation();
  const f = asObject(article.fields ?? {});
  const label = (name: string) => t(`knowledgeFields.${name}`);
  const lang = i18n.language;

  switch (article.type) {
    case 'service_card': {
      const links = Array.isArray(f.links) ? (f.links as { label: string; url: string }[]) : [];
      const epuap = str(f.epuapUrl);
      return (
        <Box data-testid="kb-fields" data-type="service_card">
          <TextSection label={label('purpose')} text={str(f.purpose)} />
          <TextSection label={label('whoMayApply')} text={str(f.whoMayApply)} />
          <TextSection label={label('whereAndWhen')} text={str(f.whereAndWhen)} />
          <ListSection label={label('documents')} items={list(f.documents)} />
          <TextSection label={label('fees')} text={str(f.fees)} />
          <TextSection label={label('deadlines')} text={str(f.deadlines)} />
          <TextSection label={label('legalBasis')} text={str(f.legalBasis)} />
          {links.length > 0 ? (
            <Section label={label('links')}>
              <Box component="ul" sx={{ pl: 3, my: 0.5, typography: 'body2' }}>
                {links.map((link) => (
                  <li key={link.url}>
                    <Link href={link.url} target="_blank" rel="noopener noreferrer">
                      {link.label}
                    </Link>
                  </li>
                ))}
              </Box>
            </Section>
          ) : null}
          {epuap ? (
            <Button
              size="small"
              variant="outlined"
              href={epuap}
              target="_blank"
              rel="noopener noreferrer"
              endIcon={<OpenInNewIcon fontSize="small" />}
            >
              {label('epuapUrl')}
            </Button>
          ) : null}
        </Box>
      );
    }
    case 'unit_scope': {
      const phone = str(f.phone);
      const email = str(f.email);
      const website = str(f.website);
      const address = str(f.address);
      const hasContact = Boolean(phone || email || website || address);
      return (
        <Box data-testid="kb-fields" data-type="unit_scope">
          <ListSection label={label('scope')} items={list(f.scope)} ordered />
          {hasContact ? (
            <Section label={label('contact')}>
              <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, my: 0.5 }}>
                {address ? (
                  <>
                    <Typography component="dt" variant="body2" color="text.secondary">
                      {label('address')}
                    </Typography>
                    <Typography component="dd" variant="body2" sx={{ m: 0 }}>
                      {address}
                    </Typography>
                  </>
                ) : null}
                {phone ? (
                  <>
                    <Typography component="dt" variant="body2" color="text.secondary">
                      {label('phone')}
                    </Typography>
                    <Typography component="dd" variant="body2" sx={{ m: 0 }}>
                      <Link href={`tel:${phone.replace(/[^+0-9]/g, '')}`}>{phone}</Link>
                    </Typography>
                  </>
                ) : null}
                {email ? (
                  <>
                    <Typography component="dt" variant="body2" color="text.secondary">
                      {label('email')}
                    </Typography>
                    <Typography component="dd" variant="body2" sx={{ m: 0 }}>
                      <Link href={`mailto:${email}`}>{email}</Link>
                    </Typography>
                  </>
                ) : null}
                {website ? (
                  <>
                    <Typography component="dt" variant="body2" color="text.secondary">
                      {label('website')}
                    </Typography>
                    <Typography component="dd" variant="body2" sx={{ m: 0 }}>
                      <Link href={website} target="_blank" rel="noopener noreferrer">
                        {website}
                      </Link>
                    </Typography>
                  </>
                ) : null}
              </Box>
            </Section>
          ) : null}
          <TextSection label={label('openingHours')} text={str(f.openingHours)} />
        </Box>
      );
    }
    case 'event': {
      const startsAt = str(f.startsAt);
      const endsAt = str(f.endsAt);
      return (
        <Box data-testid="kb-fields" data-type="event">
          <Section label={label('when')}>
            <Typography variant="body2">
              {formatDateTime(startsAt, lang)}
              {endsAt ? ` – ${formatDateTime(endsAt, lang)}` : ''}
            </Typography>
          </Section>
          <TextSection label={label('place')} text={str(f.place)} />
          <TextSection label={label('organiser')} text={str(f.organiser)} />
        </Box>
      );
    }
    case 'election':
      return (
        <Box data-testid="kb-fields" data-type="election">
          <TextSection label={label('electionDate')} text={str(f.electionDate)} />
          <TextSection label={label('kind')} text={str(f.kind)} />
          <ListSection label={label('keyDates')} items={list(f.keyDates)} />
          <TextSection label={label('whereToVote')} text={str(f.whereToVote)} />
        </Box>
      );
    case 'procedure':
      return (
        <Box data-testid="kb-fields" data-type="procedure">
          <TextSection label={label('appliesWhen')} text={str(f.appliesWhen)} />
          <ListSection label={label('steps')} items={list(f.steps)} ordered />
        </Box>
      );
    default:
      return null;
  }
}
