// One webhook's deliveries, newest first: status, attempts, the last answer, the next attempt, and Replay (same id).
import { Badge, Button, Code, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { QueryView } from '../../../ui/QueryView';
import { TableHead } from '../../../ui/TableHead';
import { type DeliveryStatus, useDeliveries, useReplayDelivery } from './api';
import { t } from './messages';

const COLUMNS = ['event', 'created', 'status', 'attempts', 'last', 'actions'] as const;
const COLORS: Record<DeliveryStatus, string> = { pending: 'yellow', succeeded: 'green', failed: 'red' };

export function DeliveryLog({ organizationId, webhookId }: { organizationId: string; webhookId: string }) {
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  // the cursors of the pages before this one, to go back
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const deliveries = useDeliveries(organizationId, webhookId, status, cursor);
  const replay = useReplayDelivery(organizationId, webhookId);

  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label={t('log.filter')}
        value={status || 'all'}
        onChange={(value) => {
          setStatus(value === 'all' ? '' : (value as DeliveryStatus));
          setCursors([null]);
        }}
        data={[
          { value: 'all', label: t('log.all') },
          { value: 'pending', label: t('log.status.pending') },
          { value: 'succeeded', label: t('log.status.succeeded') },
          { value: 'failed', label: t('log.status.failed') },
        ]}
      />
      <QueryView query={deliveries}>
        {({ items, nextCursor }) =>
          items.length === 0 ? (
            <Text>{t('log.empty')}</Text>
          ) : (
            <>
              <Table.ScrollContainer minWidth={760}>
                <Table verticalSpacing="xs" data-testid="delivery-log">
                  <TableHead columns={COLUMNS.map((column) => t(`log.column.${column}`))} />
                  <Table.Tbody>
                    {items.map((d) => (
                      <Table.Tr key={d.id}>
                        <Table.Td>
                          <Code>{d.eventType}</Code>
                          <Text size="xs" c="dimmed">
                            {d.id}
                          </Text>
                        </Table.Td>
                        <Table.Td miw={150}>{formatDateTime(d.createdAt)}</Table.Td>
                        <Table.Td miw={120}>
                          <Badge color={COLORS[d.status]} variant="light" tt="none">
                            {t(`log.status.${d.status}`)}
                          </Badge>
                          {d.nextAttemptAt && (
                            <Text size="xs" c="dimmed">
                              {t('log.nextAttempt', { when: formatRelative(d.nextAttemptAt) })}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{d.attempts}</Table.Td>
                        <Table.Td maw={220}>
                          {d.lastStatusCode !== null ? <Code>{d.lastStatusCode}</Code> : d.attempts > 0 ? t('log.noAnswer') : null}
                          {d.lastError && (
                            <Text size="xs" c="dimmed" lineClamp={2} title={d.lastError}>
                              {d.lastError}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Button
                            size="xs"
                            variant="default"
                            disabled={d.status === 'pending'}
                            loading={replay.isPending && replay.variables === d.id}
                            aria-label={t('log.replayFor', { id: d.id })}
                            onClick={() => replay.mutate(d.id, { onSuccess: () => notifySuccess(t('log.replayed')), onError: notifyError })}
                          >
                            {t('log.replay')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group justify="space-between">
                <Button variant="default" size="xs" disabled={cursors.length === 1} onClick={() => setCursors((list) => list.slice(0, -1))}>
                  {t('log.newer')}
                </Button>
                <Button variant="default" size="xs" disabled={!nextCursor} onClick={() => nextCursor && setCursors((list) => [...list, nextCursor])}>
                  {t('log.older')}
                </Button>
              </Group>
            </>
          )
        }
      </QueryView>
    </Stack>
  );
}
