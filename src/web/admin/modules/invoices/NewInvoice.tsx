// Starting an invoice: choose the payer (a person among the location's customers, or a company), which creates an
// empty draft and opens it in the line editor. From a profile or company page the payer is known already.
import { Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../lib/error-messages';
import { fullName } from '../../../lib/session';
import type { Customer, Location } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { statusLabel, tAdmin } from '../../messages';
import { CompanySelect } from '../companies/CompanySelect';
import { useCustomerSearch } from '../customers/api';
import { type Payer, useCreateInvoice } from './api';
import { t } from './messages';

/** Creates an empty draft for the payer and opens it; the promise settles once the page moved (or the call failed). */
export function useStartInvoice(location: Location) {
  const create = useCreateInvoice(location.id);
  const navigate = useNavigate();
  const start = async (payer: Payer) => {
    const { invoice } = await create.mutateAsync({ ...payer, lines: [] });
    notifySuccess(t('created', { name: invoice.billTo.name }));
    navigate(`/l/${location.id}/invoices/${invoice.id}`);
  };
  return { start, pending: create.isPending, error: create.error };
}

/** "New invoice" beside a payer already known (a profile, a company page): one press makes the draft. */
export function NewInvoiceButton({ location, payer, name }: { location: Location; payer: Payer; name: string }) {
  const { start, pending } = useStartInvoice(location);
  return (
    <Button
      size="compact-sm"
      variant="default"
      loading={pending}
      aria-label={t('section.newFor', { name })}
      onClick={() => void start(payer).catch(notifyError)}
    >
      {t('new')}
    </Button>
  );
}

const optionLabel = (customer: Customer) => t('payer.option', { name: fullName(customer), email: customer.email });

/** The "New invoice" dialog of Billing > Invoices: a person or a company, then "Create draft". */
export function NewInvoiceForm({ location }: { location: Location }) {
  const { start, pending, error } = useStartInvoice(location);
  const [kind, setKind] = useState<'customer' | 'company'>('customer');
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const payer: Payer | null = kind === 'customer' ? (customer ? { customerId: customer.id } : null) : companyId ? { companyId } : null;
    if (!payer) return setMissing(true);
    // a failure shows under the form
    start(payer).catch(() => undefined);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="payer-kind">
            {t('payer.kind')}
          </Text>
          <SegmentedControl
            aria-labelledby="payer-kind"
            value={kind}
            onChange={(value) => {
              setKind(value as typeof kind);
              setMissing(false);
            }}
            data={[
              { value: 'customer', label: t('payer.customer') },
              { value: 'company', label: t('payer.company') },
            ]}
          />
        </Stack>
        {kind === 'customer' ? (
          <CustomerPicker
            locationId={location.id}
            value={customer}
            onChange={(next) => {
              setCustomer(next);
              setMissing(false);
            }}
            error={missing ? t('payer.required') : undefined}
          />
        ) : (
          <CompanySelect
            locationId={location.id}
            label={t('payer.companyField')}
            placeholder={t('payer.companyPlaceholder')}
            withAsterisk
            value={companyId}
            onChange={(next) => {
              setCompanyId(next);
              setMissing(false);
            }}
            error={missing ? t('payer.required') : undefined}
          />
        )}
        <Text size="sm" c="dimmed">
          {t('payer.help')}
        </Text>
        <FormError message={error ? errorMessage(error) : null} />
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            {t('payer.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface CustomerPickerProps {
  locationId: string;
  value: Customer | null;
  onChange: (customer: Customer | null) => void;
  error?: string;
}

/** A customer searched on the server as one types; removed people are listed but cannot be chosen. */
function CustomerPicker({ locationId, value, onChange, error }: CustomerPickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  // once chosen, the box shows the person's label: that is not a search
  const results = useCustomerSearch(locationId, value && debounced === optionLabel(value) ? '' : debounced);
  const candidates = [...(results.data?.items ?? [])];
  if (value && !candidates.some((candidate) => candidate.id === value.id)) candidates.unshift(value);
  return (
    <Select
      label={t('payer.customerField')}
      placeholder={t('payer.customerPlaceholder')}
      withAsterisk
      searchable
      data={candidates.map((candidate) => ({ value: candidate.id, label: optionLabel(candidate), disabled: candidate.status === 'removed' }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(candidates.find((candidate) => candidate.id === id) ?? null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? tAdmin('loadingOptions') : t('payer.noMatch')}
      renderOption={({ option }) => {
        const candidate = candidates.find((one) => one.id === option.value);
        const notes = candidate
          ? [
              candidate.companyName,
              candidate.status === 'removed' ? t('payer.removed') : candidate.status === 'invited' ? statusLabel('invited') : null,
            ].filter(Boolean)
          : [];
        return (
          <Stack gap={0}>
            <Text size="sm">{option.label}</Text>
            {notes.length > 0 && (
              <Text size="xs" c="dimmed">
                {notes.join(' · ')}
              </Text>
            )}
          </Stack>
        );
      }}
      error={error}
    />
  );
}
