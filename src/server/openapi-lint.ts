// Lints the OpenAPI document with Redocly's `recommended` rules (built in: no download), for the
// test and for `npm run lint:api`, which builds the app with every optional route on and prints
// each problem with the operation it is about. Exits 1 on any error.
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from './app.js';
import { testConfig, type Config } from './config.js';
import { openDatabase } from './db/database.js';
import { FixedClock } from './lib/clock.js';
import { mailboxTransport } from './lib/mail/transports.js';

export interface LintProblem {
  severity: 'error' | 'warn';
  rule: string;
  message: string;
  /** `GET /api/v1/...` or the JSON pointer when the problem is not in an operation */
  where: string;
}

/** Every problem Redocly's recommended rules find in the document. */
export async function lintOpenApi(document: unknown): Promise<LintProblem[]> {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
  return problems.map((p) => ({ severity: p.severity === 'error' ? 'error' : 'warn', rule: p.ruleId, message: p.message, where: whereOf(p) }));
}

export const describeProblem = (p: LintProblem) => `${p.severity} ${p.rule} ${p.where}: ${p.message}`;

function whereOf(p: NormalizedProblem): string {
  const pointer = p.location[0]?.pointer ?? '';
  const m = /^#\/paths\/([^/]+)\/([a-z]+)(\/.*)?$/.exec(pointer);
  if (!m) return pointer;
  const path = m[1].replaceAll('~1', '/').replaceAll('~0', '~');
  return `${m[2].toUpperCase()} ${path}${m[3] ? ` (${m[3].slice(1).replaceAll('~1', '/')})` : ''}`;
}

/** The app with every optional route (Stripe's webhook, the dev payment provider), on an empty database. */
export async function appWithEveryRoute(overrides: Partial<Config> = {}, webDir?: string): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const handle = openDatabase({ sqliteFile: ':memory:' });
  const config = testConfig({
    publicUrl: 'https://atrium.example.org',
    payments: { stripe: { secretKey: 'sk_test_lint', webhookSecret: 'whsec_lint', apiUrl: undefined }, dev: true },
    ...overrides,
  });
  const app = await buildApp(
    {
      db: handle.db,
      dbKind: handle.kind,
      clock: new FixedClock('2026-12-01T00:00:00.000Z', 1),
      config,
      mail: mailboxTransport(),
      log: pino({ level: 'silent' }),
    },
    { web: webDir !== undefined, webDir },
  );
  await app.ready();
  return {
    app,
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { app, close } = await appWithEveryRoute();
  const problems = await lintOpenApi(app.swagger());
  await close();
  for (const p of problems) console.log(describeProblem(p));
  const errors = problems.filter((p) => p.severity === 'error').length;
  console.log(`OpenAPI lint (Redocly recommended): ${errors} errors, ${problems.length - errors} warnings`);
  process.exitCode = errors ? 1 : 0;
}
