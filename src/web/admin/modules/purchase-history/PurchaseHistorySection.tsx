// "Purchase history" card of a customer profile or a company page: tabs All, Bookings, Tickets, Orders, Perks; each line
// with its kind, title, date, status, what it cost (money, credits, day passes) and who paid; "Load more".
import { Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { formatDateTime, formatList, formatMinor } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { ProfileList, ProfileSection } from '../customers/ProfileSection';
import { type PurchaseItem, type PurchaseKind, type PurchaseOwner, usePurchases } from './api';
import { t } from './messages';

const TABS = ['all', 'booking', 'ticket', 'order', 'benefit_application'] as const;
const KNOWN_STATUSES = ['pending_payment', 'confirmed', 'canceled', 'new', 'approved', 'declined', 'in_progress', 'completed', 'checked_in'] as const;

function statusLabel(status: string): string {
  return (KNOWN_STATUSES as readonly string[]).includes(status) ? t(`status.${status as (typeof KNOWN_STATUSES)[number]}`) : status;
}

function costOf(item: PurchaseItem, currency: string): string {
  const parts: string[] = [];
  if (item.price > 0) parts.push(formatMinor(item.price, currency));
  if (item.credits > 0) parts.push(t('credits', { count: item.credits }));
  if (item.dayPasses > 0) parts.push(t('dayPasses', { count: item.dayPasses }));
  return parts.length ? formatList(parts) : t('free');
}

export function PurchaseHistorySection({ location, owner }: { location: Location; owner: PurchaseOwner }) {
  const [tab, setTab] = useState<(typeof TABS)[number]>('all');
  return (
    <ProfileSection id="purchases" title={t('title')}>
      {/* one row on a phone too, scrolling sideways, rather than "Perks" alone on a second row */}
      <Tabs value={tab} onChange={(value) => setTab((value as (typeof TABS)[number]) ?? 'all')} keepMounted={false} styles={{ tab: { flexShrink: 0 } }}>
        <Tabs.List aria-label={t('tabsLabel')} style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
          {TABS.map((value) => (
            <Tabs.Tab key={value} value={value} fz="sm">
              {t(`tab.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Purchases key={tab} location={location} owner={owner} kind={tab === 'all' ? null : tab} />
    </ProfileSection>
  );
}

function Purchases({ location, owner, kind }: { location: Location; owner: PurchaseOwner; kind: PurchaseKind | null }) {
  const purchases = usePurchases(location.id, owner, kind);
  const items = purchases.data?.pages.flatMap((page) => page.items) ?? [];
  if (purchases.isPending) return <LoadingSkeleton rows={3} />;
  if (purchases.isError && items.length === 0)
    return <ErrorAlert error={purchases.error} onRetry={() => void purchases.refetch()} retrying={purchases.isFetching} />;
  return (
    <Stack gap="sm">
      <ProfileList items={items} empty={kind ? t('noneOfKind') : t('none')} spacing="sm" testId="purchases-list" itemTestId="purchase">
        {(item) => (
          <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
            <Stack gap={2} miw={0}>
              <Group gap="xs" wrap="wrap">
                <Badge variant="light" color="gray" tt="none" size="sm">
                  {t(`kind.${item.kind}`)}
                </Badge>
                <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {item.title}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                {formatDateTime(item.at, location.timeZone)} · {t(`payer.${item.payer}`)}
              </Text>
            </Stack>
            <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
              <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {costOf(item, location.currency)}
              </Text>
              <Text size="xs" c="dimmed">
                {statusLabel(item.status)}
              </Text>
            </Stack>
          </Group>
        )}
      </ProfileList>
      {purchases.isFetchNextPageError && <ErrorAlert error={purchases.error} onRetry={() => void purchases.fetchNextPage()} />}
      {purchases.hasNextPage && (
        <Group justify="center">
          <Button size="compact-sm" variant="default" onClick={() => void purchases.fetchNextPage()} loading={purchases.isFetchingNextPage}>
            {t('loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
