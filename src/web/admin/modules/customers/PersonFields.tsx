// Name, email and phone of a person, shared by "Invite user" and "Add nonmember", and their zod rules.
import { SimpleGrid, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { z } from 'zod';
import { isValidPhone } from '../../../lib/format';
import { tAdmin } from '../../messages';
import { t } from './messages';

/** The rules of the fields; a phone is optional, and when given it must be a real number (see isValidPhone). */
export function personRules(country: string) {
  return {
    firstName: z.string().trim().min(1, tAdmin('required')).max(100, tAdmin('nameTooLong')),
    lastName: z.string().trim().max(100, tAdmin('nameTooLong')),
    email: z
      .string()
      .trim()
      .pipe(z.email(tAdmin('emailInvalid'))),
    phone: z
      .string()
      .trim()
      .refine((phone) => !phone || isValidPhone(phone, country), tAdmin('phoneInvalid'))
      .transform((phone) => phone || null),
  };
}

export const emptyPerson = { firstName: '', lastName: '', email: '', phone: '' };

/** The words under these fields when the server refuses one anyway (its phone metadata is fuller than the browser's). */
export function personFieldTexts() {
  return { email: tAdmin('emailInvalid'), phone: tAdmin('phoneInvalid') };
}

type PersonField = keyof typeof emptyPerson;

export function PersonFields({ inputProps }: { inputProps: (field: PersonField) => GetInputPropsReturnType }) {
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('person.firstName')} withAsterisk autoComplete="off" data-autofocus {...inputProps('firstName')} />
        <TextInput label={t('person.lastName')} autoComplete="off" {...inputProps('lastName')} />
      </SimpleGrid>
      <TextInput label={t('person.email')} type="email" withAsterisk autoComplete="off" {...inputProps('email')} />
      <TextInput label={t('person.phone')} type="tel" description={t('person.phoneHelp')} autoComplete="off" {...inputProps('phone')} />
    </>
  );
}
