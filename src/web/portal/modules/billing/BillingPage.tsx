// /billing: the person's billing at the location the portal shows: their subscriptions with the current period,
// their credits and day passes and their company's (whether they may use them; managers switch it), their invoices
// (and, for managers, the company's), and the plans open for sign-up, each with a start date and "Sign up".
import { Badge, Button, Card, Group, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { z } from 'zod';
import { formatDate, formatDay, formatMinor } from '../../../lib/format';
import { FormError } from '../../../ui/FormError';
import { notifyErrorWith, notifySuccess } from '../../../ui/notify';
import { QueryView } from '../../../ui/QueryView';
import { useServerForm } from '../../../ui/use-server-form';
import { usePortalLocation } from '../../portal-context';
import { InvoiceList } from '../invoices/InvoiceList';
import { useLocations } from '../locations/api';
import { type BillingSummary, type Plan, type Subscription, useBillingSummary, useOpenPlans, useSetCompanyUsersMaySpend, useSignUp } from './api';
import { t } from './messages';

const LIVE = new Set<Subscription['status']>(['scheduled', 'active', 'ending']);
const STATUS_COLOR: Record<Subscription['status'], string> = { scheduled: 'blue', active: 'green', ending: 'orange', ended: 'gray', canceled: 'gray' };
const SIGN_UP_AHEAD_DAYS = 60;

function dayIn(timeZone: string | undefined, plusDays = 0): string {
  const date = new Date(Date.now() + plusDays * 24 * 3600 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

const price = (item: Pick<Plan, 'price' | 'currency' | 'cycle'>) => t('pricePerCycle', { price: formatMinor(item.price, item.currency), cycle: item.cycle });

export function BillingPage() {
  const { current } = usePortalLocation();
  const locations = useLocations();
  if (!current) return <Text>{t('noLocation')}</Text>;
  const timeZone = locations.data?.items.find((location) => location.id === current.locationId)?.timeZone;
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('title')}
      </Title>
      <Summary locationId={current.locationId} timeZone={timeZone} />
      <InvoiceList locationId={current.locationId} />
      <OpenPlans locationId={current.locationId} timeZone={timeZone} />
    </Stack>
  );
}

function Summary({ locationId, timeZone }: { locationId: string; timeZone?: string }) {
  const summary = useBillingSummary(locationId);
  return (
    <QueryView query={summary} rows={4}>
      {(data) => (
        <>
          <Subscriptions summary={data} />
          <Balances summary={data} locationId={locationId} timeZone={timeZone} />
        </>
      )}
    </QueryView>
  );
}

function Subscriptions({ summary }: { summary: BillingSummary }) {
  const live = summary.subscriptions.filter((subscription) => LIVE.has(subscription.status));
  const companyName = summary.balances.company?.name ?? '';
  return (
    <Stack gap="sm" component="section" aria-labelledby="my-subscriptions">
      <Title order={2} size="h4" id="my-subscriptions">
        {t('mySubscriptions')}
      </Title>
      {live.length === 0 ? (
        <Text c="dimmed">{t('noSubscription')}</Text>
      ) : (
        live.map((subscription) => (
          <Card key={subscription.id} withBorder radius="md" padding="md" data-testid="my-subscription">
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Text fw={700} size="lg">
                  {subscription.quantity > 1 ? t('quantityOf', { count: subscription.quantity, name: subscription.name }) : subscription.name}
                </Text>
                <Badge color={STATUS_COLOR[subscription.status]} variant="light" tt="none" style={{ flexShrink: 0 }}>
                  {t(`status.${subscription.status}`)}
                </Badge>
              </Group>
              {subscription.companyId && companyName && (
                <Text size="sm" c="dimmed">
                  {t('companySubscription', { company: companyName })}
                </Text>
              )}
              <Text size="sm">{price(subscription)}</Text>
              {subscription.status === 'scheduled' ? (
                <Text size="sm">{t('starts', { date: formatDay(subscription.startDate) })}</Text>
              ) : (
                subscription.currentPeriodStart &&
                subscription.currentPeriodEnd && (
                  <Text size="sm">{t('period', { start: formatDay(subscription.currentPeriodStart), end: formatDay(subscription.currentPeriodEnd) })}</Text>
                )
              )}
              {subscription.endDate && <Text size="sm">{t('ends', { date: formatDay(subscription.endDate) })}</Text>}
            </Stack>
          </Card>
        ))
      )}
    </Stack>
  );
}

function Balances({ summary, locationId, timeZone }: { summary: BillingSummary; locationId: string; timeZone?: string }) {
  const { personal, company } = summary.balances;
  const lots = personal.lots.filter((lot) => lot.remaining > 0 && lot.expiresAt);
  return (
    <Stack gap="sm" component="section" aria-labelledby="balances">
      <Title order={2} size="h4" id="balances">
        {t('balances')}
      </Title>
      <Card withBorder radius="md" padding="md" data-testid="my-balances">
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {t('mine')}
          </Text>
          <Group gap="lg">
            <Text fw={700} size="xl">
              {t('credits', { count: personal.credits })}
            </Text>
            <Text fw={700} size="xl">
              {t('dayPasses', { count: personal.dayPasses })}
            </Text>
          </Group>
          {lots.map((lot) => (
            <Text size="sm" c="dimmed" key={`${lot.unit}-${lot.expiresAt}-${lot.remaining}`}>
              {t('lot', { amount: t('amountWithUnit', { unit: lot.unit, count: lot.remaining }), date: formatDate(lot.expiresAt ?? '', timeZone) })}
            </Text>
          ))}
        </Stack>
      </Card>
      {company && (
        <Card withBorder radius="md" padding="md" data-testid="company-balances">
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              {t('companyBalances', { company: company.name })}
            </Text>
            <Group gap="lg">
              <Text fw={700} size="xl">
                {t('credits', { count: company.credits })}
              </Text>
              <Text fw={700} size="xl">
                {t('dayPasses', { count: company.dayPasses })}
              </Text>
            </Group>
            <Text size="sm">{company.canSpend ? t('canSpend') : t('cannotSpend')}</Text>
            {company.manager && <MaySpendSwitch locationId={locationId} value={company.companyUsersMaySpend} />}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

function MaySpendSwitch({ locationId, value }: { locationId: string; value: boolean }) {
  const save = useSetCompanyUsersMaySpend(locationId);
  return (
    <Switch
      mt="xs"
      size="md"
      label={t('maySpendSwitch')}
      checked={save.isPending ? Boolean(save.variables) : value}
      disabled={save.isPending}
      onChange={(event) => {
        const next = event.currentTarget.checked;
        save.mutate(next, { onSuccess: () => notifySuccess(next ? t('maySpendOn') : t('maySpendOff')), onError: notifyErrorWith({}) });
      }}
    />
  );
}

function OpenPlans({ locationId, timeZone }: { locationId: string; timeZone?: string }) {
  const plans = useOpenPlans(locationId);
  return (
    <Stack gap="sm" component="section" aria-labelledby="open-plans">
      <Title order={2} size="h4" id="open-plans">
        {t('plans')}
      </Title>
      <QueryView query={plans} rows={3}>
        {({ items }) => {
          const open = items.filter((plan) => plan.selfSignUp && !plan.archived);
          if (open.length === 0) return <Text c="dimmed">{t('noPlans')}</Text>;
          return open.map((plan) => <PlanCard key={plan.id} plan={plan} locationId={locationId} timeZone={timeZone} />);
        }}
      </QueryView>
    </Stack>
  );
}

function PlanCard({ plan, locationId, timeZone }: { plan: Plan; locationId: string; timeZone?: string }) {
  const signUp = useSignUp(locationId);
  const today = dayIn(timeZone);
  const last = dayIn(timeZone, SIGN_UP_AHEAD_DAYS);
  const schema = z.object({
    startDate: z
      .string()
      .min(1, { error: () => t('dateRequired') })
      .refine((day) => day >= today, { error: () => t('datePast') })
      .refine((day) => day <= last, { error: () => t('dateTooFar') }),
  });
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: { startDate: today },
    submit: async ({ startDate }) => {
      const answer = await signUp.mutateAsync({ planId: plan.id, startDate });
      notifySuccess(t('signedUp', { name: answer.subscription.name }));
      if (answer.checkoutUrl) window.location.assign(answer.checkoutUrl);
    },
    errorTexts: () => ({ already_subscribed: t('alreadySubscribed') }),
    fieldTexts: { startDate: t('dateTooFar') },
  });
  return (
    <Card withBorder radius="md" padding="md" data-testid="open-plan">
      <form onSubmit={onSubmit} noValidate aria-label={t('signUpFor', { name: plan.name })}>
        <Stack gap="xs">
          <Text fw={700} size="lg">
            {plan.name}
          </Text>
          {plan.description && <Text size="sm">{plan.description}</Text>}
          <Text fw={600}>{price(plan)}</Text>
          {plan.credits > 0 && plan.dayPasses > 0 && (
            <Text size="sm">{t('planCredits', { credits: t('credits', { count: plan.credits }), dayPasses: t('dayPasses', { count: plan.dayPasses }) })}</Text>
          )}
          {/* only what the plan grants: never "and 0 day passes" */}
          {plan.credits > 0 !== plan.dayPasses > 0 && (
            <Text size="sm">
              {t('planIncludes', { what: plan.credits > 0 ? t('credits', { count: plan.credits }) : t('dayPasses', { count: plan.dayPasses }) })}
            </Text>
          )}
          {plan.setupFee > 0 && <Text size="sm">{t('setupFee', { amount: formatMinor(plan.setupFee, plan.currency) })}</Text>}
          <TextInput type="date" size="md" label={t('startDate')} min={today} max={last} {...form.getInputProps('startDate')} />
          <FormError message={error} />
          <Button type="submit" size="md" loading={submitting} fullWidth>
            {t('signUp')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
