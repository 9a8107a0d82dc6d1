// Configuration read from the environment and checked with zod; everything else takes a Config.
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().trim().optional(),
  ATRIUM_DATA_DIR: z.string().trim().default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().trim().url().optional(),
  SMTP_URL: z.string().trim().optional(),
  MAIL_FROM: z.string().trim().default('Atrium <no-reply@atrium.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

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
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: path.resolve(e.ATRIUM_DATA_DIR),
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    secureCookies: publicUrl.startsWith('https://'),
  };
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
    ...overrides,
  };
}
