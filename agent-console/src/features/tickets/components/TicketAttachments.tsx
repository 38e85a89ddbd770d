// The ticket's attachments panel: every file with its size, type, who added it and when, a download link each,
// and, for those who may act on the ticket, an upload button that warns about a too-large file before sending
// and a remove button that asks why (the reason stays in the history).
import { useId, useState, type ChangeEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import AttachFileIcon from '@mui/icons-material/AttachFile';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_EXTENSIONS, type TicketAttachmentDto } from '@kck/contracts';
import { useRemoveAttachment, useTicketAttachments, useUploadAttachment } from '../../../api/attachments.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime, formatNumber } from '../../../components/format';
import { visuallyHidden } from '../../../components/visually-hidden';

/** `2,4 MB`, `512 KB` in the console's language. */
function formatSize(bytes: number, language: string): string {
  if (bytes >= 1024 * 1024) return `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10, language)} MB`;
  if (bytes >= 1024) return `${formatNumber(Math.round(bytes / 1024), language)} KB`;
  return `${formatNumber(bytes, language)} B`;
}

/** A short, readable name of the type the server detected (PDF, PNG, DOCX...). */
function typeLabel(attachment: TicketAttachmentDto): string {
  const extension = attachment.fileName.includes('.') ? attachment.fileName.split('.').pop() : undefined;
  if (attachment.contentType === 'text/plain') return 'TXT';
  const subtype = attachment.contentType.split('/')[1] ?? '';
  return subtype.length <= 5 ? subtype.toUpperCase() : (extension ?? subtype).toUpperCase();
}

