// Multipart uploads and binary downloads with a signed-in TestClient, as the console's attachments panel sends
// them: the session cookie, the CSRF header, one file in the field `file`.
import { CSRF_HEADER, ATTACHMENT_FILE_FIELD, type ErrorBody, type TicketAttachmentDto } from '@kck/contracts';
import type { TestClient } from '../../backend/src/test-support/test-client.ts';

export interface UploadResponse {
  status: number;
  body: TicketAttachmentDto & ErrorBody;
}

export async function upload(
  client: TestClient,
  ticketId: string,
  file: { name: string; bytes: Uint8Array | string; type?: string },
): Promise<UploadResponse> {
  const form = new FormData();
  form.append(
    ATTACHMENT_FILE_FIELD,
    new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }),
    file.name,
  );
  const res = await fetch(`${client.baseUrl}/api/tickets/${ticketId}/attachments`, {
    method: 'POST',
    headers: { cookie: client.cookie ?? '', [CSRF_HEADER]: client.csrfToken ?? '' },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export async function download(client: TestClient, url: string) {
  const res = await fetch(`${client.baseUrl}${url}`, { headers: { cookie: client.cookie ?? '' } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Small but real files: content types are judged by their bytes. */
export const SAMPLE = {
  png: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
  pdf: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
  /** A Windows executable's header (MZ): what a renamed .exe starts with. */
  exe: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]),
};
