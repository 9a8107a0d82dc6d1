// "Credits and day passes" card of a customer profile or a company page: the balances, what is left with its expiry,
// the ledger newest first with the balance after each line, and "Adjust" (unit, amount + or −, optional expiry, why).
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { z } from 'zod';
import { formatDate, formatDateTime, formatDay } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { FormError } from '../../../ui/FormError';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { notifyErrorWith, notifySuccess } from '../../../ui/notify';
import { QueryView } from '../../../ui/QueryView';
import { useServerForm } from '../../../ui/use-server-form';
import { ProfileSection } from '../customers/ProfileSection';
import { type Balances, type LedgerLine, type Owner, useAdjust, useBalances, useLedger, useSetCompanyUsersMaySpend } from './api';
import { expiryAfter, lastDayBefore, todayIn } from './dates';
import { t } from './messages';

const UNITS = ['credit', 'day_pass'] as const;

export const amountWithUnit = (unit: LedgerLine['unit'], count: number) => t('credits.amountWithUnit', { unit, count });

interface SectionProps {
  location: Location;
  owner: Owner;
  name: string;
  /** On a company page: its switch for whether the company's people may spend its balances. */
  companyUsersMaySpend?: boolean;
}

export function CreditsSection({ location, owner, name, companyUsersMaySpend }: SectionProps) {
  const balances = useBalances(location.id, owner);
  const [adjusting, setAdjusting] = useState(false);
  return (
    <ProfileSection
      id="credits"
      title={t('credits.title')}
      action={
        <Button size="compact-sm" variant="default" onClick={() => setAdjusting(true)}>
          {t('credits.adjust')}
        </Button>
      }
    >
      <QueryView query={balances} rows={2}>
        {(data) => <BalancesView balances={data} timeZone={location.timeZone} />}
      </QueryView>
      {owner.companyId && companyUsersMaySpend !== undefined && (
        <MaySpendSwitch locationId={location.id} companyId={owner.companyId} value={companyUsersMaySpend} />
      )}
      <History location={location} owner={owner} />
      <Modal opened={adjusting} onClose={() => setAdjusting(false)} title={t('credits.adjustFor', { name })} size="lg">
        {adjusting && <AdjustForm location={location} owner={owner} onDone={() => setAdjusting(false)} />}
      </Modal>
    </ProfileSection>
  );
}

