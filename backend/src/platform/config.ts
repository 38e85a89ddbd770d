// The one configuration module: every environment variable, its default and what it is for.
// Parsed and validated once at start-up; a bad value stops the process with every problem listed.
import { isIP } from 'node:net';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

interface Variable<S extends z.ZodType = z.ZodType> {
  schema: S;
  default: string;
  doc: string;
  group:
    | 'server'
    | 'database'
    | 'redis'
    | 'search'
    | 'auth'
    | 'worker'
    | 'mail'
    | 'attachments'
    | 'email-intake'
    | 'web-form'
    | 'open311'
    | 'incidents'
    | 'triage'
    | 'duplicates'
    | 'analytics'
    | 'privacy';
  secret?: boolean;
}

const v = <S extends z.ZodType>(variable: Variable<S>) => variable;

/** Every variable the backend and worker read. README's table and the compose-file test come from this list. */
export const CONFIG_VARIABLES = {
  NODE_ENV: v({
    schema: z.enum(['development', 'production', 'test']),
    default: 'development',
    doc: 'Run mode.',
    group: 'server',
  }),
  HOST: v({
    schema: z.string().min(1),
    default: '127.0.0.1',
    doc: 'Address the HTTP server binds to.',
    group: 'server',
  }),
  PORT: v({
    schema: int(0, 65535),
    default: '3000',
    doc: 'HTTP port of the backend (API, Socket.IO, console); 0 picks a free one.',
    group: 'server',
  }),
  PUBLIC_URL: v({
    schema: z.url(),
    default: 'http://localhost:3000',
    doc: 'Address people open in the browser.',
    group: 'server',
  }),
  CONSOLE_DIST: v({
    schema: z.string(),
    default: 'agent-console/dist',
    doc: 'Built console served by the backend; empty to serve none.',
    group: 'server',
  }),
  LOG_LEVEL: v({
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    doc: 'pino log level.',
    group: 'server',
  }),
  TRUST_PROXY: v({
    schema: bool,
    default: 'false',
    doc: 'Trust X-Forwarded-* from a reverse proxy (for client addresses and Secure cookies).',
    group: 'server',
  }),
  CORS_ORIGINS: v({
    schema: z
      .string()
      .regex(
        /^\s*(https?:\/\/[^\s,/]+\/?\s*(,\s*|$))*$/,
        'a comma-separated list of origins like https://www.krakow.pl',
      ),
    default: '',
    doc: 'Origins (`https://portal.example.pl`, comma-separated) allowed to call the API from a browser, with credentials; empty: same-origin only, no CORS headers are sent.',
    group: 'server',
  }),
  METRICS_TOKEN: v({
    schema: z.string(),
    default: '',
    doc: 'Bearer token Prometheus sends to read `/metrics` (backend, and the worker on WORKER_METRICS_PORT); empty: `/metrics` answers only connections from the loopback interface.',
    group: 'server',
    secret: true,
  }),
  SHUTDOWN_TIMEOUT_MS: v({
    schema: int(1000, 10 * 60_000),
    default: '20000',
    doc: "On SIGTERM a process finishes requests and jobs in hand for at most this long, then exits anyway (keep it below the orchestrator's kill timeout, e.g. compose `stop_grace_period`).",
    group: 'server',
  }),
  DATABASE_URL: v({
    schema: z.url(),
    default: 'postgres://postgres@127.0.0.1:5432/kck',
    doc: 'PostgreSQL connection string.',
    group: 'database',
  }),
  DATABASE_POOL_SIZE: v({ schema: int(1, 200), default: '10', doc: 'Connections per process.', group: 'database' }),
  REDIS_URL: v({
    schema: z.url(),
    default: 'redis://127.0.0.1:6379',
    doc: 'Redis for BullMQ queues, Socket.IO and login limits.',
    group: 'redis',
  }),
  REDIS_PREFIX: v({
    schema: z.string().regex(/^[a-z0-9_-]+$/i),
    default: 'kck',
    doc: 'Prefix of every Redis key (one per deployment or test run).',
    group: 'redis',
  }),
  MEILI_URL: v({
    schema: z.union([z.url(), z.literal('')]),
    default: 'http://127.0.0.1:7700',
    doc: 'Meilisearch address; empty to search with PostgreSQL only.',
    group: 'search',
  }),
  MEILI_MASTER_KEY: v({
    schema: z.string(),
    default: 'kck-development-master-key',
    doc: 'Meilisearch master key (at least 16 bytes in production).',
    group: 'search',
    secret: true,
  }),
  MEILI_INDEX: v({
    schema: z.string().regex(/^[a-z0-9_-]+$/i),
    default: 'kck_articles',
    doc: 'Name of the articles index.',
    group: 'search',
  }),
  SEARCH_TIMEOUT_MS: v({
    schema: int(10, 10_000),
    default: '400',
    doc: 'After this, a Meilisearch search falls back to PostgreSQL.',
    group: 'search',
  }),
  KB_REVIEW_AFTER_DAYS: v({
    schema: int(1, 3650),
    default: '180',
    doc: "A published article nobody has confirmed (reviewed) for this many days is on the editors' worklist.",
    group: 'search',
  }),
  COOKIE_SECURE: v({
    schema: bool,
    default: 'true',
    doc: 'Mark the session cookie Secure (browsers accept it on http://localhost).',
    group: 'auth',
  }),
  SESSION_IDLE_MINUTES: v({
    schema: int(1, 24 * 60),
    default: '30',
    doc: 'A session ends after this long without a request.',
    group: 'auth',
  }),
  SESSION_ABSOLUTE_HOURS: v({
    schema: int(1, 7 * 24),
    default: '12',
    doc: 'A session ends this long after login, whatever happens.',
    group: 'auth',
  }),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: v({
    schema: int(1, 1000),
    default: '5',
    doc: 'Failed logins for one account before 429.',
    group: 'auth',
  }),
  LOGIN_MAX_FAILURES_PER_ADDRESS: v({
    schema: int(1, 10_000),
    default: '20',
    doc: 'Failed logins from one client address before 429.',
    group: 'auth',
  }),
  LOGIN_FAILURE_WINDOW_MINUTES: v({
    schema: int(1, 24 * 60),
    default: '15',
    doc: 'Window in which failed logins are counted.',
    group: 'auth',
  }),
  TOTP_ENCRYPTION_KEY: v({
    schema: z.string().min(16, 'at least 16 characters'),
    default: 'kck-development-totp-key-not-for-production',
    doc: 'Key (any long random text) that encrypts TOTP secrets at rest (AES-256-GCM); changing it voids every enrolment. Required in production.',
    group: 'auth',
    secret: true,
  }),
  OIDC_ISSUER_URL: v({
    schema: z.union([z.url(), z.literal('')]),
    default: '',
    doc: "The city's OpenID Connect issuer (Keycloak realm, Entra ID tenant v2.0, AD FS); empty: passwords only.",
    group: 'auth',
  }),
  OIDC_CLIENT_ID: v({
    schema: z.string(),
    default: '',
    doc: 'Client id of the platform at the identity provider.',
    group: 'auth',
  }),
  OIDC_CLIENT_SECRET: v({
    schema: z.string(),
    default: '',
    doc: 'Client secret at the identity provider (empty: a public client with PKCE only).',
    group: 'auth',
    secret: true,
  }),
  OIDC_REDIRECT_URL: v({
    schema: z.union([z.url(), z.literal('')]),
    default: '',
    doc: 'Callback registered at the provider; empty: PUBLIC_URL + /api/auth/oidc/callback.',
    group: 'auth',
  }),
  OIDC_SCOPES: v({
    schema: z.string().regex(/(^|\s)openid(\s|$)/, 'must include openid'),
    default: 'openid profile email',
    doc: 'Scopes asked for (add the one that releases groups or roles if your provider needs it).',
    group: 'auth',
  }),
  OIDC_ROLES_CLAIM: v({
    schema: z.string().regex(/^[\w:/.-]+$/),
    default: 'groups',
    doc: 'Claim holding the groups or roles (a dotted path is allowed, e.g. realm_access.roles).',
    group: 'auth',
  }),
  OIDC_ROLE_MAP: v({
    schema: z.string(),
    default: '',
    doc: 'Group or role value = platform role, comma-separated (kck-admins=admin,kck-dk02=agent); the first entry the user has wins, so list the most powerful first; none: refused.',
    group: 'auth',
  }),
  OIDC_UNIT_CLAIM: v({
    schema: z.string().regex(/^[\w:/.-]*$/),
    default: '',
    doc: "Claim holding the user's unit code (dotted path allowed); empty: no unit from the provider.",
    group: 'auth',
  }),
  OIDC_LABEL: v({
    schema: z.string().min(1).max(60),
    default: 'konto miejskie',
    doc: 'Name of the provider on the login button ("Zaloguj przez …").',
    group: 'auth',
  }),
  OUTBOX_POLL_MS: v({
    schema: int(50, 60_000),
    default: '1000',
    doc: 'Outbox relay polling interval (it is also woken by NOTIFY).',
    group: 'worker',
  }),
  WORKER_CONCURRENCY: v({
    schema: int(1, 100),
    default: '4',
    doc: 'Jobs a worker process runs at once per queue.',
    group: 'worker',
  }),
  DELIVERY_ATTEMPTS: v({
    schema: int(1, 50),
    default: '8',
    doc: "Attempts to deliver a routed ticket to a unit's webhook before it is flagged for DK-03.",
    group: 'worker',
  }),
  DELIVERY_BACKOFF_MS: v({
    schema: int(10, 3_600_000),
    default: '5000',
    doc: 'First wait before retrying a webhook delivery; it doubles each attempt (8 attempts: about 10 minutes).',
    group: 'worker',
  }),
  DELIVERY_TIMEOUT_MS: v({
    schema: int(100, 120_000),
    default: '10000',
    doc: "A unit's webhook that has not answered by then counts as a failed attempt.",
    group: 'worker',
  }),
  WORKER_LOCK_MS: v({
    schema: int(500, 10 * 60_000),
    default: '30000',
    doc: 'How long a job stays locked to a worker that stopped answering; then another worker takes it over.',
    group: 'worker',
  }),
  WORKER_METRICS_PORT: v({
    schema: z.union([z.literal('').transform(() => null), int(0, 65535)]),
    default: '',
    doc: "Port of the worker's own `/metrics`, `/health/live` and `/health/ready` (bound to HOST); empty: the worker listens on no port.",
    group: 'worker',
  }),
  OFFICE_HOURS: v({
    schema: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'HH:MM-HH:MM, e.g. 07:30-15:30'),
    default: '07:30-15:30',
    doc: 'Office hours (Europe/Warsaw, working days): deadlines in hours count them; reminders and escalations go out within them.',
    group: 'worker',
  }),
  DUE_SOON_WORKING_HOURS: v({
    schema: int(1, 400),
    default: '8',
    doc: 'An open ticket due within this many office hours is listed as due soon.',
    group: 'worker',
  }),
  SMTP_URL: v({
    schema: z.union([z.url({ protocol: /^smtps?$/, error: 'an smtp:// or smtps:// URL, or empty' }), z.literal('')]),
    default: '',
    doc: 'SMTP server for e-mail to residents (smtp://user:pass@host:587); empty: no e-mail, recorded as skipped.',
    group: 'mail',
    // It may carry the SMTP password.
    secret: true,
  }),
  MAIL_FROM: v({
    schema: z.string().regex(/^[^\r\n]*@[^\r\n]+$/, 'an address, e.g. "Name <kck@example.org>"'),
    default: 'Krakowskie Centrum Kontaktu <kck@um.krakow.pl>',
    doc: 'Sender of e-mail to residents.',
    group: 'mail',
  }),
  ATTACHMENTS_STORAGE: v({
    schema: z.enum(['disk', 's3']),
    default: 'disk',
    doc: 'Where ticket attachments are kept: `disk` (ATTACHMENTS_DIR) or `s3` (an S3-compatible bucket, S3_*).',
    group: 'attachments',
  }),
  ATTACHMENTS_DIR: v({
    schema: z.string().min(1),
    default: 'var/attachments',
    doc: 'Attachments on disk, relative to the repository or absolute; uploads being received wait in its `.incoming`.',
    group: 'attachments',
  }),
  ATTACHMENTS_MAX_BYTES: v({
    schema: int(1, 1024 * 1024 * 1024),
    default: String(10 * 1024 * 1024),
    doc: 'Largest attachment, in bytes (10 MB); a bigger upload answers 413. Keep the proxy limit above it.',
    group: 'attachments',
  }),
  CLAMAV_SCAN: v({
    schema: z.enum(['off', 'clamdscan']),
    default: 'off',
    doc: 'Virus scan of every upload (attachments, web-form photos) before it is stored: `clamdscan` runs `clamdscan --no-summary --fdpass` against the local clamd (malware: 422, scanner failure: 503, nothing stored); `off`: not scanned.',
    group: 'attachments',
  }),
  ROUTING_SWEEP_EVERY_MS: v({
    schema: int(1000, 24 * 3_600_000),
    default: '60000',
    doc: 'How often the worker looks for tickets still new after ROUTING_SWEEP_AFTER_MS (their routing job lost in a Redis crash) and publishes them again.',
    group: 'worker',
  }),
  ROUTING_SWEEP_AFTER_MS: v({
    schema: int(1000, 24 * 3_600_000),
    default: '120000',
    doc: 'How long a ticket may stay new before the routing sweep publishes it again; routing normally takes well under a second.',
    group: 'worker',
  }),
  ATTACHMENT_SWEEP_EVERY_MS: v({
    schema: int(60_000, 7 * 24 * 3_600_000),
    default: String(3_600_000),
    doc: 'How often the worker deletes stored attachment files no attachment points to (hourly).',
    group: 'attachments',
  }),
  ATTACHMENT_SWEEP_GRACE_MS: v({
    schema: int(60_000, 30 * 24 * 3_600_000),
    default: String(3_600_000),
    doc: 'The sweep leaves files younger than this alone: an upload may be a moment from its commit.',
    group: 'attachments',
  }),
  S3_ENDPOINT: v({
    schema: z.union([z.url(), z.literal('')]),
    default: '',
    doc: 'S3-compatible endpoint (e.g. MinIO, Ceph); empty for AWS S3 itself.',
    group: 'attachments',
  }),
  S3_REGION: v({ schema: z.string().min(1), default: 'us-east-1', doc: 'Region of the bucket.', group: 'attachments' }),
  S3_BUCKET: v({
    schema: z.string(),
    default: '',
    doc: 'Bucket for attachments; required when ATTACHMENTS_STORAGE=s3.',
    group: 'attachments',
  }),
  S3_ACCESS_KEY_ID: v({
    schema: z.string(),
    default: '',
    doc: "Access key; empty to use the SDK's default credentials (environment, instance role).",
    group: 'attachments',
  }),
  S3_SECRET_ACCESS_KEY: v({
    schema: z.string(),
    default: '',
    doc: 'Secret key belonging to S3_ACCESS_KEY_ID.',
    group: 'attachments',
    secret: true,
  }),
  S3_FORCE_PATH_STYLE: v({
    schema: bool,
    default: 'false',
    doc: 'Address the bucket as `endpoint/bucket` rather than `bucket.endpoint` (MinIO and most self-hosted servers).',
    group: 'attachments',
  }),
  EMAIL_INTAKE: v({
    schema: z.enum(['smtp', 'imap', 'off']),
    default: 'smtp',
    doc: "How residents' e-mail reaches KCK: `smtp` (our SMTP endpoint, behind the city's relay), `imap` (polling a mailbox, IMAP_URL) or `off`.",
    group: 'email-intake',
  }),
  EMAIL_INTAKE_SMTP_HOST: v({
    schema: z.string().min(1),
    default: '127.0.0.1',
    doc: 'Address the SMTP endpoint binds to (the relay connects here).',
    group: 'email-intake',
  }),
  EMAIL_INTAKE_SMTP_PORT: v({
    schema: int(0, 65535),
    default: '2525',
    doc: 'Port of the SMTP endpoint; 0 picks a free one.',
    group: 'email-intake',
  }),
  EMAIL_INTAKE_SMTP_CLIENTS: v({
    schema: z
      .string()
      .refine(
        (value) => value === '' || value.split(',').every((ip) => isIP(ip.trim()) !== 0),
        'IP addresses, comma-separated, or empty',
      ),
    default: '',
    doc: "Client IP addresses allowed to connect to the SMTP endpoint (the relay's), comma-separated; empty: any.",
    group: 'email-intake',
  }),
  EMAIL_INTAKE_ADDRESS: v({
    schema: z.email().transform((value) => value.toLowerCase()),
    default: 'kck@um.krakow.pl',
    doc: "KCK's intake address: mail to it becomes tickets, and mail from it is our own coming back (a loop).",
    group: 'email-intake',
  }),
  EMAIL_INTAKE_RECIPIENTS: v({
    schema: z
      .string()
      .regex(/^$|^\s*[^\s,@]*@[^\s,@]+(\s*,\s*[^\s,@]*@[^\s,@]+)*\s*$/, 'addresses or @domains, comma-separated'),
    default: '',
    doc: 'More recipients accepted besides EMAIL_INTAKE_ADDRESS: addresses or whole domains (`@kontakt.krakow.pl`), comma-separated; mail to anyone else gets 550.',
    group: 'email-intake',
  }),
  EMAIL_INTAKE_CATEGORY: v({
    schema: z.string().min(1),
    default: 'other.other',
    doc: "Category (dictionary code) of tickets from e-mail: one no routing rule matches, so they wait in DK-03's triage.",
    group: 'email-intake',
  }),
  EMAIL_INTAKE_MAX_MESSAGE_BYTES: v({
    schema: int(1024, 1024 * 1024 * 1024),
    default: String(25 * 1024 * 1024),
    doc: 'Largest e-mail taken, in bytes as sent (files grow by a third in e-mail); bigger mail is refused with 552 and the relay tells the sender. A file over ATTACHMENTS_MAX_BYTES in a smaller mail is left out and named in the ticket.',
    group: 'email-intake',
  }),
  EMAIL_INTAKE_TIMEOUT_MS: v({
    schema: int(1000, 10 * 60_000),
    default: '30000',
    doc: 'A mail not committed within this is answered 451 (try later); the retry is recognised by its Message-ID.',
    group: 'email-intake',
  }),
  IMAP_URL: v({
    schema: z.union([z.url({ protocol: /^imaps?$/, error: 'an imap:// or imaps:// URL, or empty' }), z.literal('')]),
    default: '',
    doc: 'Mailbox read when EMAIL_INTAKE=imap: imaps://user:password@host:993 (imap:// for no TLS).',
    group: 'email-intake',
    // It carries the mailbox password.
    secret: true,
  }),
  IMAP_MAILBOX: v({
    schema: z.string().min(1),
    default: 'INBOX',
    doc: 'Folder whose unseen messages become tickets.',
    group: 'email-intake',
  }),
  IMAP_PROCESSED_MAILBOX: v({
    schema: z.string(),
    default: '',
    doc: 'Folder a message is moved to once its ticket is committed (created if missing); empty: it stays, marked seen.',
    group: 'email-intake',
  }),
  IMAP_POLL_MS: v({
    schema: int(1000, 3_600_000),
    default: '30000',
    doc: 'How often the mailbox is checked; in between the poller waits in IMAP IDLE, so new mail is read at once where the server supports it.',
    group: 'email-intake',
  }),
  PUBLIC_MAX_PHOTOS: v({
    schema: int(0, 10),
    default: '5',
    doc: 'Photos a resident may add to one report or status-page message on the web form (/zglos).',
    group: 'web-form',
  }),
  PUBLIC_PHOTO_MAX_BYTES: v({
    schema: int(1024, 100 * 1024 * 1024),
    default: String(10 * 1024 * 1024),
    doc: 'Largest photo the web form takes, in bytes as sent (10 MB); it is re-encoded (EXIF removed) and kept smaller.',
    group: 'web-form',
  }),
  PUBLIC_REPORTS_PER_HOUR: v({
    schema: int(1, 100_000),
    default: '10',
    doc: 'Reports, messages, ratings and "not solved" from one client address per hour; more answer 429.',
    group: 'web-form',
  }),
  PUBLIC_UPLOADS_PER_HOUR: v({
    schema: int(1, 100_000),
    default: '60',
    doc: 'Photos uploaded from one client address per hour; more answer 429.',
    group: 'web-form',
  }),
  PUBLIC_READS_PER_MINUTE: v({
    schema: int(1, 100_000),
    default: '120',
    doc: 'Public reads (form, street search, status page, similar reports, open data, Open311 GETs, public dictionaries and category questions) from one client address per minute; more answer 429. Signed-in staff are not counted on the shared read paths.',
    group: 'web-form',
  }),
  PUBLIC_STATUS_LINK_DAYS: v({
    schema: int(1, 3650),
    default: '365',
    doc: 'A status link keeps working this many days after its matter ended (resolved, closed, rejected, merged); then 404.',
    group: 'web-form',
  }),
  PUBLIC_REOPEN_DAYS: v({
    schema: int(0, 365),
    default: '14',
    doc: 'Days after the answer within which the resident may say on the status page that the matter is not solved (reopening it).',
    group: 'web-form',
  }),
  ACCESSIBILITY_ENTITY: v({
    schema: z.string().min(1).max(200),
    default: 'Urząd Miasta Krakowa – Krakowskie Centrum Kontaktu',
    doc: 'The public body named in the accessibility statement (`/deklaracja-dostepnosci`).',
    group: 'web-form',
  }),
  ACCESSIBILITY_CONTACT_NAME: v({
    schema: z.string().min(1).max(200),
    default: 'Koordynator do spraw dostępności Urzędu Miasta Krakowa',
    doc: 'Who answers accessibility requests and complaints, named in the accessibility statement.',
    group: 'web-form',
  }),
  ACCESSIBILITY_CONTACT_EMAIL: v({
    schema: z.email(),
    default: 'dostepnosc@um.krakow.pl',
    doc: 'E-mail for accessibility requests in the accessibility statement.',
    group: 'web-form',
  }),
  ACCESSIBILITY_CONTACT_PHONE: v({
    schema: z.string().min(3).max(40),
    default: '+48 12 616 12 00',
    doc: 'Telephone for accessibility requests in the accessibility statement.',
    group: 'web-form',
  }),
  ACCESSIBILITY_PUBLISHED_ON: v({
    schema: z.iso.date(),
    default: '2026-11-23',
    doc: 'Date (YYYY-MM-DD) the site was published, in the accessibility statement.',
    group: 'web-form',
  }),
  ACCESSIBILITY_UPDATED_ON: v({
    schema: z.iso.date(),
    default: '2026-11-23',
    doc: 'Date (YYYY-MM-DD) of the last significant update of the site, in the accessibility statement.',
    group: 'web-form',
  }),
  ACCESSIBILITY_REVIEWED_ON: v({
    schema: z.iso.date(),
    default: '2026-11-23',
    doc: 'Date (YYYY-MM-DD) of the last review of the accessibility statement (self-assessment); the law asks for one at least yearly.',
    group: 'web-form',
  }),
  MAP_TILE_URL: v({
    schema: z.union([
      z.literal(''),
      z
        .string()
        .regex(/^https?:\/\/[^\s/]+\/\S*\{z\}\S*\{x\}\S*\{y\}/, 'a tile URL template with {z}, {x} and {y}, or empty'),
    ]),
    default: '',
    doc: "Map tiles for the web form's pin, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png` (mind the provider's usage policy); empty: no map, the form works without it.",
    group: 'web-form',
  }),
  MAP_TILE_ATTRIBUTION: v({
    schema: z.string().max(300),
    default: '',
    doc: 'Attribution shown on the map as the tile provider requires (plain text), e.g. `© OpenStreetMap contributors`.',
    group: 'web-form',
  }),
  OPEN311_POSTS_PER_MINUTE_PER_KEY: v({
    schema: int(1, 1_000_000),
    default: '300',
    doc: 'Open311 reports one API key may POST a minute; more answer 429 in the Open311 error format.',
    group: 'open311',
  }),
  OPEN311_POSTS_PER_MINUTE_PER_ADDRESS: v({
    schema: int(1, 1_000_000),
    default: '120',
    doc: 'Open311 POSTs one client address may make a minute (refused keys count too); more answer 429.',
    group: 'open311',
  }),
  INCIDENT_AUTO_OPEN_AFTER_MS: v({
    schema: int(0, 24 * 3_600_000),
    default: '120000',
    doc: 'A dependency /health or the queues show down for this long gets an incident opened by the backend itself (closed when it answers again; one for PostgreSQL is recorded once it is back); 0: the platform opens none.',
    group: 'incidents',
  }),
  INCIDENT_CHECK_EVERY_MS: v({
    schema: int(100, 10 * 60_000),
    default: '5000',
    doc: 'How often each backend process checks the dependencies for the incident register.',
    group: 'incidents',
  }),
  INCIDENT_QUEUE_FAILED_JOBS: v({
    schema: int(0, 1_000_000),
    default: '20',
    doc: 'Jobs failing for good within 5 minutes that count the queues as down (besides no worker taking jobs); 0: failed jobs alone never do.',
    group: 'incidents',
  }),
  ANALYTICS_REFRESH_EVERY_MS: v({
    schema: int(1000, 60 * 60_000),
    default: '10000',
    doc: "How often the worker brings DK-05's rollups up to date (the days whose tickets changed, today's calls and searches); dashboards follow within this time.",
    group: 'analytics',
  }),
  PRIVACY_RETENTION_EVERY_MS: v({
    schema: int(60_000, 7 * 24 * 3_600_000),
    default: String(6 * 3_600_000),
    doc: "How often the worker anonymises residents' personal data whose retention (RODO chapter of README) ran out (every 6 hours).",
    group: 'privacy',
  }),
  ANALYTICS_MAX_PERIOD_DAYS: v({
    schema: int(1, 36_600),
    default: '1100',
    doc: 'The longest period a figures query or report may cover; longer ones answer 400.',
    group: 'analytics',
  }),
  OPEN_DATA_MIN_CELL: v({
    schema: int(2, 1000),
    default: '5',
    doc: 'Open data (/otwarte-dane, /api/public/open-data): a month × group cell with fewer tickets than this is published as suppressed, with all its measures.',
    group: 'analytics',
  }),
  OPEN_DATA_MAX_MONTHS: v({
    schema: int(1, 120),
    default: '36',
    doc: 'The most months one open-data request may cover; longer periods answer 400.',
    group: 'analytics',
  }),
  OPEN_DATA_LICENCE: v({
    schema: z.string().min(1),
    default: 'CC BY 4.0',
    doc: "The licence named in the open data (the city's decision; CC BY 4.0 asks only for attribution).",
    group: 'analytics',
  }),
  REPORT_MAIL_ATTEMPTS: v({
    schema: int(1, 20),
    default: '5',
    doc: 'How many times a scheduled report is tried for recipients whose mailbox refused it before the run is shown as failed.',
    group: 'analytics',
  }),
  REPORT_MAIL_BACKOFF_MS: v({
    schema: int(10, 3_600_000),
    default: '60000',
    doc: 'First wait before a scheduled report is retried for a refused recipient; it doubles each attempt (5 attempts: about 15 minutes).',
    group: 'analytics',
  }),
  DUPLICATE_RADIUS_M: v({
    schema: int(10, 5000),
    default: '150',
    doc: 'While a report is entered (web form, call panel, DK-03), open tickets of its category whose pins lie within this many metres are offered as possible duplicates.',
    group: 'duplicates',
  }),
  DUPLICATE_MIN_SIMILARITY: v({
    schema: z.coerce.number().min(0).max(1),
    default: '0.3',
    doc: 'How alike (pg_trgm word similarity of the folded words, 0–1) a nearby ticket must be to the words typed so far to be offered as a duplicate; lower offers more.',
    group: 'duplicates',
  }),
  TRIAGE_CLAIM_MINUTES: v({
    schema: int(1, 24 * 60),
    default: '30',
    doc: "A DK-03 person's claim on a ticket in the triage inbox lapses this long after it was taken (claiming again extends it); while it holds, colleagues' moves on the ticket answer 409 unless they take it over.",
    group: 'triage',
  }),
} satisfies Record<string, Variable>;

