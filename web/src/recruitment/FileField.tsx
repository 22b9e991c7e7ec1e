/**
 * A 'file' question: a native file input (labelled, operable by keyboard and by assistive technology
 * as browsers make it), uploaded as soon as a file is chosen. The answer is the stored file's id;
 * the server sets it with the upload (replacing an earlier file) and clears it with a removal, and
 * the form's own save carries it along.
 */
import { Button, Fieldset, Group, Stack, Text } from '@mantine/core';
import { useId, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';
import { FileName } from '../lib/FileName';
import { useLang } from '../lib/text';
import { formatFileSize } from './file-size';
import { deleteAnswerFile, fileUrl, uploadAnswerFile, type UploadedFile } from './upload';

interface Props {
  id: string;
  callId: string;
  questionKey: string;
  legend: ReactNode;
  help: ReactNode;
  /** The stored file's id, or '' / undefined when none. */
  value: string;
  /** Name and size when known (uploaded in this visit, or told by the server). */
  meta: UploadedFile | undefined;
  onUploaded: (file: UploadedFile) => void;
  onRemoved: () => void;
  /** A message about this answer from the last save or submit. */
  error: string | undefined;
}

type Busy = 'idle' | 'uploading' | 'removing';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.hwp,.hwpx,application/pdf,image/png,image/jpeg';

export function FileField({ id, callId, questionKey, legend, help, value, meta, onUploaded, onRemoved, error }: Props) {
  const { t } = useTranslation('recruitment');
  const lang = useLang();
  const [busy, setBusy] = useState<Busy>('idle');
  const [uploadError, setUploadError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const statusId = useId();
  const hasFile = value !== '';

  const onPick = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file || busy !== 'idle') return;
    setBusy('uploading');
    setUploadError(undefined);
    setAnnouncement(t('file.uploading', { name: file.name }));
    try {
      const stored = await uploadAnswerFile(callId, questionKey, file);
      onUploaded(stored);
      setAnnouncement(t('file.uploaded', { name: stored.name, size: formatFileSize(stored.size, lang) }));
    } catch (err) {
      setAnnouncement('');
      setUploadError(err instanceof ApiError ? err.message : t('file.error.failed'));
    } finally {
      // The same file can be chosen again after a refusal (the input fires no change otherwise).
      input.value = '';
      setBusy('idle');
    }
  };

  const remove = async () => {
    if (busy !== 'idle' || value === '') return;
    setBusy('removing');
    setUploadError(undefined);
    try {
      await deleteAnswerFile(value);
      onRemoved();
      setAnnouncement(t('file.removed'));
      // The remove button goes away with the file; the chooser is the natural next stop.
      inputRef.current?.focus();
    } catch (err) {
      setAnnouncement('');
      setUploadError(err instanceof ApiError ? err.message : t('web:common.error.network'));
    } finally {
      setBusy('idle');
    }
  };

  const shownError = uploadError ?? error;
  const describedBy = [help ? `${id}-help` : null, `${id}-current`, `${id}-hint`, shownError ? `${id}-error` : null].filter(Boolean).join(' ');

  return (
    <Fieldset legend={legend} className="file-question">
      <Stack gap="xs">
        {help && (
          <Text size="sm" id={`${id}-help`}>
            {help}
          </Text>
        )}
        <Text size="sm" id={`${id}-current`} data-testid={`file-current-${questionKey}`}>
          {!hasFile ? (
            t('file.none')
          ) : meta ? (
            <>
              {t('file.current')}{' '}
              <a href={fileUrl(value)} className="inline-link" download>
                <FileName name={meta.name} />
              </a>{' '}
              ({formatFileSize(meta.size, lang)})
            </>
          ) : (
            <>
              {t('file.currentUnnamed')}{' '}
              <a href={fileUrl(value)} className="inline-link" download>
                {t('file.download')}
              </a>
            </>
          )}
        </Text>
        <Text size="sm" id={`${id}-hint`}>
          {t('file.hint')}
        </Text>
        {shownError && (
          <Text size="sm" c="red.9" id={`${id}-error`} role={uploadError ? 'alert' : undefined}>
            {shownError}
          </Text>
        )}
        <div>
          <label htmlFor={id} className="file-label">
            {hasFile ? t('file.replace') : t('file.choose')}
          </label>
          <input
            ref={inputRef}
            id={id}
            type="file"
            // Only a filter for the chooser: the server tells the kind from the bytes.
            accept={ACCEPT}
            className="file-input"
            aria-describedby={describedBy}
            aria-invalid={shownError ? true : undefined}
            onChange={(e) => void onPick(e)}
          />
        </div>
        {hasFile && (
          <Group>
            <Button variant="outline" color="red.9" size="sm" onClick={() => void remove()} aria-busy={busy === 'removing' || undefined}>
              {t('file.remove')}
            </Button>
          </Group>
        )}
        <Text size="sm" role="status" aria-live="polite" id={statusId} data-testid={`file-status-${questionKey}`}>
          {busy === 'uploading' ? t('file.uploadingShort') : busy === 'removing' ? t('file.removing') : announcement}
        </Text>
      </Stack>
    </Fieldset>
  );
}
