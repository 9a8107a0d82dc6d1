// Join requests of a location (/admin/l/:locationId/join-requests): pending, approved and declined tabs (in the URL),
// approve at once, decline with an optional reason; says so when the location does not accept requests.
import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Table, Tabs, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { formatDate, formatDateTime, formatRelative } from '../../../lib/format';
import { fullName } from '../../../lib/session';
import type { Location } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifyErrorWith, notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryView } from '../../../ui/QueryView';
import { TableHead } from '../../../ui/TableHead';
import { useServerForm } from '../../../ui/use-server-form';
import { useAdmin, useAdminLocation } from '../../admin-context';
import { tAdmin } from '../../messages';
import { JOIN_REQUEST_TABS, useApproveJoinRequest, useDeclineJoinRequest, useJoinRequests, type JoinRequest, type JoinRequestTab } from './api';
import { t } from './messages';

const COLUMNS = {
  pending: ['name', 'email', 'account', 'requested', 'decision'],
  approved: ['name', 'email', 'account', 'requested', 'approved'],
  declined: ['name', 'email', 'account', 'requested', 'declined', 'reason'],
} as const;

export function JoinRequestsPage() {
  const location = useAdminLocation();
  const { access } = useAdmin();
  const [params, setParams] = useSearchParams();
  const status: JoinRequestTab = JOIN_REQUEST_TABS.find((tab) => tab === params.get('status')) ?? 'pending';
  const requests = useJoinRequests(location.id, status);
  const settingsPath = access.can(location, 'settings') || access.isOwner(location) ? `/l/${location.id}/settings` : null;

  return (
    <>
      <PageHeader title={t('title')} count={status === 'pending' && requests.data ? requests.data.items.length : undefined} />
      <Stack gap="md">
        <Text c="dimmed" size="sm" maw={760} mt={-8}>
          {t('help')}
        </Text>
        {location.joinRequests === 'closed' && (
          <Alert color="yellow" variant="light" title={t('closedTitle', { location: location.name })} data-testid="join-requests-closed">
            <Text size="sm">
              {t('closedBody')}{' '}
              {settingsPath ? (
                <Anchor component={Link} to={settingsPath} size="sm">
                  {t('openSettings')}
                </Anchor>
              ) : (
                t('askSettings')
              )}
            </Text>
          </Alert>
        )}
        <Tabs value={status} onChange={(tab) => setParams(tab && tab !== 'pending' ? { status: tab } : {})}>
          <Tabs.List>
            {JOIN_REQUEST_TABS.map((tab) => (
              <Tabs.Tab key={tab} value={tab}>
                {t(`tab.${tab}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {JOIN_REQUEST_TABS.map((tab) => (
            <Tabs.Panel key={tab} value={tab} pt="md">
              {tab === status && (
                <QueryView query={requests} rows={5}>
                  {({ items }) =>
                    items.length === 0 ? (
                      <EmptyRequests status={status} location={location} settingsPath={settingsPath} />
                    ) : (
                      <RequestsTable requests={items} status={status} location={location} />
                    )
                  }
                </QueryView>
              )}
            </Tabs.Panel>
          ))}
        </Tabs>
      </Stack>
    </>
  );
}

function EmptyRequests({ status, location, settingsPath }: { status: JoinRequestTab; location: Location; settingsPath: string | null }) {
  return (
    <Stack gap={4} py="xl" data-testid="join-requests-empty">
      <Text fw={600}>{t(`empty.${status}`)}</Text>
      {status === 'pending' && (
        <Text c="dimmed">
          {location.joinRequests === 'approval' ? t('emptyHelpOpen', { location: location.name }) : t('emptyHelpClosed')}{' '}
          {location.joinRequests === 'closed' && settingsPath && (
            <Anchor component={Link} to={settingsPath}>
              {t('openSettings')}
            </Anchor>
          )}
        </Text>
      )}
    </Stack>
  );
}

function RequestsTable({ requests, status, location }: { requests: JoinRequest[]; status: JoinRequestTab; location: Location }) {
  const [declining, setDeclining] = useState<JoinRequest | null>(null);
  const approve = useApproveJoinRequest(location.id);
  // Awaited rather than given callbacks: approving the last pending request empties this table, and the answer still
  // has to be said.
  const onApprove = (request: JoinRequest) =>
    approve.mutateAsync(request.id).then(
      () => {
        const name = fullName(request);
        notifySuccess(request.hasAccount ? t('approvedWithAccount', { name, location: location.name }) : t('approved', { name }));
      },
      notifyErrorWith({ already_member: t('alreadyMember', { email: request.email, location: location.name }) }),
    );
  const columns = COLUMNS[status].map((column) => t(`column.${column}`));

  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" data-testid="join-requests-table">
          <TableHead columns={columns} />
          <Table.Tbody>
            {requests.map((request) => {
              const name = fullName(request);
              const approving = approve.isPending && approve.variables === request.id;
              return (
                <Table.Tr key={request.id}>
                  <Table.Td fw={500}>{name}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{request.email}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={request.hasAccount ? 'blue' : 'gray'} tt="none">
                      {request.hasAccount ? t('hasAccount') : t('newAccount')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <time dateTime={request.createdAt} title={formatDateTime(request.createdAt, location.timeZone)}>
                      {formatRelative(request.createdAt)}
                    </time>
                  </Table.Td>
                  {status === 'pending' ? (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          loading={approving}
                          disabled={approve.isPending && !approving}
                          onClick={() => onApprove(request)}
                          aria-label={t('approveFor', { name })}
                        >
                          {t('approve')}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          color="red"
                          disabled={approving}
                          onClick={() => setDeclining(request)}
                          aria-label={t('declineFor', { name })}
                        >
                          {t('decline')}
                        </Button>
                      </Group>
                    </Table.Td>
                  ) : (
                    <>
                      <Table.Td>
                        {request.decidedAt ? <time dateTime={request.decidedAt}>{formatDate(request.decidedAt, location.timeZone)}</time> : ''}
                      </Table.Td>
                      {status === 'declined' && (
                        <Table.Td>
                          {request.reason ? (
                            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                              {request.reason}
                            </Text>
                          ) : (
                            <Text size="sm" c="dimmed">
                              {t('noReason')}
                            </Text>
                          )}
                        </Table.Td>
                      )}
                    </>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={declining !== null} onClose={() => setDeclining(null)} title={declining ? t('declineTitle', { name: fullName(declining) }) : ''} centered>
        {declining && <DeclineForm request={declining} location={location} onDone={() => setDeclining(null)} />}
      </Modal>
    </>
  );
}

const declineSchema = z.object({
  reason: z
    .string()
    .trim()
    .max(1000, { error: () => t('reasonTooLong') }),
});

function DeclineForm({ request, location, onDone }: { request: JoinRequest; location: Location; onDone: () => void }) {
  const decline = useDeclineJoinRequest(location.id);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: declineSchema,
    initialValues: { reason: '' },
    submit: async ({ reason }) => {
      await decline.mutateAsync({ requestId: request.id, reason: reason || undefined });
      notifySuccess(t('declined', { name: fullName(request) }));
      onDone();
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('declineIntro', { email: request.email })}</Text>
        <Textarea label={t('reason')} description={t('reasonHelp')} autosize minRows={3} maxRows={8} data-autofocus {...form.getInputProps('reason')} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={submitting}>
            {tAdmin('cancel')}
          </Button>
          <Button type="submit" color="red" loading={submitting}>
            {t('declineButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
