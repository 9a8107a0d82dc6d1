// Companies of a location (/admin/l/:locationId/companies), the third tab of the Customers page: search in the URL,
// a keyset-paged table whose rows open the company, and "Add company".
import { Anchor, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useCallback, type MouseEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatDate, formatNumber, formatPhone } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { SearchInput } from '../../../ui/SearchInput';
import { TableHead } from '../../../ui/TableHead';
import { useAdminLocation } from '../../admin-context';
import { tAdmin } from '../../messages';
import { CustomersFrame } from '../customers/CustomersFrame';
import { useCompanies, type Company } from './api';
import { CompanyForm } from './CompanyForm';
import { t } from './messages';

const COLUMNS = ['name', 'email', 'phone', 'people', 'created'] as const;

export function CompaniesPage() {
  const location = useAdminLocation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [adding, addModal] = useDisclosure(false);
  const companies = useCompanies(location.id, q);
  const items = companies.data?.pages.flatMap((page) => page.items) ?? [];
  const onSearch = useCallback(
    (next: string) =>
      setParams(
        (previous) => {
          const updated = new URLSearchParams(previous);
          if (next) updated.set('q', next);
          else updated.delete('q');
          return updated;
        },
        { replace: true },
      ),
    [setParams],
  );

  return (
    <CustomersFrame active="company" title={t('title')} actions={<Button onClick={addModal.open}>{t('add')}</Button>}>
      <Stack gap="md">
        {(q || items.length > 0 || companies.isPending) && (
          <Group role="search" aria-label={t('title')}>
            <SearchInput label={tAdmin('search')} placeholder={t('searchPlaceholder')} value={q} onSearch={onSearch} />
          </Group>
        )}
        {companies.isPending ? (
          <LoadingSkeleton rows={6} />
        ) : companies.isError && items.length === 0 ? (
          <ErrorAlert error={companies.error} onRetry={() => void companies.refetch()} retrying={companies.isFetching} />
        ) : items.length === 0 ? (
          q ? (
            <Text py="xl">{t('noMatch')}</Text>
          ) : (
            <Stack gap="xs" py="xl" align="flex-start">
              <Text fw={600}>{t('empty')}</Text>
              <Text c="dimmed">{t('emptyHelp')}</Text>
              <Button mt="xs" onClick={addModal.open}>
                {t('add')}
              </Button>
            </Stack>
          )
        ) : (
          <div style={{ opacity: companies.isPlaceholderData ? 0.6 : 1 }} aria-busy={companies.isPlaceholderData}>
            <CompanyTable companies={items} location={location} />
          </div>
        )}
        {companies.isFetchNextPageError && <ErrorAlert error={companies.error} onRetry={() => void companies.fetchNextPage()} />}
        {companies.hasNextPage && !companies.isPlaceholderData && (
          <Group justify="center">
            <Button variant="default" onClick={() => void companies.fetchNextPage()} loading={companies.isFetchingNextPage}>
              {tAdmin('loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
      <Modal opened={adding} onClose={addModal.close} title={t('add')} size="lg">
        <CompanyForm
          location={location}
          onDone={(company) => {
            addModal.close();
            navigate(`/l/${location.id}/companies/${company.id}`);
          }}
        />
      </Modal>
    </CustomersFrame>
  );
}

function CompanyTable({ companies, location }: { companies: Company[]; location: Location }) {
  const navigate = useNavigate();
  const profile = (company: Company) => `/l/${location.id}/companies/${company.id}`;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="companies-table">
        <TableHead columns={COLUMNS.map((column) => t(`column.${column}`))} />
        <Table.Tbody>
          {companies.map((company) => (
            <Table.Tr key={company.id} onClick={() => navigate(profile(company))} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Anchor component={Link} to={profile(company)} c="inherit" fw={500} fz="sm" onClick={(event: MouseEvent) => event.stopPropagation()}>
                  {company.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{company.email}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{company.phone ? formatPhone(company.phone, location.country) : ''}</Table.Td>
              <Table.Td>{formatNumber(company.userCount)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={company.createdAt}>{formatDate(company.createdAt, location.timeZone)}</time>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
