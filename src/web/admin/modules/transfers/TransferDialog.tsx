// "Transfer to another location…" on a customer's profile: one dialog with the target (locations where this
// administrator manages customers), member or nonmember, what happens to the subscriptions (with the offboarding
// preview) and to the record here, the company at the target; on success it opens the new record.
import { Alert, Button, Group, Loader, Modal, Radio, Select, Stack, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { formatDay } from '../../../lib/format';
import { fullName } from '../../../lib/session';
import type { Location } from '../../../lib/types';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { useAdmin } from '../../admin-context';
import { OffboardingSummary } from '../billing/SubscriptionSection';
import { CompanySelect } from '../companies/CompanySelect';
import type { ProfileCustomer } from '../customers/api';
import { type EndMode, useTransfer, useTransferPreview } from './api';
import { t } from './messages';

/** The locations this administrator may transfer a customer of `location` to: the organization's others where they hold `customers`. */
export function useTransferTargets(location: Location): Location[] {
  const { access } = useAdmin();
  return access.locations.filter(
    (candidate) => candidate.id !== location.id && candidate.organizationId === location.organizationId && access.can(candidate, 'customers'),
  );
}

const schema = z
  .object({
    toLocationId: z.string().min(1, { error: () => t('pickTarget') }),
    type: z.enum(['member', 'nonmember']),
    endSubscriptions: z.enum(['keep', 'end_of_period', 'now']),
    oldCustomer: z.enum(['keep', 'nonmember', 'remove']),
    companyId: z.string().nullable(),
  })
  .refine((v) => v.oldCustomer !== 'remove' || v.endSubscriptions === 'now', { path: ['endSubscriptions'], error: () => t('removeNeedsNow') });

interface TransferDialogProps {
  opened: boolean;
  onClose: () => void;
  location: Location;
  customer: ProfileCustomer;
}

export function TransferDialog({ opened, onClose, location, customer }: TransferDialogProps) {
  const name = fullName(customer);
  return (
    <Modal opened={opened} onClose={onClose} title={t('title', { name })} size="lg">
      {opened && <TransferForm location={location} customer={customer} onClose={onClose} />}
    </Modal>
  );
}

function TransferForm({ location, customer, onClose }: Omit<TransferDialogProps, 'opened'>) {
  const name = fullName(customer);
  const targets = useTransferTargets(location);
  const navigate = useNavigate();
  const transfer = useTransfer(location.id, customer.id);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: {
      toLocationId: targets.length === 1 ? targets[0].id : '',
      type: customer.type as 'member' | 'nonmember',
      endSubscriptions: 'keep' as 'keep' | 'end_of_period' | 'now',
      oldCustomer: 'keep' as 'keep' | 'nonmember' | 'remove',
      companyId: null as string | null,
    },
    submit: async (values) => {
      const answer = await transfer.mutateAsync(values);
      const target = targets.find((l) => l.id === answer.to.locationId);
      notifySuccess(t('done', { name, location: target?.name ?? '' }));
      onClose();
      navigate(`/l/${answer.to.locationId}/customers/${answer.to.id}`);
    },
    errorTexts: (_caught, values) => {
      const target = targets.find((l) => l.id === values.toLocationId)?.name ?? '';
      return { already_customer: t('alreadyThere', { name, location: target }), invalid_state: t('removedCustomer', { name }), 404: t('goneTarget') };
    },
  });
  const { values } = form;
  const target = targets.find((l) => l.id === values.toLocationId);

  if (targets.length === 0)
    return (
      <Stack gap="md">
        <Text size="sm">{t('noTargets')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
        </Group>
      </Stack>
    );

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('intro', { name, location: location.name })}
        </Text>
        <Select
          label={t('target')}
          placeholder={t('targetPlaceholder')}
          withAsterisk
          data={targets.map((l) => ({ value: l.id, label: l.name }))}
          value={values.toLocationId || null}
          onChange={(next) => {
            form.setFieldValue('toLocationId', next ?? '');
            // a company belongs to one location
            form.setFieldValue('companyId', null);
          }}
          error={form.errors.toLocationId}
          allowDeselect={false}
          data-testid="transfer-target"
        />
        <Radio.Group label={t('type')} {...form.getInputProps('type')}>
          <Stack gap="xs" mt="xs">
            <Radio value="member" label={t('type.member')} description={t('type.memberHelp')} />
            <Radio value="nonmember" label={t('type.nonmember')} description={t('type.nonmemberHelp')} />
          </Stack>
        </Radio.Group>
        <Radio.Group label={t('subscriptions', { location: location.name })} {...form.getInputProps('endSubscriptions')}>
          <Stack gap="xs" mt="xs">
            {(['keep', 'end_of_period', 'now'] as const).map((mode) => (
              <Radio key={mode} value={mode} label={t(`subscriptions.${mode}`)} disabled={values.oldCustomer === 'remove' && mode !== 'now'} />
            ))}
          </Stack>
        </Radio.Group>
        {values.endSubscriptions !== 'keep' && <SubscriptionsPreview location={location} customerId={customer.id} mode={values.endSubscriptions} />}
        <Radio.Group
          label={t('oldCustomer', { location: location.name })}
          value={values.oldCustomer}
          onChange={(next) => {
            const old = next as 'keep' | 'nonmember' | 'remove';
            form.setFieldValue('oldCustomer', old);
            if (old === 'remove') form.setFieldValue('endSubscriptions', 'now');
          }}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="keep" label={t('oldCustomer.keep')} />
            {customer.type === 'member' && <Radio value="nonmember" label={t('oldCustomer.nonmember')} />}
            <Radio value="remove" label={t('oldCustomer.remove')} description={t('oldCustomer.removeHelp')} />
          </Stack>
        </Radio.Group>
        {target ? (
          <CompanySelect
            key={target.id}
            locationId={target.id}
            label={t('company', { location: target.name })}
            placeholder={t('noCompany')}
            value={values.companyId}
            onChange={(next) => form.setFieldValue('companyId', next)}
          />
        ) : (
          <Select label={t('company', { location: '…' })} placeholder={t('chooseTargetFirst')} data={[]} disabled />
        )}
        {target && (
          <Alert variant="light" color="blue" data-testid="transfer-summary">
            {t(values.type === 'member' ? 'summary.member' : 'summary.nonmember', {
              name,
              target: target.name,
              location: location.name,
              old: values.oldCustomer,
            })}
          </Alert>
        )}
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={submitting}>
            {t('cancel')}
          </Button>
          <Button type="submit" loading={submitting} color={values.oldCustomer === 'remove' ? 'red' : undefined}>
            {t('submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Each personal subscription as the transfer would end it, with the billing's offboarding preview. */
function SubscriptionsPreview({ location, customerId, mode }: { location: Location; customerId: string; mode: EndMode }) {
  const preview = useTransferPreview(location.id, customerId, mode);
  if (preview.isPending)
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">{t('preview.loading')}</Text>
      </Group>
    );
  if (preview.isError) return <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} retrying={preview.isFetching} />;
  const { items } = preview.data;
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="transfer-preview">
        {t('preview.none')}
      </Text>
    );
  return (
    <Stack gap="sm" data-testid="transfer-preview" aria-label={t('preview.title')}>
      {items.map(({ subscription, endDate, offboarding }) => (
        <Stack key={subscription.id} gap={4}>
          <Text size="sm" fw={500}>
            {endDate ? t('preview.endsOn', { plan: subscription.name, date: formatDay(endDate) }) : t('preview.canceledNow', { plan: subscription.name })}
          </Text>
          <OffboardingSummary offboarding={offboarding} />
        </Stack>
      ))}
    </Stack>
  );
}
