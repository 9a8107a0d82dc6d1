// "Add existing customer": search the location's customers, pick one, optionally as manager, and put them in the company.
import { Button, Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../../lib/error-messages';
import { fullName } from '../../../lib/session';
import type { Customer, Location } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { statusLabel, tAdmin } from '../../messages';
import { useCustomerSearch } from '../customers/api';
import { t as tInvitations } from '../invitations/messages';
import { useAddCompanyPerson, type Company } from './api';
import { t } from './messages';

const optionLabel = (customer: Customer) => t('customerOption', { name: fullName(customer), email: customer.email });

export function AddPersonForm({ location, company, onDone }: { location: Location; company: Company; onDone: () => void }) {
  const add = useAddCompanyPerson(location.id, company.id);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [chosen, setChosen] = useState<Customer | null>(null);
  const [manager, setManager] = useState(false);
  const [missing, setMissing] = useState(false);
  // Once chosen, the box shows the person's label: that is not a search.
  const results = useCustomerSearch(location.id, chosen && debounced === optionLabel(chosen) ? '' : debounced);
  const candidates = results.data?.items ?? [];
  if (chosen && !candidates.some((customer) => customer.id === chosen.id)) candidates.unshift(chosen);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (add.isPending) return;
    if (!chosen) return setMissing(true);
    add.mutateAsync({ customerId: chosen.id, manager }).then(
      () => {
        notifySuccess(t('personAdded', { name: fullName(chosen), company: company.name }));
        onDone();
      },
      // Shown under the form (add.error).
      () => undefined,
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select
          label={t('customer')}
          placeholder={t('customerPlaceholder')}
          withAsterisk
          searchable
          data-autofocus
          data={candidates.map((customer) => ({
            value: customer.id,
            label: optionLabel(customer),
            disabled: customer.companyId === company.id,
          }))}
          value={chosen?.id ?? null}
          onChange={(id) => {
            setChosen(candidates.find((customer) => customer.id === id) ?? null);
            setMissing(false);
          }}
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options }) => options}
          nothingFoundMessage={results.isFetching ? tAdmin('loadingOptions') : t('noCustomerMatch')}
          renderOption={({ option }) => {
            const customer = candidates.find((candidate) => candidate.id === option.value);
            return (
              <Stack gap={0}>
                <Text size="sm">{option.label}</Text>
                {customer && (customer.companyName || customer.type === 'nonmember' || customer.status !== 'active') && (
                  <Text size="xs" c="dimmed">
                    {[
                      customer.companyId === company.id ? t('alreadyHere') : customer.companyName,
                      customer.type === 'nonmember' ? t('nonmember') : null,
                      customer.status !== 'active' ? statusLabel(customer.status) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                )}
              </Stack>
            );
          }}
          error={missing ? t('customerRequired') : undefined}
        />
        {chosen?.companyName && chosen.companyId !== company.id && (
          <Text size="sm" c="dimmed">
            {t('movesFrom', { company: chosen.companyName })}
          </Text>
        )}
        <Checkbox
          label={t('asManager')}
          description={tInvitations('invite.managerHelp')}
          checked={manager}
          onChange={(event) => setManager(event.currentTarget.checked)}
        />
        <FormError message={add.isError ? errorMessage(add.error) : null} />
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending}>
            {t('addPerson')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
