// A company's profile (/admin/l/:locationId/companies/:companyId): its details (edit, delete) and its people
// (Manager toggle, remove from company, add an existing customer, invite someone into it).
import { Anchor, Badge, Button, Group, Modal, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { formatDate, formatPhone } from '../../../lib/format';
import { fullName } from '../../../lib/session';
import type { Customer, Location } from '../../../lib/types';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { StatusBadge } from '../../../ui/StatusBadge';
import { TableHead } from '../../../ui/TableHead';
import { useConfirmedAction } from '../../../ui/use-confirmed-action';
import { useAdmin, useAdminLocation } from '../../admin-context';
import { CreditsSection } from '../billing/CreditsSection';
import { AssignedResourcesSection } from '../bookings/CustomerSpacesSections';
import { SubscriptionSection } from '../billing/SubscriptionSection';
import { statusLabel, tAdmin } from '../../messages';
import { InviteUserForm } from '../invitations/InviteUserForm';
import { InvoicesSection } from '../invoices/InvoicesSection';
import { PurchaseHistorySection } from '../purchase-history/PurchaseHistorySection';
import { AddPersonForm } from './AddPersonForm';
import { useCompany, useCompanyPeople, useDeleteCompany, useRemoveCompanyPerson, useSetCompanyManager, type Company } from './api';
import { CompanyForm } from './CompanyForm';
import { t } from './messages';

const PEOPLE_COLUMNS = ['name', 'email', 'status', 'manager', 'actions'] as const;

export function CompanyPage() {
  const location = useAdminLocation();
  const { companyId } = useParams();
  const company = useCompany(location.id, companyId);
  const back = (
    <Anchor component={Link} to={`/l/${location.id}/companies`} size="sm">
      {t('back')}
    </Anchor>
  );
  if (isApiError(company.error, 404)) {
    return (
      <Stack align="flex-start">
        {back}
        <Title order={1} size="h2">
          {t('notFound')}
        </Title>
        <Text>{t('notFoundHelp')}</Text>
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      {back}
      {company.isPending ? (
        <LoadingSkeleton rows={6} />
      ) : company.isError ? (
        <ErrorAlert error={company.error} onRetry={() => void company.refetch()} retrying={company.isFetching} />
      ) : (
        <CompanyProfile company={company.data.company} location={location} />
      )}
    </Stack>
  );
}

type Dialog = 'edit' | 'delete' | 'invite' | 'add' | null;

function CompanyProfile({ company, location }: { company: Company; location: Location }) {
  const { access } = useAdmin();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  const remove = useDeleteCompany(location.id, company.id, () => {
    navigate(`/l/${location.id}/companies`, { replace: true });
    notifySuccess(t('deleted', { name: company.name }));
  });

  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Group gap="sm" align="center">
            <Title order={1} size="h2">
              {company.name}
            </Title>
            <Badge variant="light" color="gray" size="lg" tt="none">
              {t('peopleCount', { count: company.userCount })}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t('createdOn', { date: formatDate(company.createdAt, location.timeZone) })}
          </Text>
        </Stack>
        <Group gap="sm">
          <Button variant="default" color="red" c="red.9" onClick={() => setDialog('delete')}>
            {t('delete')}
          </Button>
          <Button variant="default" onClick={() => setDialog('edit')}>
            {t('edit')}
          </Button>
        </Group>
      </Group>

      <Stack component="section" gap="sm" aria-labelledby="company-details">
        <Title order={2} size="h4" id="company-details">
          {t('details')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md" component="dl" m={0}>
          <Fact label={t('field.email')}>{company.email && <Anchor href={`mailto:${company.email}`}>{company.email}</Anchor>}</Fact>
          <Fact label={t('field.phone')}>{company.phone && formatPhone(company.phone, location.country)}</Fact>
          <Fact label={t('field.address')}>{company.address}</Fact>
          <Fact label={t('field.taxId')}>{company.taxId}</Fact>
        </SimpleGrid>
      </Stack>

      <People company={company} location={location} onInvite={() => setDialog('invite')} onAdd={() => setDialog('add')} />

      {access.can(location, 'resources') && <AssignedResourcesSection location={location} owner={{ companyId: company.id }} />}

      {access.can(location, 'billing') && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Stack gap="lg">
            <SubscriptionSection location={location} owner={{ companyId: company.id }} name={company.name} />
            <InvoicesSection location={location} payer={{ companyId: company.id }} name={company.name} />
          </Stack>
          <CreditsSection location={location} owner={{ companyId: company.id }} name={company.name} companyUsersMaySpend={company.companyUsersMaySpend} />
        </SimpleGrid>
      )}

      <PurchaseHistorySection location={location} owner={{ companyId: company.id }} />

      <Modal opened={dialog === 'edit'} onClose={close} title={t('editTitle', { name: company.name })} size="lg">
        <CompanyForm location={location} company={company} onDone={close} />
      </Modal>
      <Modal opened={dialog === 'invite'} onClose={close} title={t('inviteIntoTitle', { name: company.name })} size="lg">
        <InviteUserForm location={location} companyId={company.id} onDone={close} />
      </Modal>
      <Modal opened={dialog === 'add'} onClose={close} title={t('addExistingTitle', { name: company.name })} size="lg">
        <AddPersonForm location={location} company={company} onDone={close} />
      </Modal>
      <ConfirmModal
        opened={dialog === 'delete'}
        title={t('deleteTitle')}
        confirmLabel={t('delete')}
        loading={remove.isPending}
        onClose={close}
        onConfirm={() => void remove.mutateAsync().catch(notifyError)}
      >
        {t('deleteConfirm', { name: company.name, people: company.userCount, location: location.name })}
      </ConfirmModal>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
        {children || t('notGiven')}
      </Text>
    </div>
  );
}

