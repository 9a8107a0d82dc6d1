// The owner's Organization section of Settings: name, logo (upload with preview, remove with confirmation), accent
// colour (with the contrast rule's adjustment shown), support email and default language.
import { Button, ColorInput, FileButton, Group, Image, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { z } from 'zod';
import { hexColorSchema, readableAccent } from '../../../../server/lib/schema';
import { notifications } from '@mantine/notifications';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { FormError } from '../../../ui/FormError';
import { QueryView } from '../../../ui/QueryView';
import { useConfirmedAction } from '../../../ui/use-confirmed-action';
import { useServerForm } from '../../../ui/use-server-form';
import { LOGO_ACCEPT, MAX_LOGO_BYTES, type Organization, useOrganization, useRemoveLogo, useUpdateOrganization, useUploadLogo } from './api';
import { t } from './messages';

/** Mantine's palette, as swatches to pick from. */
const SWATCHES = ['#1971c2', '#0b7285', '#087f5b', '#2b8a3e', '#e8590c', '#c92a2a', '#a61e4d', '#862e9c', '#5f3dc4', '#212529'];

export function OrganizationSection({ organizationId }: { organizationId: string }) {
  const organization = useOrganization(organizationId);
  return (
    <Stack component="section" gap="sm" aria-labelledby="organization-title">
      <Title order={2} size="h3" id="organization-title">
        {t('title')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('help')}
      </Text>
      <QueryView query={organization} rows={4}>
        {(o) => (
          <Stack gap="lg" maw={560}>
            <LogoField organization={o} />
            <OrganizationForm key={o.id} organization={o} />
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}

const schema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: () => t('name') })
    .max(100),
  accentColor: z.union([z.literal(''), hexColorSchema]),
  supportEmail: z.union([
    z.literal(''),
    z
      .string()
      .trim()
      .email({ error: () => t('supportEmailInvalid') }),
  ]),
  language: z.enum(['en', 'fr']),
});

function OrganizationForm({ organization }: { organization: Organization }) {
  const update = useUpdateOrganization(organization.id);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: {
      name: organization.name,
      accentColor: organization.accentColor ?? '',
      supportEmail: organization.supportEmail ?? '',
      language: organization.language,
    },
    submit: async (values) => {
      await update.mutateAsync({
        name: values.name,
        accentColor: values.accentColor ? values.accentColor.toLowerCase() : null,
        supportEmail: values.supportEmail || null,
        language: values.language,
      });
      form.resetDirty(values);
      notifySuccess(t('saved'));
    },
    fieldTexts: { accentColor: t('accentInvalid'), supportEmail: t('supportEmailInvalid') },
  });
  const accent = form.values.accentColor;
  const valid = /^#[0-9a-fA-F]{6}$/.test(accent);
  const readable = valid ? readableAccent(accent) : null;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <TextInput label={t('name')} required {...form.getInputProps('name')} />
        <ColorInput
          label={t('accentColor')}
          description={t('accentHelp')}
          format="hex"
          swatches={SWATCHES}
          eyeDropperButtonProps={{ 'aria-label': t('pickFromScreen') }}
          placeholder="#1971c2"
          {...form.getInputProps('accentColor')}
        />
        {readable && readable !== accent.toLowerCase() && (
          <Text size="sm" data-testid="accent-adjusted">
            {t('accentAdjusted', { color: readable })}
          </Text>
        )}
        <TextInput label={t('supportEmail')} description={t('supportEmailHelp')} type="email" {...form.getInputProps('supportEmail')} />
        <Select
          label={t('language')}
          description={t('languageHelp')}
          data={(['en', 'fr'] as const).map((value) => ({ value, label: t(`language.${value}`) }))}
          allowDeselect={false}
          {...form.getInputProps('language')}
        />
        <FormError message={error} />
        <Group>
          <Button type="submit" loading={submitting}>
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A logo with its preview, upload (checked for size first) and removal with confirmation; shared with a location's own logo. */
export function LogoPicker({
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

function LogoField({ organization }: { organization: Organization }) {
  const upload = useUploadLogo(organization.id);
  const remove = useRemoveLogo(organization.id);
  return (
    <LogoPicker
      label={t('logo')}
      help={t('logoHelp')}
      empty={t('noLogo')}
      logoUrl={organization.logoUrl}
      upload={upload}
      remove={() => remove.mutateAsync()}
      confirm={{ title: t('removeLogoTitle'), body: t('removeLogoBody') }}
    />
  );
}
