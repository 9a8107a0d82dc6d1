// A customer's profile (/admin/l/:locationId/customers/:customerId): header with key facts and actions,
// then Details, Notes, Attachments, Company, Administrator role and the Activities timeline.
import { Alert, Anchor, Avatar, Badge, Box, Button, Grid, Group, Menu, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { formatDate, formatDateTime, formatPhone, formatRelative } from '../../../lib/format';
import { fullName } from '../../../lib/session';
import { knownPermissions, type Location } from '../../../lib/types';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { notifyError, notifyErrorWith, notifySuccess } from '../../../ui/notify';
import { StatusBadge } from '../../../ui/StatusBadge';
import { useAdmin, useAdminLocation } from '../../admin-context';
import { permissionLabel, statusLabel, typeLabel } from '../../messages';
import { ActivitiesSection } from '../activities/ActivitiesSection';
import { AttachmentsSection } from '../attachments/AttachmentsSection';
import { CreditsSection } from '../billing/CreditsSection';
import { SubscriptionSection } from '../billing/SubscriptionSection';
import { CustomerSpacesSections } from '../bookings/CustomerSpacesSections';
import { useResendInvitation } from '../invitations/api';
import { InvoicesSection } from '../invoices/InvoicesSection';
import { NotesSection } from '../notes/NotesSection';
import { PurchaseHistorySection } from '../purchase-history/PurchaseHistorySection';
import { t as tTransfers } from '../transfers/messages';
import { TransferDialog, useTransferTargets } from '../transfers/TransferDialog';
import { DetailsSection } from './CustomerDetails';
import { useCustomerProfile, useRemoveCustomer, useRestoreCustomer, type CustomerProfile } from './api';
import { t } from './messages';
import { ProfileSection } from './ProfileSection';

export function CustomerProfilePage() {
  const location = useAdminLocation();
  const { customerId = '' } = useParams();
  const profile = useCustomerProfile(location.id, customerId);
  const listPath = `/l/${location.id}/customers`;

  let body: ReactNode;
  if (profile.data) body = <Profile key={customerId} profile={profile.data} location={location} />;
  else if (profile.isPending) body = <LoadingSkeleton rows={10} />;
  else if (isApiError(profile.error, 404)) {
    body = (
      <Stack gap="xs" py="xl">
        <Title order={1} size="h2">
          {t('profile.notFoundTitle')}
        </Title>
        <Text>{t('profile.notFound')}</Text>
      </Stack>
    );
  } else body = <ErrorAlert error={profile.error} onRetry={() => void profile.refetch()} retrying={profile.isFetching} />;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={listPath} size="sm" w="fit-content">
        <span aria-hidden="true">← </span>
        {t('profile.back')}
      </Anchor>
      {body}
    </Stack>
  );
}

