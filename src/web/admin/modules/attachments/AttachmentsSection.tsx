// Attachments of a customer profile: upload one file (up to 10 MB), download by a plain link, delete after a confirmation.
import { Alert, Anchor, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { useRef, useState, type ComponentProps } from 'react';
import { errorMessage } from '../../../lib/error-messages';
import { formatDateTime, formatNumber, formatRelative } from '../../../lib/format';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { notifySuccess } from '../../../ui/notify';
import { QueryView } from '../../../ui/QueryView';
import { useConfirmedAction } from '../../../ui/use-confirmed-action';
import { ProfileList, ProfileSection } from '../customers/ProfileSection';
import { ATTACHMENT_ACCEPT, downloadUrl, MAX_ATTACHMENT_BYTES, useAttachments, useDeleteAttachment, useUploadAttachment, type Attachment } from './api';
import { t } from './messages';

export function formatBytes(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : bytes >= 1024 ? [bytes / 1024, 'kilobyte'] : [bytes, 'byte'];
  // "125 bytes", "48 kB", "2.4 MB" ("125 byte" is what the short form of bytes reads like).
  const unitDisplay = unit === 'byte' ? 'long' : 'short';
  return formatNumber(value, { style: 'unit', unit, unitDisplay, maximumFractionDigits: value < 10 && unit !== 'byte' ? 1 : 0 });
}

interface AttachmentsProps {
  locationId: string;
  customerId: string;
  timeZone: string;
}

export function AttachmentsSection({ locationId, customerId, timeZone }: AttachmentsProps) {
  const attachments = useAttachments(locationId, customerId);
  const [uploadError, setUploadError] = useState<string | null>(null);
  // Picking the same file again after a failure must fire onChange again.
  const resetPicker = useRef<() => void>(null);
  const upload = useUploadAttachment(locationId, customerId);
  const pick = (file: File) => {
    setUploadError(null);
    // Checked before uploading: the server would refuse a large file (413) only once the whole file is sent, and an
    // empty one with a 400 these words could not tell from a wrong type.
    const refusal = file.size > MAX_ATTACHMENT_BYTES ? t('tooLarge', { name: file.name }) : file.size === 0 ? t('empty', { name: file.name }) : null;
    if (refusal) {
      setUploadError(refusal);
      resetPicker.current?.();
      return;
    }
    void upload
      .mutateAsync(file)
      .then(
        ({ attachment }) => notifySuccess(t('uploaded', { name: attachment.fileName })),
        (error: unknown) => setUploadError(errorMessage(error, { 400: t('refused', { name: file.name }) })),
      )
      .finally(() => resetPicker.current?.());
  };

  const deleteAttachment = useDeleteAttachment(locationId, customerId);
  const remove = useConfirmedAction(
    (attachment: Attachment) => deleteAttachment.mutateAsync(attachment.id),
    (attachment) => notifySuccess(t('deleted', { name: attachment.fileName })),
  );

  return (
    <ProfileSection
      id="attachments"
      title={t('title')}
      action={
        <FileButton
          onChange={(file) => file && !upload.isPending && pick(file)}
          accept={ATTACHMENT_ACCEPT}
          resetRef={resetPicker}
          disabled={upload.isPending}
          inputProps={{ 'aria-label': t('upload'), 'data-testid': 'attachment-input' } as ComponentProps<'input'>}
        >
          {(props) => (
            <Button size="xs" variant="default" loading={upload.isPending} {...props}>
              {t('upload')}
            </Button>
          )}
        </FileButton>
      }
    >
      <Text size="xs" c="dimmed">
        {t('help')}
      </Text>
      {uploadError && (
        <Alert color="red" role="alert" p="xs" withCloseButton closeButtonLabel={t('dismiss')} onClose={() => setUploadError(null)}>
          {uploadError}
        </Alert>
      )}
      <QueryView query={attachments} rows={2}>
        {({ items }) => (
          <ProfileList items={items} empty={t('none')} testId="attachments-list" itemTestId="attachment">
            {(attachment) => (
              <Group justify="space-between" wrap="nowrap" gap="sm" py="xs">
                <Stack gap={2} miw={0}>
                  <Anchor
                    href={downloadUrl(locationId, customerId, attachment.id)}
                    download={attachment.fileName}
                    size="sm"
                    fw={500}
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {attachment.fileName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {formatBytes(attachment.size)} · {attachment.uploadedBy.name} ·{' '}
                    <time dateTime={attachment.createdAt} title={formatRelative(attachment.createdAt)}>
                      {formatDateTime(attachment.createdAt, timeZone)}
                    </time>
                  </Text>
                </Stack>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  onClick={() => remove.ask(attachment)}
                  aria-label={t('deleteFor', { name: attachment.fileName })}
                >
                  {t('delete')}
                </Button>
              </Group>
            )}
          </ProfileList>
        )}
      </QueryView>
      <ConfirmModal {...remove.modal} title={t('deleteTitle')} confirmLabel={t('deleteButton')}>
        {remove.item && t('deleteConfirm', { name: remove.item.fileName })}
      </ConfirmModal>
    </ProfileSection>
  );
}