export function TicketAttachments({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const inputId = useId();
  const attachments = useTicketAttachments(ticketId);
  const upload = useUploadAttachment(ticketId);
  const [tooLarge, setTooLarge] = useState<{ name: string; size: number } | null>(null);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const [removing, setRemoving] = useState<TicketAttachmentDto | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const maxBytes = attachments.data?.maxBytes;

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file may be chosen again after a failure.
    event.target.value = '';
    if (!file) return;
    setUploaded(null);
    setRemoved(null);
    upload.reset();
    if (maxBytes !== undefined && file.size > maxBytes) {
      setTooLarge({ name: file.name, size: file.size });
      return;
    }
    setTooLarge(null);
    upload.mutate(file, { onSuccess: (attachment) => setUploaded(attachment.fileName) });
  };

  const list = attachments.data?.attachments ?? [];
  return (
    <Box component="section" aria-labelledby={`${inputId}-heading`} data-testid="ticket-attachments" sx={{ mb: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="subtitle2" component="h3" id={`${inputId}-heading`}>
          {t('attachments.title')}
        </Typography>
        {attachments.data?.canUpload ? (
          <>
            {/* The file input sits beside the button, not inside it (no control nested in a control, WCAG 4.1.2);
                the button, with a visible focus ring, opens it from the mouse and the keyboard alike. */}
            <input
              id={inputId}
              type="file"
              accept={ATTACHMENT_EXTENSIONS.join(',')}
              onChange={choose}
              disabled={upload.isPending}
              data-testid="attachment-input"
              style={visuallyHidden}
              tabIndex={-1}
              aria-hidden
            />
            <Button
              size="small"
              variant="outlined"
              startIcon={<AttachFileIcon />}
              disabled={upload.isPending}
              onClick={() => document.getElementById(inputId)?.click()}
              data-testid="attachment-upload-button"
            >
              {upload.isPending ? t('attachments.uploading') : t('attachments.add')}
            </Button>
            {maxBytes !== undefined ? (
              <Typography variant="caption" color="text.secondary" data-testid="attachment-limit">
                {t('attachments.limitHint', { size: formatSize(maxBytes, lang) })}
              </Typography>
            ) : null}
          </>
        ) : null}
      </Stack>
      {tooLarge && maxBytes !== undefined ? (
        <Alert severity="error" role="alert" sx={{ mb: 1 }} data-testid="attachment-too-large">
          {t('attachments.tooLarge', {
            name: tooLarge.name,
            size: formatSize(tooLarge.size, lang),
            max: formatSize(maxBytes, lang),
          })}
        </Alert>
      ) : null}
      {upload.error ? (
        <Box sx={{ mb: 1 }}>
          <ErrorAlert error={upload.error} testId="attachment-upload-error" />
        </Box>
      ) : null}
      {uploaded ? (
        <Alert severity="success" sx={{ mb: 1 }} data-testid="attachment-uploaded">
          {t('attachments.uploaded', { name: uploaded })}
        </Alert>
      ) : null}
      {removed ? (
        <Alert severity="success" sx={{ mb: 1 }} data-testid="attachment-removed">
          {t('attachments.removed', { name: removed })}
        </Alert>
      ) : null}
      {attachments.error ? <ErrorAlert error={attachments.error} /> : null}
      {attachments.data && list.length === 0 ? (
        <Typography variant="body2" color="text.secondary" data-testid="attachments-empty">
          {t('attachments.none')}
        </Typography>
      ) : null}
      {list.length > 0 ? (
        <TableContainer>
          <Table size="small" aria-labelledby={`${inputId}-heading`} data-testid="attachments-table">
            <TableHead>
              <TableRow>
                <TableCell>{t('attachments.file')}</TableCell>
                <TableCell>{t('attachments.type')}</TableCell>
                <TableCell align="right">{t('attachments.size')}</TableCell>
                <TableCell>{t('attachments.addedBy')}</TableCell>
                <TableCell>{t('attachments.addedAt')}</TableCell>
                {attachments.data?.canUpload ? (
                  <TableCell>
                    <Box component="span" sx={visuallyHidden}>
                      {t('attachments.remove')}
                    </Box>
                  </TableCell>
                ) : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {list.map((attachment) => (
                <TableRow key={attachment.id} data-testid="attachment-row" data-attachment-id={attachment.id}>
                  <TableCell sx={{ wordBreak: 'break-word' }}>
                    {/* A plain link: the server answers with Content-Disposition: attachment, so it downloads. */}
                    <Link href={attachment.downloadUrl} download={attachment.fileName} data-testid="attachment-link">
                      {attachment.fileName}
                    </Link>
                  </TableCell>
                  <TableCell>{typeLabel(attachment)}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {formatSize(attachment.sizeBytes, lang)}
                  </TableCell>
                  <TableCell>{attachment.uploadedBy?.name ?? t('attachments.byResident')}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(attachment.createdAt, lang)}</TableCell>
                  {attachments.data?.canUpload ? (
                    <TableCell>
                      <Button
                        size="small"
                        color="error"
                        aria-label={t('attachments.removeLabel', { name: attachment.fileName })}
                        onClick={() => {
                          setRemoved(null);
                          setRemoving(attachment);
                        }}
                        data-testid="attachment-remove"
                      >
                        {t('attachments.remove')}
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
      {removing ? (
        <RemoveAttachmentDialog
          ticketId={ticketId}
          attachment={removing}
          onClose={(done) => {
            if (done) setRemoved(removing.fileName);
            setRemoving(null);
          }}
        />
      ) : null}
    </Box>
  );
}

/** Asks why before removing: the reason is required and stays in the ticket's history. */
function RemoveAttachmentDialog({
  ticketId,
  attachment,
  onClose,
}: {
  ticketId: string;
  attachment: TicketAttachmentDto;
  onClose: (removed: boolean) => void;
}) {
  const { t } = useTranslation();
  const remove = useRemoveAttachment(ticketId);
  const [reason, setReason] = useState('');
  const titleId = useId();
  const submit = () =>
    remove.mutate({ attachmentId: attachment.id, reason: reason.trim() }, { onSuccess: () => onClose(true) });
  return (
    <Dialog open onClose={() => onClose(false)} aria-labelledby={titleId} data-testid="attachment-remove-dialog">
      <DialogTitle id={titleId}>{t('attachments.removeTitle', { name: attachment.fileName })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('attachments.removeText')}</DialogContentText>
        <TextField
          autoFocus
          fullWidth
          required
          label={t('attachments.removeReason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'attachment-remove-reason' } }}
        />
        {remove.error ? (
          <Box sx={{ mt: 1 }}>
            <ErrorAlert error={remove.error} testId="attachment-remove-error" />
          </Box>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>{t('attachments.cancel')}</Button>
        <Button
          color="error"
          variant="contained"
          disabled={reason.trim().length < 3 || remove.isPending}
          onClick={submit}
          data-testid="attachment-remove-confirm"
        >
          {t('attachments.removeConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
