// Billing > Plans (/admin/l/:locationId/plans): the location's plans with price, credits, day passes, who sees them and
// self sign-up; "Add plan", edit, archive or unarchive, and delete (a plan ever sold is archived instead).
import { Badge, Button, Drawer, Group, Menu, Stack, Switch, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { formatMinor, formatNumber } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { notifyErrorWith, notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { TableHead } from '../../../ui/TableHead';
import { useConfirmedAction } from '../../../ui/use-confirmed-action';
import { useAdminLocation } from '../../admin-context';
import { useDeletePlan, usePlans, useSetPlanArchived, type Plan } from './api';
import { t } from './messages';
import { PlanForm } from './PlanForm';

const COLUMNS = ['name', 'price', 'credits', 'dayPasses', 'visibility', 'selfSignUp', 'actions'] as const;

export function planPrice(plan: Pick<Plan, 'price' | 'currency' | 'cycle'>) {
  return t('pricePerCycle', { price: formatMinor(plan.price, plan.currency), cycle: t(`cycle.${plan.cycle}`) });
}

export function PlansPage() {
  const location = useAdminLocation();
  const plans = usePlans(location.id);
  const [showArchived, setShowArchived] = useState(false);
  const [adding, addDrawer] = useDisclosure(false);
  const [editing, setEditing] = useState<Plan | null>(null);
  const all = plans.data?.items ?? [];
  const items = all.filter((plan) => showArchived || !plan.archived);

  return (
    <>
      <PageHeader
        title={t('title')}
        count={plans.data ? formatNumber(items.length) : undefined}
        actions={<Button onClick={addDrawer.open}>{t('add')}</Button>}
      />
      <Stack gap="md">
        {all.some((plan) => plan.archived) && (
          <Switch label={t('showArchived')} checked={showArchived} onChange={(event) => setShowArchived(event.currentTarget.checked)} />
        )}
        {plans.isPending ? (
          <LoadingSkeleton rows={4} />
        ) : plans.isError ? (
          <ErrorAlert error={plans.error} onRetry={() => void plans.refetch()} retrying={plans.isFetching} />
        ) : items.length === 0 ? (
          <Stack gap="xs" py="xl" align="flex-start">
            <Text fw={600}>{t('empty')}</Text>
            <Text c="dimmed">{t('emptyHelp')}</Text>
            <Button mt="xs" onClick={addDrawer.open}>
              {t('add')}
            </Button>
          </Stack>
        ) : (
          <PlanTable plans={items} location={location} onEdit={setEditing} />
        )}
      </Stack>
      <Drawer opened={adding} onClose={addDrawer.close} title={t('add')} position="right" size="lg">
        <PlanForm location={location} onDone={addDrawer.close} />
      </Drawer>
      <Drawer
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t('editTitle', { name: editing.name }) : ''}
        position="right"
        size="lg"
      >
        {editing && <PlanForm key={editing.id} location={location} plan={editing} onDone={() => setEditing(null)} />}
      </Drawer>
    </>
  );
}

function PlanTable({ plans, location, onEdit }: { plans: Plan[]; location: Location; onEdit: (plan: Plan) => void }) {
  const archive = useSetPlanArchived(location.id);
  const remove = useDeletePlan(location.id);
  const deleting = useConfirmedAction(
    (plan: Plan) => remove.mutateAsync(plan.id),
    (plan) => notifySuccess(t('deleted', { name: plan.name })),
  );
  const onArchive = (plan: Plan) =>
    archive.mutate(
      { planId: plan.id, archived: !plan.archived },
      {
        onSuccess: () => notifySuccess(plan.archived ? t('unarchivedDone', { name: plan.name }) : t('archivedDone', { name: plan.name })),
        onError: notifyErrorWith({}),
      },
    );
  return (
    <>
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing="sm" data-testid="plans-table">
          <TableHead columns={COLUMNS.map((column) => t(`column.${column}`))} />
          <Table.Tbody>
            {plans.map((plan) => (
              <Table.Tr key={plan.id}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text fw={500} fz="sm">
                      {plan.name}
                    </Text>
                    {plan.archived && (
                      <Badge color="gray" variant="light">
                        {t('archived')}
                      </Badge>
                    )}
                  </Group>
                  {plan.description && (
                    <Text fz="xs" c="dimmed" lineClamp={1}>
                      {plan.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{planPrice(plan)}</Table.Td>
                <Table.Td>{formatNumber(plan.credits)}</Table.Td>
                <Table.Td>{formatNumber(plan.dayPasses)}</Table.Td>
                <Table.Td>{t(`visibility.${plan.visibility}`)}</Table.Td>
                <Table.Td>{plan.selfSignUp ? t('yes') : t('no')}</Table.Td>
                <Table.Td>
                  <Menu position="bottom-end" width={180}>
                    <Menu.Target>
                      <Button variant="default" size="xs" aria-label={t('actionsFor', { name: plan.name })}>
                        ⋯
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => onEdit(plan)}>{t('edit')}</Menu.Item>
                      <Menu.Item onClick={() => onArchive(plan)}>{plan.archived ? t('unarchive') : t('archive')}</Menu.Item>
                      <Menu.Item color="red.9" onClick={() => deleting.ask(plan)}>
                        {t('delete')}
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal title={t('deleteTitle')} confirmLabel={t('delete')} {...deleting.modal}>
        {deleting.item && t('deleteConfirm', { name: deleting.item.name })}
      </ConfirmModal>
    </>
  );
}
