// The residents' web form and status page: versioned consent texts (RODO) and which one each submission ticked,
// the submissions log that makes a retried form idempotent, photos staged before the form is sent, extra status
// links (only their hashes), the resident's rating, and which categories the form offers.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const CONSENT_PL =
  'Wyrażam zgodę na przetwarzanie mojego adresu e-mail przez Gminę Miejską Kraków – Urząd Miasta Krakowa ' +
  '(administrator danych, pl. Wszystkich Świętych 3-4, 31-004 Kraków) w celu przesyłania mi informacji o tym ' +
  'zgłoszeniu i odpowiedzi na nie (art. 6 ust. 1 lit. a RODO). Zgodę mogę wycofać w każdej chwili, pisząc do ' +
  'Krakowskiego Centrum Kontaktu; wycofanie nie wpływa na zgodność z prawem wcześniejszego przetwarzania. ' +
  'Adres przechowujemy tak długo jak dokumentację sprawy.';
const CONSENT_EN =
  'I agree that the Municipality of Kraków – Kraków City Hall (data controller, pl. Wszystkich Świętych 3-4, ' +
  '31-004 Kraków) may process my e-mail address to send me information about this report and the answer to it ' +
  '(Article 6(1)(a) GDPR). I may withdraw this consent at any time by writing to the Kraków Contact Centre; ' +
  'withdrawal does not affect processing before it. The address is kept as long as the case file.';
const CONSENT_UK =
  'Я погоджуюся на обробку моєї адреси електронної пошти Гміною Місто Краків – Краківською міською радою ' +
  '(адміністратор даних, pl. Wszystkich Świętych 3-4, 31-004 Kraków) з метою надсилання мені інформації про це ' +
  'звернення та відповіді на нього (ст. 6 ч. 1 п. a GDPR). Я можу відкликати згоду в будь-який час, написавши до ' +
  'Краківського контактного центру; відкликання не впливає на законність попередньої обробки. Адресу ' +
  'зберігаємо стільки, скільки документацію справи.';

export class PublicIntake1763800000220 implements MigrationInterface {
  name = 'PublicIntake1763800000220';

  async up(q: QueryRunner): Promise<void> {
    // A text is never edited: a new wording is a new version, so every submission keeps what its sender read.
    await q.query(`
      CREATE TABLE public_consent_text (
        version text PRIMARY KEY CHECK (version ~ '^[a-z0-9][a-z0-9.-]{0,39}$'),
        text_pl text NOT NULL CHECK (length(text_pl) > 0),
        text_en text NOT NULL CHECK (length(text_en) > 0),
        text_uk text NOT NULL CHECK (length(text_uk) > 0),
        published_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `INSERT INTO public_consent_text (version, text_pl, text_en, text_uk, published_at) VALUES ($1, $2, $3, $4, $5)`,
      ['2026-11-1', CONSENT_PL, CONSENT_EN, CONSENT_UK, '2026-11-23T00:00:00Z'],
    );

    // One row per form report or status-page message, by the id the browser generated: sent again, it answers the
    // same ticket (or message) instead of writing another. No client address is kept here (the access log has it).
    await q.query(`
      CREATE TABLE public_submission (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('report', 'message')),
        ticket_id uuid NOT NULL REFERENCES ticket(id),
        comment_id uuid REFERENCES ticket_comment(id),
        -- SHA-256 of what was sent: the same id with different content is refused, not silently answered.
        request_hash text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
        consent_version text REFERENCES public_consent_text(version),
        consented_at timestamptz,
        language text NOT NULL CHECK (language IN ('pl', 'en', 'uk')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT public_submission_consent_complete CHECK ((consent_version IS NULL) = (consented_at IS NULL))
      )`);
    await q.query(`CREATE INDEX public_submission_ticket_idx ON public_submission (ticket_id)`);

    // A photo is checked, read for its GPS and re-encoded (EXIF gone) as soon as it is chosen, then waits here for
    // its form or message. Unclaimed rows older than a day are deleted with their files.
    await q.query(`
      CREATE TABLE public_upload (
        id uuid PRIMARY KEY,
        submission_id uuid NOT NULL,
        storage_key text NOT NULL UNIQUE,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        -- Set once the object is in the store: a row written before a crash is never claimed without its file.
        stored_at timestamptz,
        attachment_id uuid REFERENCES ticket_attachment(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX public_upload_submission_idx ON public_upload (submission_id)`);
    await q.query(`CREATE INDEX public_upload_unclaimed_idx ON public_upload (created_at) WHERE attachment_id IS NULL`);

    // Status links besides the form's own (ticket.status_token_hash): the acknowledgement e-mail's, and a form
    // sent again. Only SHA-256 hashes of the 256-bit tokens are kept.
    await q.query(`
      CREATE TABLE ticket_status_link (
        token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        ticket_id uuid NOT NULL REFERENCES ticket(id),
        issued_for text NOT NULL CHECK (issued_for IN ('email', 'resubmission')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ticket_status_link_ticket_idx ON ticket_status_link (ticket_id)`);

    await q.query(`
      CREATE TABLE ticket_rating (
        ticket_id uuid PRIMARY KEY REFERENCES ticket(id),
        score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
        comment text CHECK (comment IS NULL OR length(comment) BETWEEN 1 AND 2000),
        rated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Categories are offered on the residents' form unless switched off here (internal ones, say).
    await q.query(`ALTER TABLE dictionary_entry ADD COLUMN public_intake boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dictionary_entry DROP COLUMN public_intake`);
    await q.query(`DROP TABLE ticket_rating`);
    await q.query(`DROP TABLE ticket_status_link`);
    await q.query(`DROP TABLE public_upload`);
    await q.query(`DROP TABLE public_submission`);
    await q.query(`DROP TABLE public_consent_text`);
  }
}
