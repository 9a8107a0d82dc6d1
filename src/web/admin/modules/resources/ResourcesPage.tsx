// Resources (/admin/l/:locationId/resources): what the location lends, grouped by type, with seats, price, booking
// durations and who may book; "Add resource", and a drawer to edit one and manage its assignments; archive, unarchive.
import { Anchor, Badge, Button, Divider, Drawer, Group, Menu, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatList, formatNumber } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { todayAt } from '../../../lib/wall-time';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { useKept } from '../../../ui/use-kept';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { notifyErrorWith, notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { TableHead } from '../../../ui/TableHead';
import { useConfirmedAction } from '../../../ui/use-confirmed-action';
import { useAdminLocation } from '../../admin-context';
import { RESOURCE_TYPES, type Resource, useAssignments, useResources, useSetResourceArchived } from './api';
import { AssignmentsSection, assignmentPhase, ownerName } from './AssignmentsSection';
import { durationsText, groupLabel, hasSeats, priceText, visibilityLabel } from './labels';
import { t } from './messages';
import { useCompanyNames, useCustomerNames } from './names';
import { ResourceForm } from './ResourceForm';

const COLUMNS = ['name', 'size', 'price', 'durations', 'bookingLevel', 'actions'] as const;
/** The same widths in every type's table, so that they line up down the page. */
const WIDTHS: Record<(typeof COLUMNS)[number], string> = { name: '28%', size: '15%', price: '19%', durations: '17%', bookingLevel: '14%', actions: '7%' };

export function ResourcesPage() {
  const location = useAdminLocation();
  const resources = useResources(location.id);
  const [showArchived, setShowArchived] = useState(false);
  const [adding, addDrawer] = useDisclosure(false);
  // The open resource lives in the URL (?resource=<id>): a profile's "Assigned resources" links straight to it.
  const [params, setParams] = useSearchParams();
  const editingId = params.get('resource');
  const setEditingId = (id: string | null) => setParams(id ? { resource: id } : {});
  const all = resources.data?.items ?? [];
  const holders = useHolders(location);
  const items = all.filter((resource) => showArchived || !resource.archived);
  // The drawer follows the list, so a save or an archive shows in it at once.
  const editing = all.find((resource) => resource.id === editingId) ?? null;
  const editingTitle = useKept(editing ? t('editTitle', { name: editing.name }) : '');

  return (
    <>
      <PageHeader
        title={t('title')}
        count={resources.data ? formatNumber(items.length) : undefined}
        actions={<Button onClick={addDrawer.open}>{t('add')}</Button>}
      />
      <Stack gap="lg">
        {all.some((resource) => resource.archived) && (
          <Switch label={t('showArchived')} checked={showArchived} onChange={(event) => setShowArchived(event.currentTarget.checked)} />
        )}
        {resources.isPending ? (
          <LoadingSkeleton rows={5} />
        ) : resources.isError ? (
          <ErrorAlert error={resources.error} onRetry={() => void resources.refetch()} retrying={resources.isFetching} />
        ) : items.length === 0 ? (
          <Stack gap="xs" py="xl" align="flex-start">
            <Text fw={600}>{t('empty')}</Text>
            <Text c="dimmed" maw={640}>
              {t('emptyHelp')}
            </Text>
            <Button mt="xs" onClick={addDrawer.open}>
              {t('add')}
            </Button>
          </Stack>
        ) : (
          RESOURCE_TYPES.filter((type) => items.some((resource) => resource.type === type)).map((type) => {
            const group = items.filter((resource) => resource.type === type);
            return (
              <Stack component="section" key={type} gap="xs" aria-labelledby={`group-${type}`} data-testid={`resources-${type}`}>
                <Group gap="xs">
                  <Title order={2} size="h4" id={`group-${type}`}>
                    {groupLabel(type)}
                  </Title>
                  <Badge variant="light" color="gray">
                    {formatNumber(group.length)}
                  </Badge>
                </Group>
                <ResourceTable resources={group} location={location} holders={holders} onEdit={(resource) => setEditingId(resource.id)} />
              </Stack>
            );
          })
        )}
      </Stack>
      <Drawer opened={adding} onClose={addDrawer.close} title={t('addTitle')} position="right" size="lg">
        <ResourceForm
          location={location}
          onDone={(resource) => {
            addDrawer.close();
            // Straight on to its assignments for a desk or an office; a room is ready to book.
            if (!resource.bookable) setEditingId(resource.id);
          }}
        />
      </Drawer>
      <Drawer opened={editing !== null} onClose={() => setEditingId(null)} title={editingTitle} position="right" size="lg">
        {editing && (
          <Stack gap="lg">
            <ResourceForm key={editing.id} location={location} resource={editing} onDone={() => undefined} />
            <Divider />
            <AssignmentsSection location={location} resource={editing} />
          </Stack>
        )}
      </Drawer>
    </>
  );
}

/** Who holds each resource today (its current assignments), by resource id. */
function useHolders(location: Location): Map<string, string[]> {
  const assignments = useAssignments(location.id);
  const today = todayAt(location.timeZone);
  const current = (assignments.data?.items ?? []).filter((assignment) => assignmentPhase(assignment, today) === 'current');
  const customers = useCustomerNames(current.map((assignment) => assignment.customerId));
  const companies = useCompanyNames(current.map((assignment) => assignment.companyId));
  const holders = new Map<string, string[]>();
  for (const assignment of current) {
    holders.set(assignment.resourceId, [...(holders.get(assignment.resourceId) ?? []), ownerName(assignment, customers, companies)]);
  }
  return holders;
}

function sizeText(resource: Resource): string {
  const seats = hasSeats(resource.type) ? t('seats', { count: resource.seats }) : null;
  const people = resource.capacity ? t('people', { count: resource.capacity }) : null;
  return [seats, people].filter(Boolean).join(', ') || '—';
}

interface ResourceTableProps {
  resources: Resource[];
  location: Location;
  holders: Map<string, string[]>;
  onEdit: (resource: Resource) => void;
}

function ResourceTable({ resources, location, holders, onEdit }: ResourceTableProps) {
  const setArchived = useSetResourceArchived(location.id);
  const archiving = useConfirmedAction(
    (resource: Resource) => setArchived.mutateAsync({ resourceId: resource.id, archived: true }),
    (resource) => notifySuccess(t('archivedDone', { name: resource.name })),
  );
  const unarchive = (resource: Resource) =>
    setArchived.mutate(
      { resourceId: resource.id, archived: false },
      { onSuccess: () => notifySuccess(t('unarchivedDone', { name: resource.name })), onError: notifyErrorWith({}) },
    );
  return (
    <>
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="sm" highlightOnHover layout="fixed" data-testid="resources-table">
          <colgroup>
            {COLUMNS.map((column) => (
              <col key={column} style={{ width: WIDTHS[column] }} />
            ))}
          </colgroup>
          <TableHead columns={COLUMNS.map((column) => t(`column.${column}`))} />
          <Table.Tbody>
            {resources.map((resource) => (
              <Table.Tr key={resource.id} onClick={() => onEdit(resource)} style={{ cursor: 'pointer' }} data-testid="resource-row">
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Anchor
                      component="button"
                      type="button"
                      fw={500}
                      fz="sm"
                      c="inherit"
                      onClick={(event) => {
                        event.stopPropagation();
                        onEdit(resource);
                      }}
                    >
                      {resource.name}
                    </Anchor>
                    {resource.archived && (
                      <Badge color="gray" variant="light" tt="none">
                        {t('archived')}
                      </Badge>
                    )}
                  </Group>
                  {holders.has(resource.id) ? (
                    <Text fz="xs" c="violet.8" lineClamp={1}>
                      {t('heldBy', { names: formatList(holders.get(resource.id)!) })}
                    </Text>
                  ) : (
                    resource.description && (
                      <Text fz="xs" c="dimmed" lineClamp={1}>
                        {resource.description}
                      </Text>
                    )
                  )}
                </Table.Td>
                <Table.Td>{sizeText(resource)}</Table.Td>
                {resource.bookable ? (
                  <>
                    <Table.Td>
                      <Text fz="sm">{priceText(resource)}</Text>
                      {resource.type === 'hot_desk' && resource.dayPassAccepted && (
                        <Text fz="xs" c="dimmed">
                          {t('dayPass')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td fz="sm">{durationsText(resource)}</Table.Td>
                    <Table.Td fz="sm">{visibilityLabel(resource.bookingLevel)}</Table.Td>
                  </>
                ) : (
                  <Table.Td colSpan={3} fz="sm" c="dimmed">
                    {t('assignedOnly')}
                  </Table.Td>
                )}
                <Table.Td onClick={(event) => event.stopPropagation()}>
                  <Menu position="bottom-end" width={180}>
                    <Menu.Target>
                      <Button variant="default" size="xs" aria-label={t('actionsFor', { name: resource.name })}>
                        ⋯
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => onEdit(resource)}>{t('edit')}</Menu.Item>
                      {resource.archived ? (
                        <Menu.Item onClick={() => unarchive(resource)}>{t('unarchive')}</Menu.Item>
                      ) : (
                        <Menu.Item color="red.9" onClick={() => archiving.ask(resource)}>
                          {t('archive')}
                        </Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal title={archiving.item ? t('archiveTitle', { name: archiving.item.name }) : ''} confirmLabel={t('archive')} {...archiving.modal}>
        {archiving.item && t('archiveConfirm', { name: archiving.item.name })}
      </ConfirmModal>
    </>
  );
}
