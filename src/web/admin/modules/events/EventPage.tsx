// One event (/admin/l/:locationId/events/:eventId): its facts, the check-in panel, its tickets with their holders; edit
// in a drawer, and cancel with a confirmation that says how many tickets are refunded.
import { Anchor, Badge, Button, Drawer, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { useAdminLocation } from '../../admin-context';
import { useEventsAccess } from './access';
import { type Event, useCancelEvent, useEvent, useTickets } from './api';
import { CheckInPanel } from './CheckInPanel';
import { EventForm } from './EventForm';
import { paymentText, priceText, ticketStatusText, ticketsText, visibilityText, whenText } from './labels';
import { t } from './messages';

export function EventPage() {
  const location = useAdminLocation();
  const { eventId = '' } = useParams();
  const event = useEvent(location.id, eventId);
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/l/${location.id}/events`} size="sm">
        {t('back')}
      </Anchor>
      {event.isPending ? (
        <LoadingSkeleton rows={4} />
      ) : event.isError ? (
        <ErrorAlert error={event.error} onRetry={() => void event.refetch()} retrying={event.isFetching} />
      ) : (
        <EventView event={event.data.event} />
      )}
    </Stack>
  );
}

function EventView({ event }: { event: Event }) {
  const location = useAdminLocation();
  const tickets = useTickets(location.id, event.id);
  const [editing, editDrawer] = useDisclosure(false);
  const [asking, setAsking] = useState(false);
  const cancel = useCancelEvent(location.id);
  const items = tickets.data?.items ?? [];
  const checkedIn = items.filter((ticket) => ticket.checkedInAt && ticket.status !== 'canceled').length;
  const canceled = event.status === 'canceled';
  const { manage } = useEventsAccess();

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={1} size="h2">
              {event.title}
            </Title>
            <Badge color={canceled ? 'red' : 'green'} variant="light" tt="none">
              {t(`status.${event.status}`)}
            </Badge>
            <Badge variant="outline" color="gray" tt="none" miw="max-content">
              {visibilityText(event.visibility)}
            </Badge>
          </Group>
          <Text c="dimmed">{whenText(event, location.timeZone)}</Text>
        </Stack>
        {!canceled && manage && (
          <Group gap="xs">
            <Button variant="default" onClick={editDrawer.open}>
              {t('edit')}
            </Button>
            <Button color="red" variant="light" onClick={() => setAsking(true)}>
              {t('cancelEvent')}
            </Button>
          </Group>
        )}
      </Group>
      {canceled && event.canceledAt && <Text c="red">{t('canceledNote', { date: formatDateTime(event.canceledAt, location.timeZone) })}</Text>}
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Fact label={t('facts.tickets')} value={ticketsText(event)} />
        <Fact label={t('facts.checkedIn')} value={formatNumber(checkedIn)} />
        <Fact label={t('facts.price')} value={priceText(event)} />
        <Fact label={t('facts.place')} value={event.place || '—'} />
      </SimpleGrid>
      {event.description && (
        <Text style={{ whiteSpace: 'pre-wrap' }} maw={760}>
          {event.description}
        </Text>
      )}
      {!canceled && <CheckInPanel locationId={location.id} eventId={event.id} />}
      <Stack gap="xs" component="section" aria-labelledby="tickets-title">
        <Title order={2} size="h4" id="tickets-title">
          {t('tickets.title')}
        </Title>
        {tickets.isPending ? (
          <LoadingSkeleton rows={3} />
        ) : tickets.isError ? (
          <ErrorAlert error={tickets.error} onRetry={() => void tickets.refetch()} retrying={tickets.isFetching} />
        ) : items.length === 0 ? (
          <Text c="dimmed">{t('tickets.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" data-testid="tickets">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tickets.holder')}</Table.Th>
                  <Table.Th>{t('tickets.code')}</Table.Th>
                  <Table.Th>{t('tickets.status')}</Table.Th>
                  <Table.Th>{t('tickets.payment')}</Table.Th>
                  <Table.Th>{t('tickets.checkedIn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((ticket) => (
                  <Table.Tr key={ticket.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/l/${location.id}/customers/${ticket.customerId}`}>
                        {[ticket.holder.firstName, ticket.holder.lastName].filter(Boolean).join(' ') || ticket.holder.email}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ff="monospace">{ticket.code}</Table.Td>
                    <Table.Td>
                      <Badge color={ticket.status === 'confirmed' ? 'green' : ticket.status === 'canceled' ? 'gray' : 'yellow'} variant="light" tt="none">
                        {ticketStatusText(ticket.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{paymentText(ticket, event.currency)}</Table.Td>
                    <Table.Td>{ticket.checkedInAt ? formatDateTime(ticket.checkedInAt, location.timeZone) : t('tickets.notYet')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <Drawer opened={editing} onClose={editDrawer.close} title={t('editTitle', { title: event.title })} position="right" size="lg">
        {editing && <EventForm location={location} event={event} onDone={editDrawer.close} />}
      </Drawer>
      <ConfirmModal
        opened={asking}
        title={t('cancelTitle', { title: event.title })}
        confirmLabel={t('cancelConfirm')}
        loading={cancel.isPending}
        onClose={() => setAsking(false)}
        onConfirm={() =>
          cancel.mutate(event.id, {
            onSuccess: () => {
              setAsking(false);
              notifySuccess(t('canceled', { title: event.title }));
            },
            onError: notifyError,
          })
        }
      >
        {t('cancelBody', { count: event.ticketsSold })}
      </ConfirmModal>
    </>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </Paper>
  );
}
