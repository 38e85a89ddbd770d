// Labels of the intake channels (CHANNELS in @kck/contracts) for the 'channel' dictionary.
// Keyed by Channel, so a channel added to contracts without a label fails the type check here.
import { CHANNELS, type Channel } from '@kck/contracts';

export interface SeedChannel {
  code: Channel;
  labelPl: string;
  labelEn: string;
}

const LABELS: Record<Channel, { labelPl: string; labelEn: string }> = {
  phone: { labelPl: 'Telefon (infolinia miejska)', labelEn: 'Phone (city hotline)' },
  email: { labelPl: 'Poczta elektroniczna', labelEn: 'E-mail' },
  web_form: { labelPl: 'Formularz internetowy', labelEn: 'Web form' },
  kpum: { labelPl: 'Krakowski Portal Usług Miejskich (KPUM)', labelEn: 'Kraków City Services Portal (KPUM)' },
  mayor: {
    labelPl: 'Kancelaria Prezydenta (sprawy do Prezydenta)',
    labelEn: "Mayor's office (matters for the Mayor)",
  },
  open311: { labelPl: 'Interfejs Open311', labelEn: 'Open311 API' },
};

export const CHANNEL_LABELS: SeedChannel[] = CHANNELS.map((code) => ({ code, ...LABELS[code] }));
