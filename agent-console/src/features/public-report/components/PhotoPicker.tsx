// Up to the configured number of photos: each is sent as soon as it is chosen (the server checks its content,
// reads its GPS and strips its EXIF), shown with a preview, and can be taken back. A photo's location is offered
// to the form, which asks the resident before using it.
import { useId, useRef, useState, type ChangeEvent } from 'react';
import { Alert, Box, Button, IconButton, Stack, Typography } from '@mui/material';
import AddAPhotoIcon from '@mui/icons-material/AddAPhoto';
import DeleteIcon from '@mui/icons-material/Delete';
import { useTranslation } from 'react-i18next';
import { PUBLIC_PHOTO_ACCEPT, PUBLIC_PHOTO_HEIF_TYPES, type PublicPhotoDto } from '@kck/contracts';
import { isApiError } from '../../../api/http';
import { LiveRegion } from '../../../components/LiveRegion';
import { visuallyHidden } from '../../../components/visually-hidden';
import { discardPhoto, uploadPhoto } from '../public-api';
import { megabytes } from '../report-form';

export interface PhotoItem {
  key: string;
  name: string;
  preview: string | null;
  state: 'uploading' | 'ready' | 'failed';
  photo?: PublicPhotoDto;
  error?: string;
}

interface Props {
  submissionId: string;
  maxPhotos: number;
  maxBytes: number;
  photos: PhotoItem[];
  onChange: (update: (photos: PhotoItem[]) => PhotoItem[]) => void;
  /** A photo whose EXIF had a position: the form offers it as the location. */
  onLocation?: (photo: PublicPhotoDto) => void;
  error?: string;
  testIdPrefix?: string;
}

/** Most browsers cannot show a HEIC photo (the server stores it as a JPEG): such a photo is listed without a preview. */
const HEIF_TYPES: readonly string[] = PUBLIC_PHOTO_HEIF_TYPES;
const showable = (file: File) => !HEIF_TYPES.includes(file.type) && !/\.hei[cf]$/i.test(file.name);

const readPreview = (file: File): Promise<string | null> =>
  new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : null);
    reader.onerror = () => resolve(null);
    reader.readAsDataURL(file);
  });

export function PhotoPicker(props: Props) {
  const { submissionId, maxPhotos, maxBytes, photos, onChange, onLocation, error } = props;
  const prefix = props.testIdPrefix ?? 'report';
  const { t } = useTranslation();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const room = maxPhotos - photos.filter((p) => p.state !== 'failed').length;

  const failure = (err: unknown): string => {
    if (!isApiError(err)) return t('public.photos.failed');
    if (err.status === 415) return t('public.photos.wrongType');
    if (err.status === 413) return t('public.photos.tooBig', { max: megabytes(maxBytes) });
    if (err.status === 429) return t('public.errors.tooManyPhotos');
    if (err.status === 400) return t('public.photos.limit', { max: maxPhotos });
    return t('public.photos.failed');
  };

  const send = async (file: File) => {
    const key = `${file.name}-${Math.random().toString(36).slice(2)}`;
    const preview = showable(file) ? await readPreview(file) : null;
    if (file.size > maxBytes) {
      onChange((list) => [
        ...list,
        {
          key,
          name: file.name,
          preview: null,
          state: 'failed',
          error: t('public.photos.tooBig', { max: megabytes(maxBytes) }),
        },
      ]);
      setAnnouncement(t('public.photos.tooBig', { max: megabytes(maxBytes) }));
      return;
    }
    onChange((list) => [...list, { key, name: file.name, preview, state: 'uploading' }]);
    try {
      const photo = await uploadPhoto(submissionId, file);
      onChange((list) => list.map((p) => (p.key === key ? { ...p, state: 'ready', photo } : p)));
      setAnnouncement(t('public.photos.added', { name: file.name }));
      if (photo.location) onLocation?.(photo);
    } catch (err) {
      const message = failure(err);
      onChange((list) => list.map((p) => (p.key === key ? { ...p, state: 'failed', error: message } : p)));
      setAnnouncement(`${file.name}: ${message}`);
    }
  };

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length > room) setAnnouncement(t('public.photos.limit', { max: maxPhotos }));
    for (const file of files.slice(0, Math.max(0, room))) void send(file);
  };

  const remove = async (item: PhotoItem) => {
    if (item.photo) await discardPhoto(submissionId, item.photo.id).catch(() => undefined);
    onChange((list) => list.filter((p) => p.key !== item.key));
    setAnnouncement(t('public.photos.removed', { name: item.name }));
  };

  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }} data-testid={`${prefix}-photos`}>
      <Typography component="legend" variant="subtitle2">
        {t('public.photos.legend', { max: maxPhotos })}
      </Typography>
      <Typography variant="body2" color="text.secondary" id={`${inputId}-help`} sx={{ mb: 1 }}>
        {t('public.photos.help', { max: megabytes(maxBytes) })}
      </Typography>
      {/* The input beside the button, not inside it: the button opens it from the mouse and the keyboard alike. */}
      <input
        ref={input}
        id={inputId}
        type="file"
        multiple
        accept={PUBLIC_PHOTO_ACCEPT}
        onChange={choose}
        style={visuallyHidden}
        tabIndex={-1}
        aria-hidden
        data-testid={`${prefix}-photo-input`}
      />
      <Button
        variant="outlined"
        startIcon={<AddAPhotoIcon />}
        onClick={() => input.current?.click()}
        disabled={room <= 0}
        aria-describedby={`${inputId}-help`}
        data-testid={`${prefix}-photo-add`}
      >
        {room > 0 ? t('public.photos.add') : t('public.photos.full', { max: maxPhotos })}
      </Button>
      {error ? (
        <Typography color="error" variant="body2" sx={{ mt: 1 }}>
          {error}
        </Typography>
      ) : null}
      {photos.length > 0 ? (
        <Stack component="ul" spacing={1} sx={{ listStyle: 'none', p: 0, mt: 1.5, mb: 0 }}>
          {photos.map((item) => (
            <Box
              component="li"
              key={item.key}
              sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}
              data-testid={`${prefix}-photo`}
              data-state={item.state}
            >
              {item.preview ? (
                <Box
                  component="img"
                  src={item.preview}
                  alt=""
                  sx={{ width: 64, height: 64, objectFit: 'cover', borderRadius: 1, flexShrink: 0 }}
                />
              ) : null}
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
                  {item.name}
                </Typography>
                <Typography variant="caption" color={item.state === 'failed' ? 'error' : 'text.secondary'}>
                  {item.state === 'uploading'
                    ? t('public.photos.uploading')
                    : item.state === 'failed'
                      ? item.error
                      : t('public.photos.ready')}
                </Typography>
              </Box>
              <IconButton
                onClick={() => void remove(item)}
                disabled={item.state === 'uploading'}
                aria-label={t('public.photos.remove', { name: item.name })}
              >
                <DeleteIcon />
              </IconButton>
            </Box>
          ))}
        </Stack>
      ) : null}
      {photos.some((p) => p.state === 'failed') ? (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {t('public.photos.someFailed')}
        </Alert>
      ) : null}
      <LiveRegion message={announcement} />
    </Box>
  );
}
