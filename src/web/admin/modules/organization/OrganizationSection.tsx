// The owner's Organization section of Settings: name, logo (upload with preview, remove with confirmation), accent
// colour (with the contrast rule's adjustment shown), support email and default language.
import { Button, ColorInput, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { z } from 'zod';
import { hexColorSchema, readableAccent } from '../../../../server/lib/schema';
import { notifySuccess } from '../../../ui/notify';
import { FormError } from '../../../ui/FormError';
import { QueryView } from '../../../ui/QueryView';
import { useServerForm } from '../../../ui/use-server-form';
import { type Organization, useOrganization, useRemoveLogo, useUpdateOrganization, useUploadLogo } from './api';
import { LogoField } from './LogoField';
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
            <OrganizationLogoField organization={o} />
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

function OrganizationLogoField({ organization }: { organization: Organization }) {
  const upload = useUploadLogo(organization.id);
  const remove = useRemoveLogo(organization.id);
  return (
    <LogoField
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
