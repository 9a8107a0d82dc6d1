// Shop (portal, /shop): the products the person may see with their price in money and/or credits, a cart (quantities,
// totals), paying (who pays, then credits, invoice, card when the location takes cards, or free), and My orders.
import { ActionIcon, Affix, Alert, Badge, Button, Card, Flex, Group, NumberInput, Radio, Stack, Text, Title } from '@mantine/core';
import { useIntersection, useMediaQuery } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { errorMessage } from '../../../lib/error-messages';
import { formatDate, formatList, formatMinor } from '../../../lib/format';
import { FormError } from '../../../ui/FormError';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { usePortalLocation } from '../../portal-context';
import { useBillingSummary } from '../billing/api';
import { newIdempotencyKey } from '../bookings/booking-time';
import { usePaymentProviders } from '../bookings/api';
import { type Order, type OrderMethod, type Product, useMyOrders, usePlaceOrder, useShopProducts } from './api';
import { t } from './messages';
import { ChoiceCard } from '../../../ui/ChoiceCard';

export function ShopPage() {
  const { current } = usePortalLocation();
  if (!current) return <Text>{t('noLocation')}</Text>;
  return <Shop key={current.locationId} locationId={current.locationId} member={current.type === 'member'} />;
}

function priceWords(product: Pick<Product, 'price' | 'creditPrice' | 'currency'>): string {
  const money = product.price ? formatMinor(product.price, product.currency) : null;
  if (money && product.creditPrice) return t('price.both', { money, credits: product.creditPrice });
  if (money) return money;
  if (product.creditPrice) return t('price.credits', { credits: product.creditPrice });
  return t('price.free');
}

function grantWords(product: Product): string | null {
  const g = product.grants;
  if (!g) return null;
  const what = [g.credits ? t('grant.credits', { count: g.credits }) : null, g.dayPasses ? t('grant.dayPasses', { count: g.dayPasses }) : null].filter(
    (part): part is string => part !== null,
  );
  return t('adds', { what: formatList(what) });
}

/** The ways every product of the cart can be paid, for this person (credits and invoices are for members). */
function methodsFor(lines: { product: Product }[], member: boolean, cardAvailable: boolean): OrderMethod[] {
  if (lines.length === 0) return [];
  const products = lines.map((line) => line.product);
  const out: OrderMethod[] = [];
  if (products.every((p) => (p.price ?? 0) === 0 && p.creditPrice === null)) return ['free'];
  if (member && products.every((p) => p.creditPrice !== null)) out.push('credits');
  const money = products.every((p) => p.price !== null) && products.some((p) => (p.price ?? 0) > 0);
  if (money && member) out.push('invoice');
  if (money && cardAvailable) out.push('card');
  return out;
}

