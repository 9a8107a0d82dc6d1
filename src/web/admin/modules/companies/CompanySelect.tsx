// A company picker that searches the location's companies on the server as you type (a location may have thousands);
// with `canCreate`, a name that matches none is offered as a new company, created and chosen in place.
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { notifySuccess } from '../../../ui/notify';
import { tAdmin } from '../../messages';
import { useCompany, useCompanyOptions, useSaveCompany } from './api';
import { t } from './messages';

interface CompanySelectProps extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter'> {
  locationId: string;
  value: string | null;
  onChange: (companyId: string | null) => void;
  /** Offer "Create 'Acme' as a new company" when the typed name matches none (only for those who may add companies). */
  canCreate?: boolean;
}

/** The option that stands for "create the typed name": never a company id (those are UUIDs). */
const CREATE = 'create-company';
const COMPANY_NAME_MAX = 200;

export function CompanySelect({ locationId, value, onChange, canCreate = false, error, ...props }: CompanySelectProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const create = useSaveCompany(locationId);
  const known = picked?.value === value ? picked : null;
  // A company chosen elsewhere (the URL, a preset): its name is read once.
  const selected = useCompany(locationId, value, known === null);
  const selectedOption = known ?? (selected.data && value ? { value, label: selected.data.company.name } : null);
  // The box shows the chosen name: that is not a search, so the list then shows every company.
  const options = useCompanyOptions(locationId, debounced === selectedOption?.label ? '' : debounced);
  const data = (options.data?.items ?? []).map((company) => ({ value: company.id, label: company.name }));
  if (selectedOption && !data.some((option) => option.value === selectedOption.value)) data.unshift(selectedOption);
  // Offered once the list answers for what is typed, and only when no company has exactly that name.
  const typed = search.trim();
  const offerCreate =
    canCreate &&
    typed !== '' &&
    typed.length <= COMPANY_NAME_MAX &&
    typed !== selectedOption?.label &&
    debounced === typed &&
    !options.isFetching &&
    !data.some((option) => option.label.toLocaleLowerCase() === typed.toLocaleLowerCase());
  if (offerCreate) data.push({ value: CREATE, label: t('createOption', { name: typed }) });

  const createTyped = async (name: string) => {
    try {
      const { company } = await create.mutateAsync({ name });
      setPicked({ value: company.id, label: company.name });
      setSearch(company.name);
      onChange(company.id);
      notifySuccess(t('added', { name: company.name }));
    } catch {
      // the mutation's error shows under the field; what was typed stays
    }
  };

  return (
    <Select
      {...props}
      searchable
      clearable
      data={data}
      value={value}
      onChange={(next, option) => {
        if (next === CREATE) {
          void createTyped(typed);
          return;
        }
        setPicked(next && option ? { value: next, label: option.label } : null);
        onChange(next);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      disabled={props.disabled || create.isPending}
      error={error ?? (create.isError ? t('createFailed') : undefined)}
      nothingFoundMessage={options.isFetching ? tAdmin('loadingOptions') : t('noMatchOption')}
    />
  );
}
