// Add a company, or edit one's details: name (required), email, phone, address, tax id.
import { Button, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { z } from 'zod';
import { isValidPhone } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { tAdmin } from '../../messages';
import { useSaveCompany, type Company } from './api';
import { t } from './messages';

const optional = z
  .string()
  .trim()
  .transform((value) => value || null);

function companySchema(country: string) {
  return z.object({
    name: z.string().trim().min(1, tAdmin('required')).max(200, t('nameTooLong')),
    email: z
      .string()
      .trim()
      .refine((email) => !email || z.email().safeParse(email).success, tAdmin('emailInvalid'))
      .transform((email) => email || null),
    phone: z
      .string()
      .trim()
      .refine((phone) => !phone || isValidPhone(phone, country), tAdmin('phoneInvalid'))
      .transform((phone) => phone || null),
    address: optional,
    taxId: optional,
  });
}

interface CompanyFormProps {
  location: Location;
  /** Editing this company; without it the form adds a new one. */
  company?: Company;
  onDone: (company: Company) => void;
}

export function CompanyForm({ location, company, onDone }: CompanyFormProps) {
  const save = useSaveCompany(location.id, company?.id);
  const schema = useMemo(() => companySchema(location.country), [location.country]);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: {
      name: company?.name ?? '',
      email: company?.email ?? '',
      phone: company?.phone ?? '',
      address: company?.address ?? '',
      taxId: company?.taxId ?? '',
    },
    submit: async (values) => {
      const saved = await save.mutateAsync(values);
      notifySuccess(company ? t('saved', { name: saved.company.name }) : t('added', { name: saved.company.name }));
      onDone(saved.company);
    },
    fieldTexts: { email: tAdmin('emailInvalid'), phone: tAdmin('phoneInvalid') },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <TextInput label={t('field.name')} withAsterisk autoComplete="off" data-autofocus {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('field.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
          <TextInput label={t('field.phone')} type="tel" autoComplete="off" {...form.getInputProps('phone')} />
        </SimpleGrid>
        <Textarea label={t('field.address')} autosize minRows={2} maxRows={5} {...form.getInputProps('address')} />
        <TextInput label={t('field.taxId')} autoComplete="off" {...form.getInputProps('taxId')} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {company ? t('save') : t('add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
