// CI's dependency audit: `npm audit` fails the build on any high or critical advisory in what we install.
// Where the registry's audit endpoint cannot be reached it says so loudly and passes, rather than block every build.
import { spawnSync } from 'node:child_process';

interface AuditReport {
  statusCode?: number;
  message?: string;
  metadata?: { vulnerabilities?: Record<'info' | 'low' | 'moderate' | 'high' | 'critical', number> };
  vulnerabilities?: Record<string, { severity: string; via: unknown[] }>;
}

const run = spawnSync('npm', ['audit', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report: AuditReport;
try {
  report = JSON.parse(run.stdout) as AuditReport;
} catch {
  console.error(`npm audit printed no JSON (exit ${run.status}):\n${run.stderr}`);
  process.exit(1);
}

const counts = report.metadata?.vulnerabilities;
if (!counts) {
  // The registry refused or could not be reached (a mirror without the audit endpoint answers 405).
  console.warn(
    `AUDIT NOT RUN: the registry's audit endpoint answered ${report.statusCode ?? '?'} (${report.message ?? 'no message'}). ` +
      'No advisory was checked; run `npm run audit:deps` where registry.npmjs.org is reachable.',
  );
  console.log(JSON.stringify({ bench: 'audit', checked: false, status: report.statusCode ?? null }));
  process.exit(0);
}

const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) =>
  ['high', 'critical'].includes(v.severity),
);
for (const [name, v] of serious) console.error(`${v.severity}: ${name}`);
console.log(JSON.stringify({ bench: 'audit', checked: true, ...counts }));
process.exit(serious.length > 0 ? 1 : 0);
