// Demo accounts, one per role (two unit_staff), so every screen can be tried after `npm run seed`.
// All share one password: they are for demos only; change or deactivate them on any real deployment.
import type { Role } from '@kck/contracts';

export interface SeedUser {
  login: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  password: string;
  /** Escalations reach supervisors here (example.org: a demo address that delivers nowhere). */
  email?: string;
  /** The extension the telephony reports for this agent (CTI events name agents by extension or login). */
  phoneExtension?: string;
}

export const DEMO_PASSWORD = 'Krakow2026!';

export const DEMO_USERS: SeedUser[] = [
  {
    login: 'agent',
    displayName: 'Anna Konsultantka (infolinia)',
    role: 'agent',
    unitCode: 'DK-02',
    password: DEMO_PASSWORD,
    phoneExtension: '1001',
  },
  {
    login: 'triage',
    displayName: 'Tomasz Triażysta (zgłoszenia)',
    role: 'triage',
    unitCode: 'DK-03',
    password: DEMO_PASSWORD,
  },
  {
    login: 'drogi',
    displayName: 'Dorota Drogowa (ZDMK)',
    role: 'unit_staff',
    unitCode: 'ZDMK',
    password: DEMO_PASSWORD,
  },
  { login: 'zielen', displayName: 'Zenon Zielony (ZZM)', role: 'unit_staff', unitCode: 'ZZM', password: DEMO_PASSWORD },
  { login: 'analityk', displayName: 'Alicja Analityczna', role: 'analyst', unitCode: 'DK-05', password: DEMO_PASSWORD },
  {
    login: 'redaktor',
    displayName: 'Robert Redaktor (Baza Wiedzy)',
    role: 'kb_editor',
    unitCode: 'DK-03',
    password: DEMO_PASSWORD,
  },
  {
    login: 'kierownik',
    displayName: 'Katarzyna Kierowniczka (infolinia)',
    role: 'supervisor',
    unitCode: 'DK-02',
    password: DEMO_PASSWORD,
    email: 'kierownik.dk02@example.org',
    phoneExtension: '1100',
  },
  { login: 'admin', displayName: 'Administrator systemu', role: 'admin', unitCode: null, password: DEMO_PASSWORD },
  {
    login: 'kp02',
    displayName: 'Monika Spotkaniowa (KP-02)',
    role: 'mayor_office',
    unitCode: 'KP-02',
    password: DEMO_PASSWORD,
  },
  // The security officer (issue 9): reads the access log, nothing of residents' tickets.
  {
    login: 'audytor',
    displayName: 'Aleksander Audytor (bezpieczeństwo)',
    role: 'auditor',
    unitCode: null,
    password: DEMO_PASSWORD,
  },
];
