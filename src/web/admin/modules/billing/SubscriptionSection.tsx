// "Subscription and billing" card of a customer profile or a company page: the live subscriptions (plan, status,
// current period, end date), "Add subscription", "Set end date" and "Cancel now"; ending shows the offboarding preview first.
import { Badge, Button, Group, List, Loader, Menu, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { z } from 'zod';
import { currencyDigits, formatDay, formatList, toMajor, toMinor } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { FormError } from '../../../ui/FormError';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { QueryView } from '../../../ui/QueryView';
import { useServerForm } from '../../../ui/use-server-form';
import { ProfileList, ProfileSection } from '../customers/ProfileSection';
import { usePlans } from '../plans/api';
import { planPrice } from '../plans/PlansPage';
import {
  type Offboarding,
  type Owner,
  type Subscription,
  useAddSubscription,
  useCancelSubscription,
  useOffboarding,
  useSubscriptions,
  useUpdateSubscription,
} from './api';
import { todayIn } from './dates';
import { t } from './messages';

const LIVE = new Set<Subscription['status']>(['scheduled', 'active', 'ending']);
const STATUS_COLOR: Record<Subscription['status'], string> = { scheduled: 'blue', active: 'green', ending: 'orange', ended: 'gray', canceled: 'gray' };

export function statusLabel(status: Subscription['status']) {
  return t(`status.${status}`);
}

interface SectionProps {
  location: Location;
  owner: Owner;
  /** The customer's or company's name, for the dialogs' titles. */
  name: string;
}

type Dialog = { kind: 'add' } | { kind: 'end' | 'change' | 'cancel'; subscription: Subscription } | null;

export function SubscriptionSection({ location, owner, name }: SectionProps) {
  const subscriptions = useSubscriptions(location.id, owner);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  return (
    <ProfileSection
      id="subscriptions"
      title={t('subscriptions.title')}
      action={
        <Button size="compact-sm" variant="default" onClick={() => setDialog({ kind: 'add' })}>
          {t('subscriptions.add')}
        </Button>
      }
    >
      <QueryView query={subscriptions} rows={2}>
        {({ items }) => (
          <ProfileList
            items={items.filter((item) => LIVE.has(item.status))}
            empty={t('subscriptions.none')}
            spacing="sm"
            testId="subscriptions-list"
            itemTestId="subscription"
          >
            {(subscription) => (
              <SubscriptionView
                subscription={subscription}
                onEnd={() => setDialog({ kind: 'end', subscription })}
                onChange={() => setDialog({ kind: 'change', subscription })}
                onCancel={() => setDialog({ kind: 'cancel', subscription })}
              />
            )}
          </ProfileList>
        )}
      </QueryView>
      <Modal opened={dialog?.kind === 'add'} onClose={close} title={t('subscriptions.addFor', { name })} size="lg">
        {dialog?.kind === 'add' && <AddSubscriptionForm location={location} owner={owner} onDone={close} />}
      </Modal>
      <Modal
        opened={dialog?.kind === 'end'}
        onClose={close}
        title={dialog && dialog.kind !== 'add' ? t('end.title', { name: dialog.subscription.name }) : ''}
        size="lg"
      >
        {dialog?.kind === 'end' && <EndDateForm location={location} subscription={dialog.subscription} onDone={close} />}
      </Modal>
      <Modal
        opened={dialog?.kind === 'change'}
        onClose={close}
        title={dialog && dialog.kind !== 'add' ? t('change.title', { name: dialog.subscription.name }) : ''}
        size="lg"
      >
        {dialog?.kind === 'change' && <ChangeTermsForm location={location} subscription={dialog.subscription} onDone={close} />}
      </Modal>
      <Modal
        opened={dialog?.kind === 'cancel'}
        onClose={close}
        title={dialog && dialog.kind !== 'add' ? t('cancel.title', { name: dialog.subscription.name }) : ''}
        size="lg"
      >
        {dialog?.kind === 'cancel' && <CancelConfirm location={location} subscription={dialog.subscription} onDone={close} />}
      </Modal>
    </ProfileSection>
  );
}

interface ViewProps {
  subscription: Subscription;
  onEnd: () => void;
  onChange: () => void;
  onCancel: () => void;
}

function SubscriptionView({ subscription, onEnd, onChange, onCancel }: ViewProps) {
  const title = subscription.quantity > 1 ? t('subscriptions.quantityOf', { count: subscription.quantity, name: subscription.name }) : subscription.name;
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
      <Stack gap={2}>
        <Group gap="xs">
          <Text fw={600} size="sm">
            {title}
          </Text>
          <Badge color={STATUS_COLOR[subscription.status]} variant="light" tt="none">
            {statusLabel(subscription.status)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {planPrice(subscription)}
        </Text>
        {subscription.status === 'scheduled' ? (
          <Text size="sm">{t('subscriptions.starts', { date: formatDay(subscription.startDate) })}</Text>
        ) : (
          subscription.currentPeriodStart &&
          subscription.currentPeriodEnd && (
            <Text size="sm">
              {t('subscriptions.period', { start: formatDay(subscription.currentPeriodStart), end: formatDay(subscription.currentPeriodEnd) })}
            </Text>
          )
        )}
        <Text size="sm">{subscription.endDate ? t('subscriptions.ends', { date: formatDay(subscription.endDate) }) : t('subscriptions.noEnd')}</Text>
      </Stack>
      <Menu position="bottom-end" width={230}>
        <Menu.Target>
          <Button size="compact-sm" variant="default" aria-label={t('subscriptions.actionsFor', { name: subscription.name })}>
            ⋯
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={onEnd}>{subscription.endDate ? t('subscriptions.changeEndDate') : t('subscriptions.setEndDate')}</Menu.Item>
          <Menu.Item onClick={onChange}>{t('subscriptions.changeTerms')}</Menu.Item>
          <Menu.Item color="red.9" onClick={onCancel}>
            {t('subscriptions.cancelNow')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}

const ANCHORS = ['default', 'start_date', 'first_of_month'] as const;

function AddSubscriptionForm({ location, owner, onDone }: { location: Location; owner: Owner; onDone: () => void }) {
  const plans = usePlans(location.id);
  const add = useAddSubscription(location.id);
  const today = todayIn(location.timeZone);
  const schema = z
    .object({
      planId: z.string().min(1, { error: () => t('planRequired') }),
      startDate: z
        .string()
        .min(1, { error: () => t('dateRequired') })
        .refine((day) => day >= today, { error: () => t('datePast') }),
      endDate: z.string(),
      quantity: z.union([z.number(), z.string()]).pipe(
        z.coerce
          .number<string | number>()
          .int({ error: () => t('quantityInvalid') })
          .min(1, { error: () => t('quantityInvalid') })
          .max(1000, { error: () => t('quantityInvalid') }),
      ),
      anchor: z.enum(ANCHORS),
    })
    .refine((values) => !values.endDate || values.endDate >= values.startDate, { error: () => t('endBeforeStart'), path: ['endDate'] })
    .transform(({ endDate, anchor, ...rest }) => ({ ...rest, ...owner, endDate: endDate || null, anchor: anchor === 'default' ? undefined : anchor }));
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: { planId: '', startDate: today, endDate: '', quantity: 1 as number | string, anchor: 'default' as (typeof ANCHORS)[number] },
    submit: async (values) => {
      const saved = await add.mutateAsync(values);
      notifySuccess(t('added', { name: saved.subscription.name }));
      onDone();
    },
    fieldTexts: { startDate: t('datePast'), endDate: t('endBeforeStart') },
  });
  return (
    <QueryView query={plans} rows={3}>
      {({ items }) => {
        const open = items.filter((plan) => !plan.archived);
        if (open.length === 0) return <Text>{t('noPlans')}</Text>;
        return (
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="sm">
              <Select
                label={t('field.plan')}
                placeholder={t('field.planPlaceholder')}
                withAsterisk
                data-autofocus
                data={open.map((plan) => ({ value: plan.id, label: `${plan.name} · ${planPrice(plan)}` }))}
                {...form.getInputProps('planId')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput type="date" label={t('field.startDate')} withAsterisk min={today} {...form.getInputProps('startDate')} />
                <TextInput type="date" label={t('field.endDate')} description={t('field.endDateHint')} {...form.getInputProps('endDate')} />
                <NumberInput label={t('field.quantity')} min={1} max={1000} allowDecimal={false} {...form.getInputProps('quantity')} />
                <Select
                  label={t('field.anchor')}
                  data={ANCHORS.map((anchor) => ({ value: anchor, label: t(`anchor.${anchor}`) }))}
                  allowDeselect={false}
                  {...form.getInputProps('anchor')}
                />
              </SimpleGrid>
              <FormError message={error} />
              <Group justify="flex-end">
                <Button type="submit" loading={submitting}>
                  {t('subscriptions.add')}
                </Button>
              </Group>
            </Stack>
          </form>
        );
      }}
    </QueryView>
  );
}

/** What ending the subscription on `endDate` (none: now) takes away, from GET .../offboarding. */
function OffboardingPreview({ location, subscription, endDate }: { location: Location; subscription: Subscription; endDate?: string }) {
  const preview = useOffboarding(location.id, subscription.id, endDate);
  if (preview.isPending) {
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">{t('offboarding.loading')}</Text>
      </Group>
    );
  }
  if (preview.isError) return <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} retrying={preview.isFetching} />;
  return <OffboardingSummary offboarding={preview.data} />;
}

