// The data map (RODO art. 30): every column that holds a resident's personal data, what it is, how a person is
// found by it, what erasure does to it and which retention applies. The finder, the export, the anonymiser and
// README's table (`npm run privacy:data-map`, checked by a test) are all built from this one list.

/**
 * `null`: set to NULL; `redact`: the text becomes REDACTED (or, with `set`, what that expression makes of it);
 * `empty`: an empty array or object; `file`: the row and its stored file are deleted (through the attachment
 * store); `delete`: the row is deleted.
 */
export type Erasure = 'null' | 'redact' | 'empty' | 'file' | 'delete';

/** Whose rows: a ticket's (its retention follows the ticket), a call's, or an e-mail's that became no ticket. */
export type Owner = 'ticket' | 'call' | 'mail';

export const REDACTED = '[usunięto]';

export interface PersonalField {
  column: string;
  /** What it holds, for the README table and the export's headings. */
  what: string;
  erasure: Erasure;
  /** Cleared on a ticket that is still open too: the contact (an open matter keeps what the unit needs to act). */
  contact?: boolean;
  /** A person is found by it: its value compared by the last nine digits, or case-insensitively. */
  identifies?: 'phone' | 'email';
  /** The SQL the column is set to, when plain NULL or REDACTED (:redacted) would not do (a JSON history value). */
  set?: string;
  /** How README describes `set`, when the erasure's own words would not say it. */
  described?: string;
}

export interface PersonalTable {
  /** Unique name of this entry (a table can hold several kinds of rows). */
  key: string;
  table: string;
  /** Polish heading in the export and the printable page. */
  labelPl: string;
  owner: Owner;
  /** The rows of the owners `$1` (uuid[]): the only rows this entry reads or changes. */
  where: string;
  /** The owner's id (ticket, call or e-mail) of a row, as SQL over the table. */
  ownerId: string;
  /** Rows the finder may match on (a search by e-mail looks at e-mails that became no ticket only here). */
  findFilter?: string;
  /** Columns the export shows beside the personal ones, to say what each row is. */
  context: string[];
  fields: PersonalField[];
}

