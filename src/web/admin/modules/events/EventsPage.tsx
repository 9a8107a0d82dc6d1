// Events (/admin/l/:locationId/events): upcoming and past events with their tickets and price, "Add event" in a drawer;
// a row opens the event's page (tickets, check-in, edit, cancel).
import { Anchor, Badge, Button, Drawer, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { MouseEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatNumber } from '../../../lib/format';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { PageHeader } from '../../../ui/PageHeader';
import { useAdminLocation } from '../../admin-context';
import { useEventsAccess } from './access';
import { useEvents, type When } from './api';
import { EventForm } from './EventForm';
import { priceText, ticketsText, visibilityText, whenText } from './labels';
import { t } from './messages';

export function EventsPage() {
  const location = useAdminLocation();
  const [params, setParams] = useSearchParams();
  const when: When = params.get('when') === 'past' ? 'past' : 'upcoming';
  const events = useEvents(location.id, when);
  const [adding, addDrawer] = useDisclosure(false);
  const { manage } = useEventsAccess();
  const navigate = useNavigate();
  const items = events.data?.items ?? [];
  const open = (eventId: string) => navigate(`/l/${location.id}/events/${eventId}`);

  return (
    <>
      <PageHeader
        title={t('title')}
        count={events.data ? formatNumber(items.length) : undefined}
        actions={manage && <Button onClick={addDrawer.open}>{t('add')}</Button>}
      />
      <Stack gap="md">
        <SegmentedControl
          w="fit-content"
          value={when}
          onChange={(next) => setParams(next === 'past' ? { when: 'past' } : {})}
          data={[
            { value: 'upcoming', label: t('upcoming') },
            { value: 'past', label: t('past') },
          ]}
        />
        {events.isPending ? (
          <LoadingSkeleton rows={4} />
        ) : events.isError ? (
          <ErrorAlert error={events.error} onRetry={() => void events.refetch()} retrying={events.isFetching} />
        ) : items.length === 0 ? (
          <Stack gap="xs" py="xl" align="flex-start">
            <Text fw={600}>{when === 'past' ? t('emptyPast') : t('empty')}</Text>
            <Text c="dimmed" maw={640}>
              {t('emptyHelp')}
            </Text>
            {when === 'upcoming' && manage && (
              <Button mt="xs" onClick={addDrawer.open}>
                {t('add')}
              </Button>
            )}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('column.title')}</Table.Th>
                  <Table.Th>{t('column.when')}</Table.Th>
                  <Table.Th>{t('column.tickets')}</Table.Th>
                  <Table.Th>{t('column.price')}</Table.Th>
                  <Table.Th>{t('column.visibility')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((event) => (
                  <Table.Tr key={event.id} style={{ cursor: 'pointer' }} onClick={() => open(event.id)} data-testid="event-row">
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {/* a link like the other lists' names (the row opens the event too) */}
                        <Anchor
                          component={Link}
                          to={`/l/${location.id}/events/${event.id}`}
                          c="inherit"
                          fw={600}
                          fz="sm"
                          onClick={(e: MouseEvent) => e.stopPropagation()}
                        >
                          {event.title}
                        </Anchor>
                        {event.status === 'canceled' && (
                          <Badge color="red" variant="light" tt="none">
                            {t('status.canceled')}
                          </Badge>
                        )}
                        {event.status === 'scheduled' && !event.ticketsOpen && (
                          <Badge color="gray" variant="light" tt="none">
                            {t('ticketsClosed')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{whenText(event, location.timeZone)}</Table.Td>
                    <Table.Td>{ticketsText(event)}</Table.Td>
                    <Table.Td>{priceText(event)}</Table.Td>
                    <Table.Td>
                      <Badge variant="outline" color="gray" tt="none" miw="max-content">
                        {visibilityText(event.visibility)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <Drawer opened={adding} onClose={addDrawer.close} title={t('addTitle')} position="right" size="lg">
        <EventForm
          location={location}
          onDone={(event) => {
            addDrawer.close();
            open(event.id);
          }}
        />
      </Drawer>
    </>
  );
}