/** The lines of an offboarding preview (also the transfer dialog's, for each subscription it would end). */
export function OffboardingSummary({ offboarding: o }: { offboarding: Offboarding }) {
  const lines = [
    o.creditsExpiring > 0 && t('offboarding.credits', { count: o.creditsExpiring }),
    o.dayPassesExpiring > 0 && t('offboarding.dayPasses', { count: o.dayPassesExpiring }),
    o.assignmentsEnding.length > 0 && t('offboarding.assignments', { names: formatList(o.assignmentsEnding.map((a) => a.resourceName)) }),
    o.becomeNonmembers.length > 0 && t('offboarding.nonmembers', { names: formatList(o.becomeNonmembers.map((p) => p.name)) }),
    o.draftInvoicesDeleted > 0 && t('offboarding.drafts', { count: o.draftInvoicesDeleted }),
  ].filter((line) => line !== false);
  if (lines.length === 0)
    return (
      <Text size="sm" data-testid="offboarding">
        {t('offboarding.nothing')}
      </Text>
    );
  return (
    <Stack gap={4} data-testid="offboarding">
      <Text size="sm" fw={600}>
        {t('offboarding.title')}
      </Text>
      <List size="sm">
        {lines.map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
    </Stack>
  );
}

function EndDateForm({ location, subscription, onDone }: { location: Location; subscription: Subscription; onDone: () => void }) {
  const update = useUpdateSubscription(location.id);
  const today = todayIn(location.timeZone);
  // local dates compare as strings; the later of the two
  const floor = [subscription.startDate, today].sort()[1];
  const schema = z.object({
    endDate: z
      .string()
      .min(1, { error: () => t('dateRequired') })
      .refine((day) => day >= today, { error: () => t('datePast') })
      .refine((day) => day >= subscription.startDate, { error: () => t('endBeforeStart') }),
  });
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: { endDate: subscription.endDate ?? '' },
    submit: async ({ endDate }) => {
      await update.mutateAsync({ subscriptionId: subscription.id, endDate });
      notifySuccess(t('endDateSet', { name: subscription.name, date: formatDay(endDate) }));
      onDone();
    },
  });
  const chosen = /^\d{4}-\d{2}-\d{2}$/.test(form.values.endDate) && form.values.endDate >= floor ? form.values.endDate : undefined;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <TextInput type="date" label={t('field.endDate')} withAsterisk min={floor} data-autofocus {...form.getInputProps('endDate')} />
        {chosen && <OffboardingPreview location={location} subscription={subscription} endDate={chosen} />}
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t('end.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Quantity and price per unit (in the currency's major units); they apply to the periods not invoiced yet. */
function ChangeTermsForm({ location, subscription, onDone }: { location: Location; subscription: Subscription; onDone: () => void }) {
  const update = useUpdateSubscription(location.id);
  const currency = subscription.currency;
  const schema = z
    .object({
      quantity: z.union([z.number(), z.string()]).pipe(
        z.coerce
          .number<string | number>()
          .int({ error: () => t('quantityInvalid') })
          .min(1, { error: () => t('quantityInvalid') })
          .max(1000, { error: () => t('quantityInvalid') }),
      ),
      price: z
        .union([z.number(), z.string()])
        .refine((value) => value !== '', { error: () => t('priceInvalid') })
        .pipe(
          z.coerce
            .number<string | number>()
            .min(0, { error: () => t('priceInvalid') })
            .max(1_000_000, { error: () => t('priceInvalid') }),
        ),
    })
    .transform(({ quantity, price }) => ({ quantity, price: toMinor(price, currency) }));
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: { quantity: subscription.quantity as number | string, price: toMajor(subscription.price, currency) as number | string },
    submit: async ({ quantity, price }) => {
      const changes = {
        ...(quantity !== subscription.quantity ? { quantity } : {}),
        ...(price !== subscription.price ? { price } : {}),
      };
      if (Object.keys(changes).length > 0) {
        await update.mutateAsync({ subscriptionId: subscription.id, ...changes });
        notifySuccess(t('changed', { name: subscription.name }));
      }
      onDone();
    },
    fieldTexts: { quantity: t('quantityInvalid'), price: t('priceInvalid') },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {/* no clamping on blur: a 0 typed by mistake is said, never saved as 1 */}
          <NumberInput
            label={t('field.quantity')}
            withAsterisk
            min={1}
            max={1000}
            clampBehavior="none"
            allowDecimal={false}
            data-autofocus
            {...form.getInputProps('quantity')}
          />
          <NumberInput
            label={t('field.price', { currency, cycle: t(`cycle.${subscription.cycle}`) })}
            withAsterisk
            min={0}
            clampBehavior="none"
            decimalScale={currencyDigits(currency)}
            hideControls
            {...form.getInputProps('price')}
          />
        </SimpleGrid>
        <Text size="sm" c="dimmed" data-testid="change-applies">
          {t('change.applies')}
        </Text>
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t('change.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CancelConfirm({ location, subscription, onDone }: { location: Location; subscription: Subscription; onDone: () => void }) {
  const cancel = useCancelSubscription(location.id);
  const onConfirm = () =>
    cancel.mutate(subscription.id, {
      onSuccess: () => {
        notifySuccess(t('canceled', { name: subscription.name }));
        onDone();
      },
      onError: notifyError,
    });
  return (
    <Stack gap="sm">
      <Text>{t('cancel.intro', { name: subscription.name })}</Text>
      <OffboardingPreview location={location} subscription={subscription} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone} disabled={cancel.isPending}>
          {t('cancel.keep')}
        </Button>
        <Button color="red" onClick={onConfirm} loading={cancel.isPending}>
          {t('cancel.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}
