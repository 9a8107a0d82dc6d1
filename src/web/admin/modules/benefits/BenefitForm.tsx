// Add a perk, or edit one: title, description, provider, who sees it, applications on or off, allowance, the
// call-to-action link and the confirmation text of the applicant's email.
import { Button, Checkbox, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { z } from 'zod';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { tAdmin } from '../../messages';
import { type Benefit, useSaveBenefit } from './api';
import { t } from './messages';

const VISIBILITIES = ['administrators', 'location_members', 'network_members', 'public'] as const;
const ALLOWANCES = ['unlimited', 'once'] as const;

const schema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, { error: () => tAdmin('required') })
      .max(150, { error: () => t('titleTooLong') }),
    description: z.string().trim().max(5000),
    provider: z.string().trim().max(150),
    visibility: z.enum(VISIBILITIES),
    applications: z.boolean(),
    allowance: z.enum(ALLOWANCES),
    ctaUrl: z
      .string()
      .trim()
      .max(2000)
      .refine((value) => value === '' || /^https?:\/\/[^\s]+\.[^\s]+/i.test(value), { error: () => t('urlInvalid') }),
    confirmationText: z.string().trim().max(2000),
  })
  .transform(({ ctaUrl, ...rest }) => ({ ...rest, ctaUrl: ctaUrl === '' ? null : ctaUrl }));

export function BenefitForm({ locationId, benefit, onDone }: { locationId: string; benefit?: Benefit; onDone: () => void }) {
  const save = useSaveBenefit(locationId, benefit?.id);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: {
      title: benefit?.title ?? '',
      description: benefit?.description ?? '',
      provider: benefit?.provider ?? '',
      visibility: benefit?.visibility ?? ('location_members' as (typeof VISIBILITIES)[number]),
      applications: benefit?.applications ?? true,
      allowance: benefit?.allowance ?? ('unlimited' as (typeof ALLOWANCES)[number]),
      ctaUrl: benefit?.ctaUrl ?? '',
      confirmationText: benefit?.confirmationText ?? '',
    },
    submit: async (values) => {
      const saved = await save.mutateAsync(values);
      notifySuccess(benefit ? t('saved', { title: saved.benefit.title }) : t('added', { title: saved.benefit.title }));
      onDone();
    },
    fieldTexts: { ctaUrl: t('urlInvalid') },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <TextInput label={t('field.title')} withAsterisk autoComplete="off" data-autofocus {...form.getInputProps('title')} />
        <Textarea label={t('field.description')} autosize minRows={3} maxRows={8} {...form.getInputProps('description')} />
        <TextInput label={t('field.provider')} description={t('field.providerHint')} autoComplete="off" {...form.getInputProps('provider')} />
        <Select
          label={t('field.visibility')}
          data={VISIBILITIES.map((value) => ({ value, label: t(`visibility.${value}`) }))}
          allowDeselect={false}
          {...form.getInputProps('visibility')}
        />
        <Select
          label={t('field.allowance')}
          data={ALLOWANCES.map((value) => ({ value, label: t(`allowance.${value}`) }))}
          allowDeselect={false}
          {...form.getInputProps('allowance')}
        />
        <Checkbox label={t('field.applications')} {...form.getInputProps('applications', { type: 'checkbox' })} />
        <TextInput label={t('field.ctaUrl')} description={t('field.ctaUrlHint')} type="url" autoComplete="off" {...form.getInputProps('ctaUrl')} />
        <Textarea
          label={t('field.confirmationText')}
          description={t('field.confirmationTextHint')}
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps('confirmationText')}
        />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {benefit ? t('save') : t('add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
