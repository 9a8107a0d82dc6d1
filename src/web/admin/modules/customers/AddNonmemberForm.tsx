// "Add nonmember": an occasional customer, added without any email; inviting them later makes them a member.
import { Alert, Button, Group, Stack } from '@mantine/core';
import { useMemo } from 'react';
import { z } from 'zod';
import { isApiError } from '../../../lib/api';
import { fullName } from '../../../lib/session';
import type { Location } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { useAddNonmember } from './api';
import { t } from './messages';
import { emptyPerson, PersonFields, personFieldTexts, personRules } from './PersonFields';

export function AddNonmemberForm({ location, onDone }: { location: Location; onDone: () => void }) {
  const add = useAddNonmember(location.id);
  const schema = useMemo(() => z.object(personRules(location.country)), [location.country]);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: emptyPerson,
    submit: async (values) => {
      const { customer } = await add.mutateAsync(values);
      notifySuccess(t('nonmember.added', { name: fullName(customer) }));
      onDone();
    },
    fieldForError: (caught) => (isApiError(caught, 409) ? 'email' : undefined),
    errorTexts: (_caught, values) => ({ already_customer: t('nonmember.alreadyCustomer', { email: values.email, location: location.name }) }),
    fieldTexts: personFieldTexts(),
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Alert color="blue" variant="light" p="xs">
          {t('nonmember.noEmail')}
        </Alert>
        <PersonFields inputProps={(field) => form.getInputProps(field)} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t('nonmember.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
