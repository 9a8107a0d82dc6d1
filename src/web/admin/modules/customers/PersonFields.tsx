// Name, email and phone of a person, shared by "Invite user" and "Add nonmember", and their zod rules.
import { SimpleGrid, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { z } from 'zod';
import { isValidPhone } from '../../../lib/format';
import { text } from '../../text';

const t = text.person;

/** The rules of the fields; a phone is optional, and when given it must be a real number (see isValidPhone). */
export function personRules(country: string) {
  return {
    firstName: z.string().trim().min(1, text.required),
    lastName: z.string().trim(),
    email: z.string().trim().pipe(z.email(text.emailInvalid)),
    phone: z
      .string()
      .trim()
      .refine((phone) => !phone || isValidPhone(phone, country), t.phoneInvalid)
      .transform((phone) => phone || null),
  };
}

export const emptyPerson = { firstName: '', lastName: '', email: '', phone: '' };

type PersonField = keyof typeof emptyPerson;

export function PersonFields({ inputProps }: { inputProps: (field: PersonField) => GetInputPropsReturnType }) {
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t.firstName} withAsterisk autoComplete="off" data-autofocus {...inputProps('firstName')} />
        <TextInput label={t.lastName} autoComplete="off" {...inputProps('lastName')} />
      </SimpleGrid>
      <TextInput label={t.email} type="email" withAsterisk autoComplete="off" {...inputProps('email')} />
      <TextInput label={t.phone} type="tel" description={t.phoneHelp} autoComplete="off" {...inputProps('phone')} />
    </>
  );
}
