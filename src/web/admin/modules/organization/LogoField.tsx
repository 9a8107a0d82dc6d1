// A logo in Settings with its preview, upload (checked for size first) and removal with confirmation: the
// organization's logo and a location's own one.
import { Button, FileButton, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { useConfirmedAction } from '../../../ui/use-confirmed-action';
import { LOGO_ACCEPT, MAX_LOGO_BYTES } from './api';
import { t } from './messages';

export function LogoField({
  label,
  help,
  empty,
  logoUrl,
  upload,
  remove,
  confirm,
}: {
  label: string;
  help: string;
  empty: string;
  logoUrl: string | null;
  upload: { mutateAsync: (file: File) => Promise<unknown>; isPending: boolean };
  remove: () => Promise<unknown>;
  confirm: { title: string; body: string };
}) {
  const removal = useConfirmedAction(
    () => remove(),
    () => notifySuccess(t('logoRemoved')),
  );
  const pick = (file: File | null) => {
    if (!file || upload.isPending) return;
    if (file.size > MAX_LOGO_BYTES) {
      notifications.show({ message: t('logoTooLarge'), color: 'red' });
      return;
    }
    upload.mutateAsync(file).then(() => notifySuccess(t('logoSaved')), notifyError);
  };
  return (
    <Stack gap={6}>
      <Text fw={500} size="sm">
        {label}
      </Text>
      <Text c="dimmed" size="xs">
        {help}
      </Text>
      <Paper withBorder p="sm">
        <Group justify="space-between" wrap="wrap" gap="sm">
          {logoUrl ? <Image src={logoUrl} alt={t('logoAlt')} h={40} w="auto" maw={200} fit="contain" /> : <Text size="sm">{empty}</Text>}
          <Group gap="xs">
            <FileButton onChange={pick} accept={LOGO_ACCEPT}>
              {(props) => (
                <Button variant="default" loading={upload.isPending} {...props}>
                  {logoUrl ? t('replaceLogo') : t('uploadLogo')}
                </Button>
              )}
            </FileButton>
            {logoUrl && (
              <Button variant="subtle" color="red" onClick={() => removal.ask(true)}>
                {t('removeLogo')}
              </Button>
            )}
          </Group>
        </Group>
      </Paper>
      <ConfirmModal title={confirm.title} confirmLabel={t('removeLogo')} {...removal.modal}>
        {confirm.body}
      </ConfirmModal>
    </Stack>
  );
}
