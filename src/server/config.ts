// Configuration read from the environment and checked with zod; everything else takes a Config.
import { isIP, isIPv4 } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** proxy-addr's named ranges, which Fastify understands in a list of trusted proxies. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyEntry(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/**
 * TRUST_PROXY: unset trusts no proxy; a hop count; or a comma list of proxy addresses and CIDRs.
 * `true` is refused on purpose: trusting every hop lets any client pick its own address.
 */
const trustProxySchema = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx): TrustProxy => {
    if (!value) return undefined;
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops >= 1 && Number.isSafeInteger(hops)) return hops;
      ctx.addIssue({ code: 'custom', message: 'a hop count is 1 or more; leave TRUST_PROXY unset to trust no proxy' });
      return z.NEVER;
    }
    const entries = value.split(',').map((e) => e.trim());
    const bad = entries.filter((e) => !isProxyEntry(e));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `${bad.map((b) => JSON.stringify(b)).join(', ')} is neither a hop count (1, 2...) nor a proxy address or CIDR (10.0.0.1, 10.0.0.0/8, loopback)`,
      });
      return z.NEVER;
    }
    return entries;
  });

/** A URL for an error message: its password (and any query, which may carry secrets) masked. */
export function maskUrl(value: string): string {
  try {
    const u = new URL(value);
    // "user:password@host" parses too, as a scheme "user:" and a path: mask it as a non-URL
    if (!u.host) throw new Error('no authority');
    if (u.password) u.password = '*****';
    if (u.search) u.search = '?*****';
    return u.toString();
  } catch {
    // not a URL: anything before an @ may hold a password, so only what follows the last one is shown
    const at = value.lastIndexOf('@');
    return at === -1 ? value : `*****@${value.slice(at + 1)}`;
  }
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * An optional URL variable, trimmed; unset or empty passes. `problem` sees the parsed URL (null
 * when it does not parse) and the value as an error message may show it (password masked), and
 * answers what is wrong with it, or nothing.
 */
function urlVariable(problem: (url: URL | null, shown: string) => string | undefined) {
  return z
    .string()
    .trim()
    .optional()
    .superRefine((value, ctx) => {
      if (!value) return;
      const message = problem(parseUrl(value), JSON.stringify(maskUrl(value)));
      if (message) ctx.addIssue({ code: 'custom', message });
    });
}

const databaseUrlSchema = urlVariable((u, shown) => {
  if (!u || (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:'))
    return `${shown} is not a PostgreSQL URL (postgres://user:password@host:5432/database); leave DATABASE_URL unset to use SQLite in the data directory`;
  if (!u.hostname) return `${shown} names no host (postgres://user:password@host:5432/database)`;
  if (u.pathname.replace(/^\//, '') === '') return `${shown} names no database (postgres://user:password@host:5432/database)`;
});

const smtpUrlSchema = urlVariable((u, shown) => {
  if (!u || (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') || !u.hostname)
    return `${shown} is not an SMTP URL (smtp://user:password@host:587, or smtps://...:465 for TLS from the start); leave SMTP_URL unset to keep mail in the built-in mailbox`;
  if (u.port && Number(u.port) === 0) return `${shown}: port 0 is not a mail server's port`;
});

const publicUrlSchema = urlVariable((u, shown) => {
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname)
    return `${shown} is not an http:// or https:// address (https://spaces.example.com)`;
  if (u.username || u.password || u.search || u.hash) return `${shown}: the address people open holds no user, password, query or #fragment`;
  if (u.pathname !== '/' && u.pathname !== '') return `${shown}: Atrium is served at the root of its host, not under a path (${u.pathname})`;
});

const portSchema = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx): number => {
    if (!value) return 3000;
    if (!/^\d+$/.test(value) || Number(value) > 65535) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a port: a whole number from 1 to 65535 (0 picks a free one)` });
      return z.NEVER;
    }
    return Number(value);
  });

const envSchema = z.object({
  DATABASE_URL: databaseUrlSchema,
  ATRIUM_DATA_DIR: z.string().trim().default('./data'),
  PORT: portSchema,
  HOST: z.string().trim().optional(),
  PUBLIC_URL: publicUrlSchema,
  SMTP_URL: smtpUrlSchema,
  MAIL_FROM: z.string().trim().default('Atrium <no-reply@atrium.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: trustProxySchema,
  STRIPE_SECRET_KEY: z.string().trim().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().trim().optional(),
  /** where the Stripe SDK sends its calls (tests point it at a local server); Stripe's own API when unset */
  STRIPE_API_URL: z.string().trim().url().optional(),
  PAYMENTS_DEV: z.enum(['0', '1', '']).optional(),
  /** 1: webhooks may go to private and loopback addresses, and over http:// (local receivers) */
  WEBHOOKS_ALLOW_PRIVATE: z.enum(['0', '1', '']).optional(),
  NODE_ENV: z.string().optional(),
});

/**
 * A configuration the server cannot run with: its message names the variable and what is wrong
 * (never a password), and the CLI prints it without a stack trace.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Trusted proxies: none (undefined), a hop count, or proxy addresses and CIDRs. */
export type TrustProxy = number | string[] | undefined;

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  /** true when the public URL is https: session cookies get the Secure flag */
  secureCookies: boolean;
  /** which proxies may tell the client address through X-Forwarded-For */
  trustProxy: TrustProxy;
  /** online payment providers: none configured means no "Pay now" anywhere */
  payments: PaymentsConfig;
  /** WEBHOOKS_ALLOW_PRIVATE=1: webhook URLs may be private, loopback or http:// (for local receivers) */
  webhooksAllowPrivate: boolean;
}

export interface PaymentsConfig {
  stripe: { secretKey: string; webhookSecret: string; apiUrl: string | undefined } | null;
  /** PAYMENTS_DEV=1: the dev provider and its checkout page, for trying Atrium out and for tests */
  dev: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.STRIPE_SECRET_KEY) !== Boolean(e.STRIPE_WEBHOOK_SECRET))
    throw new ConfigError(
      'Invalid configuration:\n  STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET go together: set both to take payments with Stripe, or neither',
    );
  if (e.PAYMENTS_DEV === '1' && e.NODE_ENV === 'production')
    throw new ConfigError('Invalid configuration:\n  PAYMENTS_DEV=1 takes pretend payments: it is never for production (NODE_ENV=production)');
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: path.resolve(e.ATRIUM_DATA_DIR),
    port: e.PORT,
    host: e.HOST || defaultHost(publicUrl),
    publicUrl,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    secureCookies: publicUrl.startsWith('https://'),
    trustProxy: e.TRUST_PROXY,
    payments: {
      stripe:
        e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
          ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiUrl: e.STRIPE_API_URL }
          : null,
      dev: e.PAYMENTS_DEV === '1',
    },
    webhooksAllowPrivate: e.WEBHOOKS_ALLOW_PRIVATE === '1',
  };
}

/**
 * A server whose public URL is this machine listens only on this machine, so that the open
 * mailbox of a trial install is not reachable from the network; [::1] needs the IPv6 loopback.
 */
function defaultHost(publicUrl: string): string {
  if (!isLoopbackUrl(publicUrl)) return '0.0.0.0';
  return new URL(publicUrl).hostname === '[::1]' ? '::1' : '127.0.0.1';
}

/** Whether a URL points at this machine: localhost, 127.0.0.0/8 or [::1]. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || isLoopbackAddress(host);
}

/** Whether a client address is this machine, IPv4-mapped IPv6 included. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || (isIPv4(a) && a.startsWith('127.'));
}

/**
 * Fastify's `trustProxy` for a TRUST_PROXY value. Fastify 5 trusts nothing for a bare number
 * (it cannot check the peer), so a hop count becomes the function proxy-addr asks for each
 * address with its distance from the socket.
 */
export function fastifyTrustProxy(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (trust === undefined) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}

/** A configuration for tests: no environment read, mailbox transport, in-memory data. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    databaseUrl: undefined,
    dataDir: path.resolve('.tmp/test-data'),
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'http://atrium.test',
    smtpUrl: undefined,
    mailFrom: 'Atrium <no-reply@atrium.test>',
    logLevel: 'silent',
    secureCookies: false,
    trustProxy: undefined,
    payments: { stripe: null, dev: false },
    webhooksAllowPrivate: false,
    ...overrides,
  };
}

/**
 * Why the database of DATABASE_URL refused or could not be reached, as a configuration message
 * (host, port, user and database named; never the password). Null for any other error.
 */
export function databaseConnectionProblem(err: unknown, databaseUrl: string): string | null {
  const e = err as { code?: string; message?: string; errors?: unknown[] };
  const u = parseUrl(databaseUrl);
  if (!u) return null;
  const host = `${u.hostname}:${u.port || 5432}`;
  const user = decodeURIComponent(u.username) || 'the default user';
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  const code = e?.code ?? (Array.isArray(e?.errors) ? (e.errors[0] as { code?: string })?.code : undefined);
  const say = (what: string) => `Invalid configuration:\n  DATABASE_URL: ${what} (${maskUrl(databaseUrl)})`;
  switch (code) {
    case 'ECONNREFUSED':
      return say(`nothing answers at ${host}: is PostgreSQL running there, and listening on that port?`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return say(`the host ${u.hostname} is unknown (no such name in DNS)`);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'timeout':
      return say(`${host} cannot be reached (no answer in time)`);
    case '28P01':
      return say(`PostgreSQL refused the password of user ${user}`);
    case '28000':
      return say(`PostgreSQL refused user ${user} (no such role, or no pg_hba.conf entry allows it from here)`);
    case '3D000':
      return say(`the database "${database}" does not exist on ${host}: create it (createdb ${database}) or fix the name`);
    default:
      return null;
  }
}