function Profile({ profile, location }: { profile: CustomerProfile; location: Location }) {
  const { customer } = profile;
  const { access } = useAdmin();
  const billing = access.can(location, 'billing');
  return (
    <>
      <ProfileHeader profile={profile} location={location} />
      {customer.status === 'removed' && customer.removedAt && (
        <Alert color="gray" variant="light" data-testid="removed-notice">
          {t('profile.removedNotice', { date: formatDate(customer.removedAt, location.timeZone), location: location.name })}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Stack gap="lg">
            <DetailsSection profile={profile} location={location} />
            {billing && <SubscriptionSection location={location} owner={{ customerId: customer.id }} name={fullName(customer)} />}
            {billing && <CreditsSection location={location} owner={{ customerId: customer.id }} name={fullName(customer)} />}
            {billing && (
              <InvoicesSection location={location} payer={{ customerId: customer.id }} name={fullName(customer)} canInvoice={customer.status !== 'removed'} />
            )}
            {access.can(location, 'resources') && <CustomerSpacesSections location={location} customerId={customer.id} name={fullName(customer)} />}
            <PurchaseHistorySection location={location} owner={{ customerId: customer.id }} />
            <NotesSection locationId={location.id} customerId={customer.id} timeZone={location.timeZone} />
            <AttachmentsSection locationId={location.id} customerId={customer.id} timeZone={location.timeZone} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack gap="lg">
            <CompanySection profile={profile} locationId={location.id} />
            <AdministratorSection profile={profile} />
            <ActivitiesSection profile={profile} location={location} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function ProfileHeader({ profile, location }: { profile: CustomerProfile; location: Location }) {
  const { customer } = profile;
  const name = fullName(customer);
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
      <Group gap="md" align="flex-start" wrap="nowrap" miw={0}>
        <Avatar name={name} color="initials" size="lg" visibleFrom="xs" />
        <Stack gap="sm" miw={0}>
          <Group gap="sm" align="center">
            <Title order={1} size="h2" data-testid="profile-name">
              {name}
            </Title>
            <span data-testid="profile-status">
              <StatusBadge status={customer.status} label={statusLabel(customer.status)} />
            </span>
            <Badge variant="light" color="gray" tt="none">
              {typeLabel(customer.type)}
            </Badge>
            {profile.administrator && (
              <Badge variant="light" color="blue" tt="none">
                {t('profile.administratorBadge')}
              </Badge>
            )}
          </Group>
          <KeyFacts profile={profile} location={location} />
        </Stack>
      </Group>
      <ProfileActions profile={profile} location={location} />
    </Group>
  );
}

function Fact({ label, children, hint }: { label: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <Box miw={0}>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
      {hint && (
        <Text component="dd" m={0} size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Box>
  );
}

function KeyFacts({ profile, location }: { profile: CustomerProfile; location: Location }) {
  const { customer } = profile;
  const timeZone = location.timeZone;
  return (
    <Group component="dl" gap="xl" m={0} align="flex-start" wrap="wrap" data-testid="profile-facts">
      <Fact label={t('profile.fact.email')}>
        <Anchor href={`mailto:${customer.email}`} size="sm">
          {customer.email}
        </Anchor>
      </Fact>
      <Fact label={t('profile.fact.phone')}>
        {customer.phone ? (
          <Anchor href={`tel:${customer.phone}`} size="sm">
            {formatPhone(customer.phone, location.country)}
          </Anchor>
        ) : (
          <Text span size="sm" c="dimmed">
            {t('profile.notSet')}
          </Text>
        )}
      </Fact>
      <Fact label={t('profile.fact.company')}>
        {customer.companyId ? (
          <Anchor component={Link} to={`/l/${location.id}/companies/${customer.companyId}`} size="sm">
            {customer.companyName ?? t('profile.company.unnamed')}
          </Anchor>
        ) : (
          <Text span size="sm" c="dimmed">
            {t('profile.company.noneShort')}
          </Text>
        )}
      </Fact>
      <Fact label={t('profile.fact.created')} hint={formatRelative(customer.createdAt)}>
        <time dateTime={customer.createdAt} title={formatDateTime(customer.createdAt, timeZone)}>
          {formatDate(customer.createdAt, timeZone)}
        </time>
      </Fact>
      <Fact label={t('profile.fact.lastActive')} hint={customer.lastActiveAt ? formatDateTime(customer.lastActiveAt, timeZone) : undefined}>
        {customer.lastActiveAt ? <time dateTime={customer.lastActiveAt}>{formatRelative(customer.lastActiveAt)}</time> : t('never')}
      </Fact>
    </Group>
  );
}

function ProfileActions({ profile, location }: { profile: CustomerProfile; location: Location }) {
  const { customer } = profile;
  const name = fullName(customer);
  const navigate = useNavigate();
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const targets = useTransferTargets(location);
  const canTransfer = customer.status !== 'removed' && targets.length > 0;
  const resend = useResendInvitation(location.id, customer.id);
  const remove = useRemoveCustomer(location.id, customer.id);
  const restore = useRestoreCustomer(location.id, customer.id);

  const onResend = () =>
    resend.mutateAsync().then(() => notifySuccess(t('profile.resent', { email: customer.email })), notifyErrorWith({ 429: t('profile.resendTooOften') }));
  const onRemove = () =>
    remove.mutateAsync().then(({ deleted }) => {
      setConfirmingRemove(false);
      if (deleted) {
        notifySuccess(t('profile.removedAndDeleted', { name }));
        navigate(`/l/${location.id}/customers`, { replace: true });
      } else notifySuccess(t('profile.removed', { name }));
    }, notifyError);
  const onRestore = () => restore.mutateAsync().then(() => notifySuccess(t('profile.restored', { name })), notifyError);

  const busy = resend.isPending || remove.isPending || restore.isPending;
  const canResend = customer.type === 'member' && customer.status === 'invited';

  return (
    <>
      <Menu position="bottom-end" width={260}>
        <Menu.Target>
          <Button
            variant="default"
            loading={busy}
            aria-label={t('profile.actionsFor', { name })}
            rightSection={<span aria-hidden="true">▾</span>}
            style={{ flexShrink: 0 }}
          >
            {t('profile.actions')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {canResend && (
            <Menu.Item disabled={busy} onClick={() => void onResend()}>
              {t('profile.resend')}
            </Menu.Item>
          )}
          {canTransfer && (
            <Menu.Item disabled={busy} onClick={() => setTransferring(true)}>
              {tTransfers('menuItem')}
            </Menu.Item>
          )}
          {customer.status === 'removed' ? (
            <Menu.Item disabled={busy} onClick={() => void onRestore()}>
              {t('profile.restore')}
            </Menu.Item>
          ) : (
            <Menu.Item color="red.9" disabled={busy} onClick={() => setConfirmingRemove(true)}>
              {t('profile.remove')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <TransferDialog opened={transferring} onClose={() => setTransferring(false)} location={location} customer={customer} />
      <ConfirmModal
        opened={confirmingRemove}
        title={t('profile.removeTitle', { name })}
        confirmLabel={t('profile.removeButton')}
        loading={remove.isPending}
        onClose={() => setConfirmingRemove(false)}
        onConfirm={() => void onRemove()}
      >
        {t('profile.removeConfirm', {
          name,
          location: location.name,
          member: customer.type === 'member' ? 'yes' : 'no',
          invited: customer.status === 'invited' ? 'yes' : 'no',
          administrator: profile.administrator !== null ? 'yes' : 'no',
        })}
      </ConfirmModal>
    </>
  );
}

function CompanySection({ profile, locationId }: { profile: CustomerProfile; locationId: string }) {
  const { customer } = profile;
  return (
    <ProfileSection id="company" title={t('profile.company.title')}>
      {customer.companyId ? (
        <Stack gap={6}>
          <Group gap="sm">
            <Anchor component={Link} to={`/l/${locationId}/companies/${customer.companyId}`} fw={500}>
              {customer.companyName ?? t('profile.company.unnamed')}
            </Anchor>
            <Badge variant="light" color={customer.companyManager ? 'blue' : 'gray'} tt="none">
              {customer.companyManager ? t('profile.company.manager') : t('profile.company.user')}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t('profile.company.help')}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('profile.company.none')}
        </Text>
      )}
    </ProfileSection>
  );
}

function AdministratorSection({ profile }: { profile: CustomerProfile }) {
  const permissions = profile.administrator ? knownPermissions(profile.administrator.permissions) : [];
  return (
    <ProfileSection id="administrator" title={t('profile.administratorTitle')}>
      {profile.administrator ? (
        <Stack gap={6}>
          <Text size="sm">{t('profile.administratorIs')}</Text>
          <Group gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('profile.permissions')}>
            {permissions.map((permission) => (
              <li key={permission}>
                <Badge variant="light" color="gray" tt="none">
                  {permissionLabel(permission)}
                </Badge>
              </li>
            ))}
          </Group>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('profile.administratorNone')}
        </Text>
      )}
    </ProfileSection>
  );
}
