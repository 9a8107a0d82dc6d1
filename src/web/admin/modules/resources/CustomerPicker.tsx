// A customer picker that searches the location's customers on the server as you type (a location may have thousands).
import { Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { fullName } from '../../../lib/session';
import type { Customer } from '../../../lib/types';
import { tAdmin, typeLabel } from '../../messages';
import { useCustomerSearch } from '../customers/api';
import { t } from './messages';

const optionLabel = (customer: Customer) => `${fullName(customer)} · ${customer.email}`;

interface CustomerPickerProps {
  locationId: string;
  label: string;
  value: Customer | null;
  onChange: (customer: Customer | null) => void;
  error?: string;
  autoFocus?: boolean;
}

export function CustomerPicker({ locationId, label, value, onChange, error, autoFocus }: CustomerPickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  // Once chosen, the box shows the person's label: that is not a search.
  const results = useCustomerSearch(locationId, value && debounced === optionLabel(value) ? '' : debounced);
  // Every customer an answer named, by id: a click picks the option it was shown, even when the next answer (to a
  // search typed a moment before) has replaced the list between the render and the click.
  const seen = useRef(new Map<string, Customer>());
  for (const customer of results.data?.items ?? []) seen.current.set(customer.id, customer);
  const candidates = (results.data?.items ?? []).filter((customer) => customer.status !== 'removed');
  if (value && !candidates.some((customer) => customer.id === value.id)) candidates.unshift(value);
  return (
    <Select
      label={label}
      placeholder={t('assignments.customerPlaceholder')}
      withAsterisk
      searchable
      clearable
      data-autofocus={autoFocus || undefined}
      data={candidates.map((customer) => ({ value: customer.id, label: optionLabel(customer) }))}
      value={value?.id ?? null}
      onChange={(id) => onChange((id && seen.current.get(id)) || null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? tAdmin('loadingOptions') : t('assignments.noCustomerMatch')}
      renderOption={({ option }) => {
        const customer = candidates.find((candidate) => candidate.id === option.value);
        return (
          <Stack gap={0}>
            <Text size="sm">{option.label}</Text>
            {customer && (
              <Text size="xs" c="dimmed">
                {[typeLabel(customer.type), customer.companyName].filter(Boolean).join(' · ')}
              </Text>
            )}
          </Stack>
        );
      }}
      error={error}
    />
  );
}