type Variables = typeof CONFIG_VARIABLES;
export type Config = Readonly<{ [K in keyof Variables]: z.output<Variables[K]['schema']> }>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/** Parses the given environment (default: process.env); empty strings count as unset except where empty is meaningful. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(CONFIG_VARIABLES) as [string, Variable][]) {
    const raw = env[name];
    const value =
      raw === undefined || (raw === '' && variable.default !== '' && name !== 'MEILI_URL' && name !== 'CONSOLE_DIST')
        ? variable.default
        : raw;
    const parsed = variable.schema.safeParse(value);
    if (parsed.success) out[name] = parsed.data;
    else
      problems.push(
        `${name}=${variable.secret ? '***' : JSON.stringify(value)}: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
      );
  }
  if (
    out.NODE_ENV === 'production' &&
    String(out.MEILI_MASTER_KEY) === CONFIG_VARIABLES.MEILI_MASTER_KEY.default &&
    out.MEILI_URL
  ) {
    problems.push('MEILI_MASTER_KEY: set a real key in production');
  }
  if (out.NODE_ENV === 'production' && out.TOTP_ENCRYPTION_KEY === CONFIG_VARIABLES.TOTP_ENCRYPTION_KEY.default) {
    problems.push('TOTP_ENCRYPTION_KEY: set a real key in production');
  }
  if (out.OIDC_ISSUER_URL && (!out.OIDC_CLIENT_ID || !out.OIDC_ROLE_MAP)) {
    problems.push('OIDC_CLIENT_ID and OIDC_ROLE_MAP: required when OIDC_ISSUER_URL is set');
  }
  if (out.ATTACHMENTS_STORAGE === 's3' && !out.S3_BUCKET) {
    problems.push('S3_BUCKET: required when ATTACHMENTS_STORAGE=s3');
  }
  if (Boolean(out.S3_ACCESS_KEY_ID) !== Boolean(out.S3_SECRET_ACCESS_KEY)) {
    problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both or neither');
  }
  if (out.EMAIL_INTAKE === 'imap' && !out.IMAP_URL) {
    problems.push('IMAP_URL: required when EMAIL_INTAKE=imap');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(out) as Config;
}

let loaded: Config | undefined;

/** The process-wide configuration, parsed on first use. */
export function config(): Config {
  loaded ??= parseConfig();
  return loaded;
}
