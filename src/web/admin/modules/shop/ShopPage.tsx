// Shop (/admin/l/:locationId/shop): Products (list, "Add product", a drawer to edit one) and the Orders board
// (columns New, In progress, Completed, Canceled; buttons move an order on; a cancel asks first, saying the stock goes
// back and what is refunded, with a "Refund" switch). The tab lives in the URL (?tab=orders).
import { Badge, Button, Card, Drawer, Group, ScrollArea, SimpleGrid, Stack, Switch, Table, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { formatDateTime, formatList, formatMinor, formatNumber } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { notifyErrorWith, notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { TableHead } from '../../../ui/TableHead';
import { useAdminLocation } from '../../admin-context';
import { type Order, type OrderStatus, type Product, useMoveOrder, useOrders, useProducts } from './api';
import { t } from './messages';
import { ProductForm } from './ProductForm';

export function ShopPage() {
  const location = useAdminLocation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'orders' ? 'orders' : 'products';
  return (
    <>
      <PageHeader title={t('title')} />
      <Tabs value={tab} onChange={(next) => setParams(next === 'orders' ? { tab: 'orders' } : {})} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="products">{t('tab.products')}</Tabs.Tab>
          <Tabs.Tab value="orders">{t('tab.orders')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="products">
          <ProductsPanel location={location} />
        </Tabs.Panel>
        <Tabs.Panel value="orders">
          <OrdersBoard location={location} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

/** "€2.50 or 1 credit", "3 credits", "Free". */
export function productPrice(product: Pick<Product, 'price' | 'creditPrice' | 'currency'>): string {
  const money = product.price ? formatMinor(product.price, product.currency) : null;
  if (money && product.creditPrice) return t('price.both', { money, credits: product.creditPrice });
  if (money) return money;
  if (product.creditPrice) return t('price.credits', { credits: product.creditPrice });
  return t('price.free');
}

function packageText(product: Product): string | null {
  const g = product.grants;
  if (!g) return null;
  const parts = [g.credits ? t('grant.credits', { count: g.credits }) : null, g.dayPasses ? t('grant.dayPasses', { count: g.dayPasses }) : null].filter(
    (part): part is string => part !== null,
  );
  const what = formatList(parts);
  return t('package', { what: g.validDays ? `${what} (${t('grant.validDays', { count: g.validDays })})` : what });
}

function ProductsPanel({ location }: { location: Location }) {
  const products = useProducts(location.id);
  const [adding, addDrawer] = useDisclosure(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const items = products.data?.items ?? [];
  const editing = items.find((product) => product.id === editingId) ?? null;
  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <Button onClick={addDrawer.open}>{t('add')}</Button>
      </Group>
      {products.isPending ? (
        <LoadingSkeleton rows={4} />
      ) : products.isError ? (
        <ErrorAlert error={products.error} onRetry={() => void products.refetch()} retrying={products.isFetching} />
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
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="products-table">
            <TableHead columns={[t('column.name'), t('column.price'), t('column.stock'), t('column.visibility'), t('column.status')]} />
            <Table.Tbody>
              {items.map((product) => (
                <Table.Tr key={product.id} onClick={() => setEditingId(product.id)} style={{ cursor: 'pointer' }} data-testid="product-row">
                  <Table.Td>
                    <Text fw={500} fz="sm">
                      {product.name}
                    </Text>
                    {packageText(product) && (
                      <Text fz="xs" c="violet.8">
                        {packageText(product)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td fz="sm">{productPrice(product)}</Table.Td>
                  <Table.Td fz="sm">{product.stock === null ? t('unlimited') : t('inStock', { count: product.stock })}</Table.Td>
                  <Table.Td fz="sm">{t(`visibility.${product.visibility}`)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={product.active ? 'green' : 'gray'} tt="none">
                      {product.active ? t('active') : t('inactive')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Drawer opened={adding} onClose={addDrawer.close} title={t('addTitle')} position="right" size="lg">
        <ProductForm location={location} onDone={addDrawer.close} />
      </Drawer>
      <Drawer
        opened={editing !== null}
        onClose={() => setEditingId(null)}
        title={editing ? t('editTitle', { name: editing.name }) : ''}
        position="right"
        size="lg"
      >
        {editing && <ProductForm key={editing.id} location={location} product={editing} onDone={() => setEditingId(null)} />}
      </Drawer>
    </Stack>
  );
}

const COLUMNS = ['new', 'in_progress', 'completed', 'canceled'] as const satisfies readonly OrderStatus[];
const NEXT: Partial<Record<OrderStatus, { status: OrderStatus; label: string }>> = {
  new: { status: 'in_progress', label: 'start' },
  in_progress: { status: 'completed', label: 'complete' },
};

const linesText = (order: Order) => formatList(order.lines.map((line) => t('line', { name: line.name, quantity: line.quantity })));

function paidText(order: Order): string {
  const money = formatMinor(order.total, order.currency);
  if (order.paymentMethod === 'credits') return t('paid.credits', { credits: order.credits });
  if (order.paymentMethod === 'invoice') return t('paid.invoice', { money });
  if (order.paymentMethod === 'card') return t('paid.card', { money });
  return t('paid.free');
}

function OrdersBoard({ location }: { location: Location }) {
  const move = useMoveOrder(location.id);
  const [canceling, setCanceling] = useState<Order | null>(null);
  const [refund, setRefund] = useState(true);
  const errors = notifyErrorWith({ invalid_transition: t('invalidTransition') });
  const moveOn = (order: Order, status: OrderStatus) =>
    move.mutate({ order, status }, { onSuccess: () => notifySuccess(t('moved', { number: order.number, status: t(`status.${status}`) })), onError: errors });
  const confirmCancel = () => {
    if (!canceling) return;
    move.mutate(
      { order: canceling, status: 'canceled', refund },
      {
        onSuccess: (answer) => {
          notifySuccess(answer.refunded ? t('refundedWhat', { number: canceling.number }) : t('canceled', { number: canceling.number }));
          setCanceling(null);
        },
        onError: (error) => {
          errors(error);
          if (isApiError(error, 409)) setCanceling(null);
        },
      },
    );
  };
  return (
    <>
      <ScrollArea>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} miw={320} data-testid="orders-board">
          {COLUMNS.map((status) => (
            <BoardColumn
              key={status}
              location={location}
              status={status}
              onMove={moveOn}
              onCancel={(order) => {
                setRefund(true);
                setCanceling(order);
              }}
              busy={move.isPending}
            />
          ))}
        </SimpleGrid>
      </ScrollArea>
      <ConfirmModal
        title={canceling ? t('cancelTitle', { number: canceling.number }) : ''}
        confirmLabel={t('cancel')}
        opened={canceling !== null}
        loading={move.isPending}
        onClose={() => setCanceling(null)}
        onConfirm={confirmCancel}
      >
        {canceling && (
          <Stack gap="sm" component="span" display="flex">
            <span>{t('cancelStock', { number: canceling.number, name: canceling.customerName, lines: linesText(canceling) })}</span>
            <Switch label={t('refundSwitch')} checked={refund} onChange={(event) => setRefund(event.currentTarget.checked)} />
            <span>{refund ? refundWords(canceling) : t('noRefund')}</span>
          </Stack>
        )}
      </ConfirmModal>
    </>
  );
}

/** What a cancel with refund gives back, said before it happens. */
function refundWords(order: Order): string {
  const money = formatMinor(order.total, order.currency);
  const words =
    order.paymentMethod === 'credits'
      ? t('refund.credits', { credits: order.credits })
      : order.paymentMethod === 'invoice'
        ? t('refund.invoiceUnpaid', { money })
        : order.paymentMethod === 'card'
          ? t('refund.card', { money })
          : t('refund.free');
  return words;
}

interface BoardColumnProps {
  location: Location;
  status: (typeof COLUMNS)[number];
  onMove: (order: Order, status: OrderStatus) => void;
  onCancel: (order: Order) => void;
  busy: boolean;
}

function BoardColumn({ location, status, onMove, onCancel, busy }: BoardColumnProps) {
  const orders = useOrders(location.id, status);
  const items = orders.data?.items ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby={`column-${status}`} data-testid={`column-${status}`} bg="gray.0" p="xs" style={{ borderRadius: 8 }}>
      <Group gap="xs">
        <Title order={2} size="h5" id={`column-${status}`}>
          {t(`status.${status}`)}
        </Title>
        {orders.data && (
          <Badge variant="light" color="gray">
            {formatNumber(items.length)}
          </Badge>
        )}
      </Group>
      {orders.isPending ? (
        <LoadingSkeleton rows={2} />
      ) : orders.isError ? (
        <ErrorAlert error={orders.error} onRetry={() => void orders.refetch()} retrying={orders.isFetching} />
      ) : items.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t(`column.empty.${status}`)}
        </Text>
      ) : (
        items.map((order) => (
          <Card key={order.id} withBorder padding="sm" data-testid="order-card">
            <Stack gap={4}>
              <Text fw={600} fz="sm">
                {t('orderNumber', { number: order.number })}
              </Text>
              <Text fz="xs" c="dimmed">
                {formatDateTime(order.createdAt, location.timeZone)}
              </Text>
              <Text fz="sm">{order.customerName}</Text>
              <Text fz="sm">{linesText(order)}</Text>
              <Text fz="xs" c="dimmed">
                {paidText(order)}
                {order.payer === 'company' ? ` · ${t('byCompany')}` : ''}
              </Text>
              {(NEXT[order.status] || status === 'new' || status === 'in_progress') && (
                <Group gap="xs" mt={4}>
                  {NEXT[order.status] && (
                    <Button size="xs" disabled={busy} onClick={() => onMove(order, NEXT[order.status]!.status)}>
                      {t(NEXT[order.status]!.label as 'start' | 'complete')}
                    </Button>
                  )}
                  <Button size="xs" variant="subtle" color="red" disabled={busy} onClick={() => onCancel(order)}>
                    {t('cancel')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        ))
      )}
    </Stack>
  );
}