function Shop({ locationId, member }: { locationId: string; member: boolean }) {
  const products = useShopProducts(locationId);
  const orders = useMyOrders(locationId, true);
  const billing = useBillingSummary(locationId);
  const providers = usePaymentProviders(locationId);
  const place = usePlaceOrder(locationId);
  const [cart, setCart] = useState<Record<string, number>>({});
  const [picked, setPicked] = useState<OrderMethod | null>(null);
  const [payer, setPayer] = useState<'personal' | 'company'>('personal');
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Order | null>(null);
  const busy = useRef(false);
  const phone = useMediaQuery('(max-width: 47.99em)');
  // on a phone the cart is below the products: a button above the bottom navigation leads to it while it is out of sight
  // (seen when it shows above the bottom navigation, not behind it)
  const { ref: cartRef, entry: cartEntry } = useIntersection<HTMLDivElement>({ rootMargin: '0px 0px -80px 0px' });
  const cartInView = cartEntry?.isIntersecting ?? true;

  const items = products.data?.items ?? [];
  const lines = Object.entries(cart)
    .map(([productId, quantity]) => ({ product: items.find((p) => p.id === productId), quantity }))
    .filter((line): line is { product: Product; quantity: number } => line.product !== undefined && line.quantity > 0);
  const currency = items[0]?.currency ?? 'EUR';
  const company = member ? (billing.data?.balances.company ?? null) : null;
  const who = company?.canSpend ? payer : 'personal';
  const balance = who === 'company' && company ? company : billing.data?.balances.personal;
  const methods = methodsFor(lines, member, (providers.data?.items.length ?? 0) > 0);
  const moneyTotal = lines.reduce((sum, line) => sum + (line.product.price ?? 0) * line.quantity, 0);
  const creditTotal = lines.reduce((sum, line) => sum + (line.product.creditPrice ?? 0) * line.quantity, 0);
  const enough = (method: OrderMethod) => method !== 'credits' || (balance?.credits ?? 0) >= creditTotal;
  const method = picked && methods.includes(picked) && enough(picked) ? picked : (methods.find(enough) ?? null);

  const setQuantity = (productId: string, quantity: number) => {
    setDone(null);
    setError(null);
    // a changed cart is another order: a new key
    setIdempotencyKey(newIdempotencyKey());
    setCart((now) => ({ ...now, [productId]: Math.max(0, Math.min(100, quantity)) }));
  };

  const pay = async () => {
    if (busy.current || !method || lines.length === 0) return;
    busy.current = true;
    setError(null);
    try {
      const answer = await place.mutateAsync({
        idempotencyKey,
        input: {
          lines: lines.map((line) => ({ productId: line.product.id, quantity: line.quantity })),
          paymentMethod: method,
          ...(method !== 'free' ? { payer: who } : {}),
        },
      });
      if (answer.checkoutUrl) {
        window.location.assign(answer.checkoutUrl);
        return;
      }
      setCart({});
      setIdempotencyKey(newIdempotencyKey());
      setDone(answer.order);
    } catch (caught) {
      setError(
        errorMessage(caught, { out_of_stock: t('outOfStock'), insufficient_balance: t('notEnoughLeft'), credits_not_accepted: t('creditsNotAccepted') }),
      );
      void billing.refetch();
    } finally {
      busy.current = false;
    }
  };

  const hint = (each: OrderMethod) => {
    const money = formatMinor(moneyTotal, currency);
    if (each === 'credits')
      return enough('credits')
        ? t('hint.credits', { cost: creditTotal, balance: balance?.credits ?? 0 })
        : t('hint.notEnough', { cost: creditTotal, balance: balance?.credits ?? 0 });
    if (each === 'invoice') return t('hint.invoice', { money });
    if (each === 'card') return t('hint.card', { money });
    return t('hint.free');
  };

  return (
    <Stack gap="lg" pb="xl">
      <Title order={1} size="h2">
        {t('title')}
      </Title>
      {done && (
        <Alert color="green" role="status" data-testid="order-placed">
          {t('ordered', { number: done.number })}
        </Alert>
      )}
      {products.isPending ? (
        <LoadingSkeleton rows={3} />
      ) : products.isError ? (
        <ErrorAlert error={products.error} onRetry={() => void products.refetch()} retrying={products.isFetching} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('empty')}</Text>
      ) : (
        <Stack gap="sm">
          {items.map((product) => {
            const soldOut = product.stock !== null && product.stock === 0;
            return (
              <Card key={product.id} withBorder padding="md" radius="md" data-testid="shop-product">
                {/* on a phone the button goes under the text, full width: the name and description keep the card's width */}
                <Flex direction={{ base: 'column', xs: 'row' }} justify="space-between" align={{ base: 'stretch', xs: 'flex-start' }} gap="sm">
                  <Stack gap={2} miw={0}>
                    <Text fw={600} size="lg" style={{ overflowWrap: 'anywhere' }}>
                      {product.name}
                    </Text>
                    {product.description && (
                      <Text size="sm" c="dimmed">
                        {product.description}
                      </Text>
                    )}
                    <Text fw={600}>{priceWords(product)}</Text>
                    {grantWords(product) && (
                      <Text size="sm" c="violet.8">
                        {grantWords(product)}
                      </Text>
                    )}
                    {product.stock !== null && (
                      <Text size="sm" c={soldOut ? 'red.8' : 'dimmed'}>
                        {t('left', { count: product.stock })}
                      </Text>
                    )}
                  </Stack>
                  <Button
                    size="md"
                    variant="light"
                    disabled={soldOut}
                    aria-label={t('addNamed', { name: product.name })}
                    onClick={() => setQuantity(product.id, (cart[product.id] ?? 0) + 1)}
                    style={{ flexShrink: 0 }}
                  >
                    {t('add')}
                  </Button>
                </Flex>
              </Card>
            );
          })}
        </Stack>
      )}

      <Card ref={cartRef} withBorder padding="md" radius="md" component="section" aria-labelledby="cart-title" data-testid="cart">
        <Stack gap="md">
          <Title order={2} size="h4" id="cart-title">
            {t('cart')}
          </Title>
          {lines.length === 0 ? (
            <Text c="dimmed">{t('cartEmpty')}</Text>
          ) : (
            <>
              {lines.map((line) => (
                <Group key={line.product.id} justify="space-between" wrap="nowrap">
                  <Text style={{ overflowWrap: 'anywhere' }}>{line.product.name}</Text>
                  <Group gap="xs" wrap="nowrap">
                    <NumberInput
                      w={80}
                      size="md"
                      min={0}
                      max={line.product.stock ?? 100}
                      allowDecimal={false}
                      aria-label={t('quantity', { name: line.product.name })}
                      value={line.quantity}
                      onChange={(value) => setQuantity(line.product.id, Number(value) || 0)}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={t('remove', { name: line.product.name })}
                      onClick={() => setQuantity(line.product.id, 0)}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                </Group>
              ))}
              <Stack gap={0} data-testid="cart-total">
                {method === 'credits' ? (
                  <Text fw={700}>{t('total.credits', { credits: creditTotal })}</Text>
                ) : (
                  moneyTotal > 0 && <Text fw={700}>{t('total.money', { money: formatMinor(moneyTotal, currency) })}</Text>
                )}
              </Stack>
              {company?.canSpend && method !== 'free' && (
                <Radio.Group label={t('payer')} value={who} onChange={(value) => setPayer(value as 'personal' | 'company')} size="md">
                  <Stack gap="xs" mt="xs">
                    <Radio value="personal" label={t('payer.personal')} />
                    <Radio value="company" label={t('payer.company', { company: company.name })} />
                  </Stack>
                </Radio.Group>
              )}
              {methods.length === 0 ? (
                <FormError message={t('noMethod')} />
              ) : (
                <Radio.Group label={t('method')} value={method} onChange={(value) => setPicked(value as OrderMethod)} size="md">
                  <Stack gap="xs" mt="xs">
                    {methods.map((each) => (
                      <ChoiceCard key={each} value={each} label={t(`method.${each}`)} hint={hint(each)} disabled={!enough(each)} />
                    ))}
                  </Stack>
                </Radio.Group>
              )}
              <FormError message={error} />
              <Button size="lg" fullWidth disabled={!method} loading={place.isPending} onClick={() => void pay()}>
                {t('pay')}
              </Button>
            </>
          )}
        </Stack>
      </Card>

      {phone && lines.length > 0 && !cartInView && (
        <Affix position={{ bottom: 76, left: 16, right: 16 }}>
          <Button
            size="md"
            fullWidth
            style={{ boxShadow: 'var(--mantine-shadow-md)' }}
            onClick={() => document.getElementById('cart-title')?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
          >
            {t('toCart', { count: lines.reduce((sum, line) => sum + line.quantity, 0) })}
          </Button>
        </Affix>
      )}
      <Stack gap="sm" component="section" aria-labelledby="orders-title">
        <Title order={2} size="h4" id="orders-title">
          {t('mine')}
        </Title>
        {orders.isPending ? (
          <LoadingSkeleton rows={2} />
        ) : orders.isError ? (
          <Text c="dimmed">{t('noOrders')}</Text>
        ) : orders.data.items.length === 0 ? (
          <Text c="dimmed">{t('noOrders')}</Text>
        ) : (
          orders.data.items.map((order) => (
            <Card key={order.id} withBorder padding="sm" radius="md" data-testid="my-order">
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600}>{t('orderNumber', { number: order.number })}</Text>
                <Badge variant="light" color={order.status === 'canceled' ? 'gray' : order.status === 'completed' ? 'green' : 'blue'} tt="none">
                  {t(`status.${order.status}`)}
                </Badge>
              </Group>
              <Text size="sm">{formatList(order.lines.map((line) => t('line', { name: line.name, quantity: line.quantity })))}</Text>
              <Text size="sm" c="dimmed">
                {formatDate(order.createdAt)} ·{' '}
                {order.paymentMethod === 'credits' ? t('paid.credits', { credits: order.credits }) : formatMinor(order.total, order.currency)}
              </Text>
            </Card>
          ))
        )}
      </Stack>
    </Stack>
  );
}