export const PERSONAL_DATA: PersonalTable[] = [
  {
    key: 'ticket',
    table: 'ticket',
    labelPl: 'Zgłoszenia',
    owner: 'ticket',
    ownerId: 'id',
    where: 'id = ANY($1::uuid[])',
    context: ['id', 'number', 'status', 'channel', 'created_at', 'title'],
    fields: [
      { column: 'reporter_name', what: "reporter's name", erasure: 'null', contact: true },
      {
        column: 'reporter_phone',
        what: "reporter's phone number",
        erasure: 'null',
        contact: true,
        identifies: 'phone',
      },
      { column: 'reporter_email', what: "reporter's e-mail", erasure: 'null', contact: true, identifies: 'email' },
      { column: 'status_token_hash', what: "hash of the reporter's status-page link", erasure: 'null', contact: true },
      { column: 'description', what: "the resident's account of the matter", erasure: 'redact' },
      { column: 'resolution', what: "the unit's answer to the resident (may name them)", erasure: 'redact' },
      { column: 'address', what: 'address of the matter (often the home)', erasure: 'null' },
      { column: 'latitude', what: 'map point of the matter', erasure: 'null' },
      { column: 'longitude', what: 'map point of the matter', erasure: 'null' },
      { column: 'attributes', what: "answers to the category's questions (plates, flat numbers)", erasure: 'empty' },
    ],
  },
  {
    key: 'ticket_status_link',
    table: 'ticket_status_link',
    labelPl: 'Linki do strony statusu',
    owner: 'ticket',
    ownerId: 'ticket_id',
    where: 'ticket_id = ANY($1::uuid[])',
    context: ['ticket_id', 'created_at'],
    fields: [
      { column: 'token_hash', what: 'hash of a status link sent to the resident', erasure: 'delete', contact: true },
    ],
  },
  {
    key: 'ticket_comment',
    table: 'ticket_comment',
    labelPl: 'Wiadomości mieszkańca i odpowiedzi',
    owner: 'ticket',
    ownerId: 'ticket_id',
    where: `ticket_id = ANY($1::uuid[]) AND kind IN ('resident', 'answer')`,
    context: ['ticket_id', 'kind', 'created_at'],
    fields: [{ column: 'body', what: "the resident's messages and the answers written to them", erasure: 'redact' }],
  },
  {
    key: 'ticket_event_reason',
    table: 'ticket_event',
    labelPl: 'Historia zgłoszenia (słowa mieszkańca)',
    owner: 'ticket',
    ownerId: 'ticket_id',
    where: `ticket_id = ANY($1::uuid[]) AND reason IS NOT NULL
            AND (changes->'author'->>'to' = 'resident' OR kind = 'ticket.resident_message')`,
    context: ['ticket_id', 'kind', 'at'],
    fields: [{ column: 'reason', what: "the resident's words copied into the history", erasure: 'redact' }],
  },
  {
    key: 'ticket_event_attachment',
    table: 'ticket_event',
    labelPl: 'Historia zgłoszenia (nazwy plików)',
    owner: 'ticket',
    ownerId: 'ticket_id',
    where: `ticket_id = ANY($1::uuid[]) AND changes ? 'attachment'`,
    context: ['ticket_id', 'kind', 'at'],
    fields: [
      {
        column: 'changes',
        what: 'names of attached files in the history',
        erasure: 'redact',
        set: `changes || jsonb_build_object('attachment', jsonb_build_object(
                'from', CASE WHEN jsonb_typeof(changes->'attachment'->'from') = 'string'
                             THEN to_jsonb(:redacted::text) ELSE 'null'::jsonb END,
                'to', CASE WHEN jsonb_typeof(changes->'attachment'->'to') = 'string'
                           THEN to_jsonb(:redacted::text) ELSE 'null'::jsonb END))`,
      },
    ],
  },
  {
    key: 'public_upload',
    table: 'public_upload',
    labelPl: 'Zdjęcia z formularza',
    owner: 'ticket',
    ownerId: '(SELECT a.ticket_id FROM ticket_attachment a WHERE a.id = public_upload.attachment_id)',
    where: 'attachment_id IN (SELECT id FROM ticket_attachment WHERE ticket_id = ANY($1::uuid[]))',
    context: ['content_type', 'size_bytes', 'created_at'],
    fields: [{ column: 'file_name', what: 'web-form photo as staged (GPS read, EXIF removed)', erasure: 'file' }],
  },
  {
    key: 'ticket_attachment',
    table: 'ticket_attachment',
    labelPl: 'Zdjęcia i załączniki',
    owner: 'ticket',
    ownerId: 'ticket_id',
    where: 'ticket_id = ANY($1::uuid[])',
    context: ['ticket_id', 'content_type', 'size_bytes', 'created_at'],
    fields: [{ column: 'file_name', what: 'photos and files (the stored file with its name)', erasure: 'file' }],
  },
  {
    key: 'ticket_rating',
    table: 'ticket_rating',
    labelPl: 'Oceny odpowiedzi',
    owner: 'ticket',
    ownerId: 'ticket_id',
    where: 'ticket_id = ANY($1::uuid[]) AND comment IS NOT NULL',
    context: ['ticket_id', 'score', 'rated_at'],
    fields: [{ column: 'comment', what: "the resident's comment on the answer", erasure: 'null' }],
  },
  {
    key: 'notification',
    table: 'notification',
    labelPl: 'Powiadomienia e-mail',
    owner: 'ticket',
    ownerId: 'ticket_id',
    where: 'ticket_id = ANY($1::uuid[])',
    context: ['ticket_id', 'kind', 'status', 'created_at'],
    fields: [
      { column: 'recipient', what: 'e-mail the notice went to', erasure: 'redact', contact: true, identifies: 'email' },
    ],
  },
  {
    key: 'answer_mail',
    table: 'answer_mail',
    labelPl: 'Wysłane odpowiedzi e-mail',
    owner: 'ticket',
    ownerId: '(SELECT c.ticket_id FROM ticket_comment c WHERE c.id = answer_mail.comment_id)',
    where: 'comment_id IN (SELECT id FROM ticket_comment WHERE ticket_id = ANY($1::uuid[]))',
    context: ['status', 'created_at'],
    fields: [
      { column: 'recipient', what: 'e-mail the answer went to', erasure: 'redact', contact: true, identifies: 'email' },
    ],
  },
  {
    key: 'email_message',
    table: 'email_message',
    labelPl: 'E-maile od mieszkańca',
    owner: 'ticket',
    ownerId: 'ticket_id',
    findFilter: 'ticket_id IS NOT NULL',
    where: 'ticket_id = ANY($1::uuid[])',
    context: ['ticket_id', 'outcome', 'received_at'],
    fields: [
      { column: 'from_address', what: "sender's address", erasure: 'null', contact: true, identifies: 'email' },
      { column: 'envelope_from', what: 'envelope sender', erasure: 'null', contact: true, identifies: 'email' },
      { column: 'subject', what: 'subject line', erasure: 'null' },
    ],
  },
  {
    key: 'open311_request',
    table: 'open311_request',
    labelPl: 'Zgłoszenia z aplikacji (Open311)',
    owner: 'ticket',
    ownerId: 'ticket_id',
    where: 'ticket_id = ANY($1::uuid[])',
    context: ['ticket_id', 'consent_version'],
    fields: [
      { column: 'device_id', what: "the app's device id", erasure: 'null', contact: true },
      { column: 'account_id', what: "the app's account id", erasure: 'null', contact: true },
      { column: 'address_id', what: "the app's address id", erasure: 'null' },
      { column: 'media_urls', what: 'links to photos kept by the app', erasure: 'empty' },
      { column: 'extra_attributes', what: "the app's own extra fields", erasure: 'empty' },
    ],
  },
  {
    key: 'interaction',
    table: 'interaction',
    labelPl: 'Rozmowy telefoniczne',
    owner: 'call',
    ownerId: 'id',
    where: 'id = ANY($1::uuid[])',
    context: ['id', 'direction', 'started_at', 'outcome'],
    fields: [
      { column: 'caller_phone', what: "caller's number", erasure: 'null', contact: true, identifies: 'phone' },
      { column: 'notes', what: "agent's notes on the call", erasure: 'redact', set: `''`, described: 'emptied' },
      { column: 'draft', what: 'unsaved wrap-up form (may hold the contact)', erasure: 'null' },
      { column: 'recording_url', what: 'link to the recording (kept by the telephony system)', erasure: 'null' },
    ],
  },
  {
    key: 'cti_event',
    table: 'cti_event',
    labelPl: 'Zdarzenia centrali telefonicznej',
    owner: 'call',
    ownerId: 'interaction_id',
    where: 'interaction_id = ANY($1::uuid[])',
    context: ['event', 'occurred_at'],
    fields: [{ column: 'payload', what: "the telephony system's message (caller's number)", erasure: 'empty' }],
  },
  {
    key: 'survey_answer',
    table: 'survey_answer',
    labelPl: 'Odpowiedzi w ankietach',
    owner: 'call',
    ownerId: '(SELECT r.interaction_id FROM survey_response r WHERE r.id = survey_answer.response_id)',
    where: `response_id IN (SELECT id FROM survey_response WHERE interaction_id = ANY($1::uuid[]))
            AND text_value IS NOT NULL`,
    context: ['question_id'],
    fields: [{ column: 'text_value', what: 'free-text survey answers', erasure: 'redact' }],
  },
  {
    key: 'email_message_alone',
    table: 'email_message',
    labelPl: 'E-maile bez zgłoszenia',
    owner: 'mail',
    ownerId: 'id',
    findFilter: 'ticket_id IS NULL',
    where: 'id = ANY($1::uuid[])',
    context: ['id', 'outcome', 'received_at'],
    fields: [
      { column: 'from_address', what: "sender's address", erasure: 'null', identifies: 'email' },
      { column: 'envelope_from', what: 'envelope sender', erasure: 'null', identifies: 'email' },
      { column: 'subject', what: 'subject line', erasure: 'null' },
    ],
  },
];

/** Where each owner's retention comes from (README and the printable page say the same). */
export const RETENTION_OF: Record<Owner, string> = {
  ticket: "the ticket's policy: months after closure (closed, rejected or merged)",
  call: "a call with a ticket follows the ticket; without one, the `call` policy from the call's end",
  mail: 'the `mail` policy from receipt (e-mails that became no ticket)',
};

/** README's data map table: one row per personal column. */
export function dataMapTable(): string {
  const rows = PERSONAL_DATA.flatMap((entry) =>
    entry.fields.map((field) => {
      const erasure = {
        null: 'emptied',
        redact: `replaced by \`${REDACTED}\``,
        empty: 'emptied',
        file: 'row and stored file deleted',
        delete: 'row deleted',
      }[field.erasure];
      const said = field.described ?? erasure;
      const when = field.contact && entry.owner === 'ticket' ? `${said}; on an open ticket too` : said;
      const found = field.identifies ? ` (search by ${field.identifies})` : '';
      return `| \`${entry.table}.${field.column}\` | ${field.what}${found} | ${when} | ${RETENTION_OF[entry.owner]} |`;
    }),
  );
  return ['| column | what it holds | on erasure | retention |', '|---|---|---|---|', ...rows].join('\n');
}
