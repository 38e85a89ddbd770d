// E-mail intake as DK-03 sees it: an HTML mail full of scripts shows as plain text on the ticket (nothing of it
// runs), and the resident's reply appears live in the ticket's history as the resident's message.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer, { type Transporter } from 'nodemailer';
import { testConfig } from '../../backend/src/test-support/test-context.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { startEmailIntake, type RunningEmailIntake } from '../../backend/src/email-intake/email-intake.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';

let stack: BrowserStack;
let intake: RunningEmailIntake;
let smtp: Transporter;

beforeAll(async () => {
  stack = await startBrowserStack();
  intake = await startEmailIntake(
    testConfig({ EMAIL_INTAKE: 'smtp', EMAIL_INTAKE_SMTP_PORT: '0' }),
    createLogger('test-email-browser', 'silent'),
  );
  smtp = nodemailer.createTransport({ host: '127.0.0.1', port: intake.smtpPort, secure: false, ignoreTLS: true });
}, 180_000);

afterAll(async () => {
  smtp?.close();
  await intake?.close();
  await stack?.close();
});

describe('an e-mailed report in the console', () => {
  it('shows an HTML mail as text, and the reply as the resident’s message, live', async () => {
    const resident = `lucyna.${Date.now()}@example.org`;
    const subject = '<b>Pilne</b> <img src=x onerror="window.__pwned=1">';
    const sent = await smtp.sendMail({
      from: `Lucyna Kwiatek <${resident}>`,
      to: 'kck@um.krakow.pl',
      subject,
      html:
        '<p>Drzewo <b>przewróciło się</b> na ul. Kasztanową.</p>' +
        '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">',
    });
    const number = String(sent.response).match(/ticket (KCK\/\d{4}\/\d{6})/)![1]!;
    const { rows } = await stack.db.query<{ id: string }>(`SELECT id FROM ticket WHERE number = $1`, [number]);

    const triage = await stack.signIn('triage', '/triage');
    await triage.goto(`${stack.baseUrl}/tickets/${rows[0]!.id}`);
    await triage.getByTestId('ticket-title').waitFor();
    // What the resident typed as tags is characters on the page; nothing became an element, nothing ran.
    expect(await triage.getByTestId('ticket-title').innerText()).toBe(subject);
    expect(await triage.getByTestId('ticket-description').innerText()).toBe(
      'Drzewo przewróciło się na ul. Kasztanową.\n\n[x]',
    );
    expect(await triage.locator('[data-testid="ticket-title"] img, [data-testid="ticket-description"] *').count()).toBe(
      0,
    );
    expect(await triage.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();

    await smtp.sendMail({
      from: resident,
      to: 'kck@um.krakow.pl',
      subject: `Re: Przyjęliśmy zgłoszenie ${number}`,
      text: 'Drzewo blokuje też chodnik.',
    });
    const message = triage.locator('[data-testid="ticket-event"][data-kind="ticket.resident_message"]');
    await message.waitFor({ timeout: 15_000 });
    expect(await message.innerText()).toMatch(
      /Wiadomość od mieszkańca\s+mieszkaniec \(zgłaszający\)[\s\S]*Drzewo blokuje też chodnik\./,
    );
    await triage.screenshot({ path: path.join(screenshots, 'email-intake-resident-message.png'), fullPage: true });
    expect(stack.consoleErrors).toEqual([]);
  });
});