interface PeopleProps {
  company: Company;
  location: Location;
  onInvite: () => void;
  onAdd: () => void;
}

function People({ company, location, onInvite, onAdd }: PeopleProps) {
  const people = useCompanyPeople(location.id, company.id);
  const manager = useSetCompanyManager(location.id, company.id);
  const setManager = (customer: Customer, on: boolean) =>
    manager
      .mutateAsync({ customerId: customer.id, manager: on })
      .then(() => notifySuccess(t(on ? 'managerOn' : 'managerOff', { name: fullName(customer), company: company.name })), notifyError);

  const removeFromCompany = useRemoveCompanyPerson(location.id, company.id);
  const removePerson = useConfirmedAction(
    (customer: Customer) => removeFromCompany.mutateAsync(customer.id),
    (customer) => notifySuccess(t('removed', { name: fullName(customer), company: company.name })),
  );

  return (
    <Stack component="section" gap="sm" aria-labelledby="company-people">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4" id="company-people">
          {t('peopleTitle')}
        </Title>
        <Group gap="sm">
          <Button variant="default" onClick={onAdd}>
            {t('addExisting')}
          </Button>
          <Button onClick={onInvite}>{t('inviteInto')}</Button>
        </Group>
      </Group>
      {people.isPending ? (
        <LoadingSkeleton rows={4} />
      ) : people.isError && !people.data ? (
        <ErrorAlert error={people.error} onRetry={() => void people.refetch()} retrying={people.isFetching} />
      ) : (
        <PeopleTable
          items={people.data.pages.flatMap((page) => page.items)}
          location={location}
          pendingManager={manager.isPending ? manager.variables : undefined}
          onManager={(customer, on) => void setManager(customer, on)}
          onRemove={removePerson.ask}
        />
      )}
      {people.isFetchNextPageError && <ErrorAlert error={people.error} onRetry={() => void people.fetchNextPage()} />}
      {people.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void people.fetchNextPage()} loading={people.isFetchingNextPage}>
            {tAdmin('loadMore')}
          </Button>
        </Group>
      )}
      <ConfirmModal {...removePerson.modal} title={t('removeTitle')} confirmLabel={t('removePerson')}>
        {removePerson.item && t('removeConfirm', { name: fullName(removePerson.item), company: company.name, location: location.name })}
      </ConfirmModal>
    </Stack>
  );
}

interface PeopleTableProps {
  items: Customer[];
  location: Location;
  pendingManager: { customerId: string; manager: boolean } | undefined;
  onManager: (customer: Customer, on: boolean) => void;
  onRemove: (customer: Customer) => void;
}

function PeopleTable({ items, location, pendingManager, onManager, onRemove }: PeopleTableProps) {
  if (items.length === 0) return <Text c="dimmed">{t('peopleEmpty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" data-testid="company-people">
        <TableHead columns={PEOPLE_COLUMNS.map((column) => t(`peopleColumn.${column}`))} />
        <Table.Tbody>
          {items.map((customer) => {
            const name = fullName(customer);
            const pending = pendingManager?.customerId === customer.id;
            return (
              <Table.Tr key={customer.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/l/${location.id}/customers/${customer.id}`} fw={500} fz="sm">
                    {name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{customer.email}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <StatusBadge status={customer.status} label={statusLabel(customer.status)} />
                    {customer.type === 'nonmember' && (
                      <Badge variant="light" color="gray" tt="none">
                        {t('nonmember')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={t('managerFor', { name })}
                    checked={pending ? pendingManager.manager : customer.companyManager}
                    disabled={pending}
                    onChange={(event) => onManager(customer, event.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" aria-label={t('removeFor', { name })} onClick={() => onRemove(customer)}>
                    {t('removePerson')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
