// A demo phone survey (ordinance 1231/2025 § 5 pt 4: DK-02 runs surveys heads of divisions commission), active
// from the first seed for three months, with one question of each kind, so agents can run it at once.
import type { EntityManager } from 'typeorm';
import { createSurveyRequest, type CreateSurveyRequestInput } from '@kck/contracts';
import { insertSurvey } from '@kck/backend/surveys/surveys.service';

export interface SeedSurvey {
  /** Kept stable: the seed writes a survey once, found again by its title. */
  title: string;
  commissionedByUnitCode: string;
  survey: Omit<CreateSurveyRequestInput, 'title' | 'commissionedByUnitId' | 'periodFrom' | 'periodTo'>;
  /** Days the period lasts from the day of the first seed. */
  periodDays: number;
}

export const DEMO_SURVEYS: SeedSurvey[] = [
  {
    title: 'Jakość obsługi Infolinii Miejskiej',
    commissionedByUnitCode: 'DK',
    periodDays: 90,
    survey: {
      // A made-up person: the demo names no real official.
      commissionedByName: 'Jan Przykładowy, Zastępca Dyrektora Wydziału',
      description:
        'Na koniec rozmowy: „Czy zgodzi się Pan/Pani odpowiedzieć na cztery krótkie pytania o naszą infolinię? ' +
        'To zajmie około minuty.” Odpowiedzi są anonimowe; nie zapisujemy numeru telefonu.',
      questions: [
        {
          kind: 'single_choice',
          text: 'Czy otrzymał(a) Pan/Pani informację, której Pan/Pani szukał(a)?',
          options: ['Tak, w pełni', 'Częściowo', 'Nie'],
        },
        {
          kind: 'scale',
          text: 'Jak ocenia Pan/Pani rozmowę z konsultantem?',
          scaleMin: 1,
          scaleMax: 5,
          minLabel: 'bardzo źle',
          maxLabel: 'bardzo dobrze',
        },
        {
          kind: 'multiple_choice',
          text: 'Z jakich innych sposobów kontaktu z Urzędem Pan/Pani korzysta?',
          required: false,
          options: ['Strona krakow.pl', 'Krakowski Portal Usług Miejskich', 'Wizyta w urzędzie', 'E-mail lub ePUAP'],
        },
        { kind: 'free_text', text: 'Co powinniśmy poprawić?', required: false },
      ],
    },
  },
];

const DAY_MS = 86_400_000;
const warsawDate = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(at);

/** Writes each demo survey once, active; a survey analysts have since changed or closed stays as they left it. */
export async function seedSurveys(em: EntityManager, units: Map<string, string>): Promise<void> {
  for (const demo of DEMO_SURVEYS) {
    const exists: unknown[] = await em.query(`SELECT 1 FROM survey WHERE title = $1`, [demo.title]);
    if (exists.length > 0) continue;
    const now = new Date();
    const input = createSurveyRequest.parse({
      ...demo.survey,
      title: demo.title,
      commissionedByUnitId: units.get(demo.commissionedByUnitCode),
      periodFrom: warsawDate(now),
      periodTo: warsawDate(new Date(now.getTime() + demo.periodDays * DAY_MS)),
    });
    const id = await insertSurvey(em, null, input);
    await em.query(`UPDATE survey SET status = 'active', activated_at = now() WHERE id = $1`, [id]);
  }
}
