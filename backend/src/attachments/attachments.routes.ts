// HTTP for ticket attachments: upload (multipart, streamed), the list on a ticket, removal with a reason, and the download,
// which answers only within the ticket's visibility and always as a download, never rendered by the browser.
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { removeAttachmentRequest, ticketIdParams } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { TICKET_READERS } from '../tickets/tickets.policy.ts';
import type { AttachmentStore } from './attachment-store.ts';
import { addAttachment, removeAttachment } from './attachments.service.ts';
import { ATTACHMENT_UPLOADERS, findAttachmentForDownload, listAttachments } from './attachments.queries.ts';
import { createAttachmentStore, incomingDir } from './attachments.storage.ts';

const attachmentParams = ticketIdParams.extend({ attachmentId: z.uuid('attachmentId must be an attachment id') });

export function attachmentRoutes({ db, config, logger }: BackendContext) {
  // Built on first use: listing the route table needs no storage configuration.
  let store: AttachmentStore | undefined;
  const attachments = () => (store ??= createAttachmentStore(config));

  return [
    defineRoute(
      { method: 'get', path: '/api/tickets/:id/attachments', roles: TICKET_READERS, params: ticketIdParams },
      ({ actor, params }) => listAttachments(db, actor, params.id, config.ATTACHMENTS_MAX_BYTES),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/attachments',
        roles: ATTACHMENT_UPLOADERS,
        params: ticketIdParams,
        status: 201,
      },
      ({ actor, params, req }) =>
        addAttachment(db, attachments(), actor, params.id, req, {
          incomingDir: incomingDir(config),
          maxBytes: config.ATTACHMENTS_MAX_BYTES,
          scan: { mode: config.CLAMAV_SCAN, logger },
        }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/tickets/:id/attachments/:attachmentId',
        roles: TICKET_READERS,
        params: attachmentParams,
      },
      async ({ actor, params, res }) => {
        const attachment = await findAttachmentForDownload(db, actor, params.id, params.attachmentId);
        const body = await attachments().read(attachment.storageKey);
        // Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266); the type was read from the
        // content at upload, and nosniff keeps the browser from guessing another one.
        res.attachment(attachment.fileName);
        res.set({
          'Content-Type': attachment.contentType,
          'Content-Length': String(attachment.sizeBytes),
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'private, no-store',
          'Content-Security-Policy': "default-src 'none'; sandbox",
        });
        res.status(200);
        await pipeline(body, res);
      },
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/api/tickets/:id/attachments/:attachmentId',
        roles: ATTACHMENT_UPLOADERS,
        params: attachmentParams,
        body: removeAttachmentRequest,
      },
      ({ actor, params, body }) =>
        removeAttachment(db, attachments(), logger, actor, params.id, params.attachmentId, body),
    ),
  ];
}
