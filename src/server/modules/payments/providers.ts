// The payment providers of this installation, from its configuration: Stripe when its keys are
// set, the dev provider with PAYMENTS_DEV=1, none otherwise (then no "Pay now" anywhere).
import type { Config } from '../../config.js';
import type { Deps } from '../../deps.js';
import { type DevPaymentProvider, devProvider } from './dev.js';
import type { PaymentProvider, ProviderName } from './provider.js';
import { stripeProvider } from './stripe.js';

const built = new WeakMap<Config, PaymentProvider[]>();

/** Every configured provider, Stripe first (the default when both are there); built once per configuration. */
export function providersOf(deps: Pick<Deps, 'config' | 'clock'>): PaymentProvider[] {
  let list = built.get(deps.config);
  if (!list) {
    list = [];
    const { stripe, dev } = deps.config.payments;
    if (stripe) {
      const api = stripe.apiUrl ? new URL(stripe.apiUrl) : null;
      list.push(
        stripeProvider({
          secretKey: stripe.secretKey,
          webhookSecret: stripe.webhookSecret,
          ...(api
            ? {
                apiHost: api.hostname,
                apiPort: Number(api.port || (api.protocol === 'http:' ? 80 : 443)),
                apiProtocol: api.protocol === 'http:' ? 'http' : 'https',
              }
            : {}),
        }),
      );
    }
    if (dev) list.push(devProvider({ publicUrl: deps.config.publicUrl, clock: deps.clock }));
    built.set(deps.config, list);
  }
  return list;
}

export function providerNamed(deps: Pick<Deps, 'config' | 'clock'>, name: ProviderName): PaymentProvider | undefined {
  return providersOf(deps).find((p) => p.name === name);
}

export function devProviderOf(deps: Pick<Deps, 'config' | 'clock'>): DevPaymentProvider | undefined {
  return providersOf(deps).find((p): p is DevPaymentProvider => p.name === 'dev');
}