function BalancesView({ balances, timeZone }: { balances: Balances; timeZone: string }) {
  const lots = balances.lots.filter((lot) => lot.remaining > 0);
  return (
    <Stack gap={6}>
      <Group gap="lg" data-testid="balances">
        <Text fw={700} size="lg">
          {t('credits.credits', { count: balances.credits })}
        </Text>
        <Text fw={700} size="lg">
          {t('credits.dayPasses', { count: balances.dayPasses })}
        </Text>
      </Group>
      {lots.length > 0 && (
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {t('credits.lots')}
          </Text>
          {lots.map((lot) => (
            <Text size="sm" key={`${lot.unit}-${lot.expiresAt}-${lot.remaining}`}>
              {lot.expiresAt
                ? t('credits.lot', { amount: amountWithUnit(lot.unit, lot.remaining), date: formatDay(lastDayBefore(lot.expiresAt, timeZone)) })
                : t('credits.lotNoExpiry', { amount: amountWithUnit(lot.unit, lot.remaining) })}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function MaySpendSwitch({ locationId, companyId, value }: { locationId: string; companyId: string; value: boolean }) {
  const save = useSetCompanyUsersMaySpend(locationId, companyId);
  return (
    <Switch
      label={t('companyUsersMaySpend')}
      checked={save.isPending ? Boolean(save.variables) : value}
      disabled={save.isPending}
      onChange={(event) => {
        const next = event.currentTarget.checked;
        save.mutate(next, {
          onSuccess: () => notifySuccess(next ? t('companyUsersMaySpendOn') : t('companyUsersMaySpendOff')),
          onError: notifyErrorWith({}),
        });
      }}
    />
  );
}

function History({ location, owner }: { location: Location; owner: Owner }) {
  const ledger = useLedger(location.id, owner);
  const items = ledger.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t('credits.history')}
      </Text>
      {ledger.isPending ? (
        <LoadingSkeleton rows={2} />
      ) : ledger.isError && items.length === 0 ? (
        <ErrorAlert error={ledger.error} onRetry={() => void ledger.refetch()} retrying={ledger.isFetching} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('credits.noHistory')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={360}>
          <Table fz="sm" verticalSpacing={4} data-testid="ledger">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('column.date')}</Table.Th>
                <Table.Th>{t('column.what')}</Table.Th>
                <Table.Th ta="right">{t('column.amount')}</Table.Th>
                <Table.Th ta="right">{t('column.balance')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((line) => (
                <Table.Tr key={line.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={line.createdAt} title={formatDateTime(line.createdAt, location.timeZone)}>
                      {formatDate(line.createdAt, location.timeZone)}
                    </time>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`kind.${line.kind}`)}</Text>
                    {(line.memo || line.expiresAt) && (
                      <Text size="xs" c="dimmed">
                        {[
                          line.memo,
                          line.expiresAt && line.amount > 0
                            ? t('credits.expires', { date: formatDay(lastDayBefore(line.expiresAt, location.timeZone)) })
                            : null,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} c={line.amount < 0 ? 'red.8' : undefined}>
                    {line.amount > 0 ? '+' : '−'}
                    {amountWithUnit(line.unit, Math.abs(line.amount))}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {amountWithUnit(line.unit, line.balanceAfter)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {ledger.hasNextPage && (
        <Group justify="center">
          <Button variant="default" size="xs" onClick={() => void ledger.fetchNextPage()} loading={ledger.isFetchingNextPage}>
            {t('loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function AdjustForm({ location, owner, onDone }: { location: Location; owner: Owner; onDone: () => void }) {
  const adjust = useAdjust(location.id);
  const today = todayIn(location.timeZone);
  const schema = z
    .object({
      unit: z.enum(UNITS),
      amount: z.union([z.number(), z.string()]).pipe(
        z.coerce
          .number<string | number>()
          .int({ error: () => t('amountInvalid') })
          .min(-100_000, { error: () => t('amountInvalid') })
          .max(100_000, { error: () => t('amountInvalid') })
          .refine((n) => n !== 0, { error: () => t('amountInvalid') }),
      ),
      // the last day of use, a local date at the location: today is the earliest (they expire at midnight tonight)
      expiresOn: z.string().refine((day) => !day || day >= today, { error: () => t('expiryPast') }),
      memo: z
        .string()
        .trim()
        .min(1, { error: () => t('memoRequired') })
        .max(500),
    })
    .refine((values) => !values.expiresOn || Number(values.amount) > 0, { error: () => t('expiryOnlyForAdditions'), path: ['expiresOn'] })
    .transform(({ expiresOn, ...rest }) => ({ ...rest, ...owner, expiresAt: expiresOn ? expiryAfter(expiresOn, location.timeZone) : undefined }));
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: { unit: 'credit' as (typeof UNITS)[number], amount: '' as number | string, expiresOn: '', memo: '' },
    submit: async (values) => {
      await adjust.mutateAsync(values);
      notifySuccess(t('adjusted'));
      onDone();
    },
    fieldForPath: (path) => (path === 'expiresAt' ? 'expiresOn' : path),
    fieldForError: (failure) => (failure.reason === 'insufficient_balance' ? 'amount' : undefined),
    errorTexts: () => ({ insufficient_balance: t('insufficient') }),
    fieldTexts: { expiresOn: t('expiryPast') },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('field.unit')}
            data={UNITS.map((unit) => ({ value: unit, label: t(`unit.${unit}`) }))}
            allowDeselect={false}
            data-autofocus
            {...form.getInputProps('unit')}
          />
          <NumberInput label={t('field.amount')} description={t('field.amountHint')} withAsterisk allowDecimal={false} {...form.getInputProps('amount')} />
        </SimpleGrid>
        <TextInput
          type="date"
          label={t('field.expiresOn')}
          description={t('field.expiresOnHint', { timeZone: location.timeZone })}
          min={today}
          {...form.getInputProps('expiresOn')}
        />
        <TextInput label={t('field.memo')} placeholder={t('field.memoPlaceholder')} withAsterisk autoComplete="off" {...form.getInputProps('memo')} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
