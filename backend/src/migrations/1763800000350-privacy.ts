// RODO: how long residents' personal data is kept (retention policies per channel and category), the requests of
// articles 15 and 17 and what each found and erased, when a ticket, call or e-mail was anonymised, and which
// consent text an Open311 report was given under. The history stays append-only except for the erasure's own scrub.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const CHANNELS = `'phone', 'email', 'web_form', 'kpum', 'mayor', 'open311'`;

export class Privacy1763800000350 implements MigrationInterface {
  name = 'Privacy1763800000350';

  async up(q: QueryRunner): Promise<void> {
    // subject `ticket`: months after the ticket's closure, the most specific (channel, category) row wins.
    // `call`: calls that never became a ticket (information given), months after the call; `mail`: e-mails that
    // never became a ticket or message (auto-replies, bounces), months after receipt. Those two have no channel or
    // category: a call or mail with a ticket follows its ticket.
    await q.query(`
      CREATE TABLE retention_policy (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject text NOT NULL DEFAULT 'ticket' CHECK (subject IN ('ticket', 'call', 'mail')),
        channel text CHECK (channel IN (${CHANNELS})),
        category_id uuid REFERENCES dictionary_entry(id),
        months integer NOT NULL CHECK (months BETWEEN 1 AND 1200),
        active boolean NOT NULL DEFAULT true,
        note text CHECK (note IS NULL OR length(note) <= 500),
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT retention_policy_scope CHECK (subject = 'ticket' OR (channel IS NULL AND category_id IS NULL)),
        CONSTRAINT retention_policy_unique UNIQUE NULLS NOT DISTINCT (subject, channel, category_id)
      )`);
    await q.query(`
      INSERT INTO retention_policy (subject, channel, category_id, months, note) VALUES
        ('ticket', NULL, NULL, 60, 'Domyślnie: 5 lat od zamknięcia sprawy (kategoria archiwalna B5).'),
        ('call', NULL, NULL, 24, 'Rozmowy bez zgłoszenia (udzielona informacja): 2 lata od rozmowy.'),
        ('mail', NULL, NULL, 12, 'E-maile bez zgłoszenia (autoodpowiedzi, zwroty): rok od otrzymania.')`);

    await q.query(`
      CREATE TABLE data_subject_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('access', 'erasure')),
        identifier_kind text NOT NULL CHECK (identifier_kind IN ('phone', 'email')),
        -- The phone number or e-mail as given: needed to find the data again for the export or the erasure.
        -- After an erasure only the masked form stays (a request must not keep what it erased).
        identifier text,
        identifier_masked text NOT NULL,
        requested_via text NOT NULL CHECK (requested_via IN ('phone', 'email', 'letter', 'in_person')),
        received_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        handled_by uuid REFERENCES app_user(id),
        handled_at timestamptz,
        outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'exported', 'erased')),
        found jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(found) = 'object'),
        erased jsonb CHECK (erased IS NULL OR jsonb_typeof(erased) = 'object'),
        note text CHECK (note IS NULL OR length(note) <= 2000),
        CONSTRAINT data_subject_request_handled CHECK ((handled_at IS NULL) = (handled_by IS NULL)),
        CONSTRAINT data_subject_request_outcome CHECK ((outcome = 'pending') = (handled_at IS NULL)),
        CONSTRAINT data_subject_request_erased CHECK ((outcome = 'erased') = (erased IS NOT NULL)),
        CONSTRAINT data_subject_request_kept CHECK (outcome <> 'erased' OR identifier IS NULL)
      )`);
    await q.query(`CREATE INDEX data_subject_request_recorded_idx ON data_subject_request (recorded_at DESC)`);

    // When the personal fields were anonymised (by the retention job or an erasure): the row stays for statistics.
    await q.query(`ALTER TABLE ticket ADD COLUMN anonymised_at timestamptz`);
    await q.query(`ALTER TABLE interaction ADD COLUMN anonymised_at timestamptz`);
    await q.query(`ALTER TABLE email_message ADD COLUMN anonymised_at timestamptz`);
    // The retention job looks for closed tickets not yet anonymised; few of them are open at any time.
    await q.query(
      `CREATE INDEX ticket_retention_idx ON ticket (updated_at)
        WHERE anonymised_at IS NULL AND status IN ('closed', 'rejected', 'duplicate')`,
    );

    // Open311 clients show the consent text of the web form (GET /api/public/form); the version in force when the
    // report with a contact came is kept with it, as public_submission does for the form.
    await q.query(
      `ALTER TABLE open311_request ADD COLUMN consent_version text REFERENCES public_consent_text(version)`,
    );
    await q.query(`ALTER TABLE open311_request ADD COLUMN consented_at timestamptz`);

    // The history is append-only, but an erasure (or the retention job) must scrub what residents wrote into it
    // (their message as an event's reason, a photo's file name). Only that, only inside a transaction that says
    // so with SET LOCAL kck.personal_data_scrub = 'on', and never the event's kind, ticket, actor or time.
    await q.query(`
      CREATE OR REPLACE FUNCTION ticket_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('kck.personal_data_scrub', true) = 'on'
           AND NEW.id = OLD.id AND NEW.ticket_id = OLD.ticket_id AND NEW.kind = OLD.kind
           AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.at = OLD.at THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'ticket_event is append-only: % refused', TG_OP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION ticket_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ticket_event is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`ALTER TABLE open311_request DROP COLUMN consented_at, DROP COLUMN consent_version`);
    await q.query(`DROP INDEX ticket_retention_idx`);
    await q.query(`ALTER TABLE email_message DROP COLUMN anonymised_at`);
    await q.query(`ALTER TABLE interaction DROP COLUMN anonymised_at`);
    await q.query(`ALTER TABLE ticket DROP COLUMN anonymised_at`);
    await q.query(`DROP TABLE data_subject_request`);
    await q.query(`DROP TABLE retention_policy`);
  }
}
