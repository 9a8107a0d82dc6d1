// A company picker that searches the location's companies on the server as you type (a location may have thousands).
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { tAdmin } from '../../messages';
import { useCompany, useCompanyOptions } from './api';
import { t } from './messages';

interface CompanySelectProps extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter'> {
  locationId: string;
  value: string | null;
  onChange: (companyId: string | null) => void;
}

export function CompanySelect({ locationId, value, onChange, ...props }: CompanySelectProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const known = picked?.value === value ? picked : null;
  // A company chosen elsewhere (the URL, a preset): its name is read once.
  const selected = useCompany(locationId, value, known === null);
  const selectedOption = known ?? (selected.data && value ? { value, label: selected.data.company.name } : null);
  // The box shows the chosen name: that is not a search, so the list then shows every company.
  const options = useCompanyOptions(locationId, debounced === selectedOption?.label ? '' : debounced);
  const data = (options.data?.items ?? []).map((company) => ({ value: company.id, label: company.name }));
  if (selectedOption && !data.some((option) => option.value === selectedOption.value)) data.unshift(selectedOption);

  return (
    <Select
      {...props}
      searchable
      clearable
      data={data}
      value={value}
      onChange={(next, option) => {
        setPicked(next && option ? { value: next, label: option.label } : null);
        onChange(next);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={options.isFetching ? tAdmin('loadingOptions') : t('noMatchOption')}
    />
  );
}
