// The virus-scanning hook for every uploaded file (staff attachments, web-form photos), before anything is stored:
// with CLAMAV_SCAN=clamdscan each file goes to the city's clamd through `clamdscan`; otherwise files are not scanned.
import { execFile } from 'node:child_process';
import { ATTACHMENT_FILE_FIELD } from '@kck/contracts';
import { AppError } from '../platform/errors.ts';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';

export type UploadScanMode = Config['CLAMAV_SCAN'];

/** clamd answers within seconds; a hung scanner must not hold an upload forever. */
const SCAN_TIMEOUT_MS = 60_000;

/** The upload is infected: refused with the file's name (422); the caller removes the file. */
export const uploadInfected = (fileName: string, signature: string | undefined) =>
  new AppError(
    422,
    'upload_infected',
    `Plik „${fileName}” zawiera złośliwe oprogramowanie i nie został przyjęty. / ` +
      `The file "${fileName}" contains malware${signature ? ` (${signature})` : ''} and was not accepted.`,
    [{ path: ATTACHMENT_FILE_FIELD, message: `${fileName}: malware found` }],
  );

/**
 * Runs `clamdscan --no-summary --fdpass <file>` (clamdscan's exit codes: 0 clean, 1 infected, 2 error).
 * `--fdpass` hands clamd the open file, so clamd needs no read access to our upload folder.
 */
export async function scanUpload(
  filePath: string,
  fileName: string,
  mode: UploadScanMode,
  logger?: Logger,
): Promise<void> {
  if (mode !== 'clamdscan') return;
  const result = await new Promise<{ code: number | string | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'clamdscan',
      ['--no-summary', '--fdpass', filePath],
      { timeout: SCAN_TIMEOUT_MS, maxBuffer: 64 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? ((err as NodeJS.ErrnoException & { code?: number | string }).code ?? null) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
  if (result.code === 0) return;
  if (result.code === 1) {
    // `<path>: Eicar-Signature FOUND`
    const signature = /:\s*(\S+)\s+FOUND/.exec(result.stdout)?.[1];
    logger?.warn({ signature }, 'uploaded file infected: refused, removed');
    throw uploadInfected(fileName, signature);
  }
  logger?.error(
    { exitCode: result.code, output: (result.stderr || result.stdout).slice(0, 500) },
    'virus scanner failed: upload refused',
  );
  throw new AppError(
    503,
    'dependency_unavailable',
    'Nie udało się sprawdzić pliku programem antywirusowym; spróbuj ponownie później. / ' +
      'The virus scanner could not check the file; try again later.',
  );
}
