// Sends due webhook deliveries, as the mail dispatcher sends mail: claims them (SKIP LOCKED on
// PostgreSQL, so several servers never send one twice), signs each attempt with Standard Webhooks
// headers (the same webhook-id every time), and on failure retries after 5 s, 5 min, 30 min, 2 h,
// 5 h, 10 h and 10 h, then marks it failed. A 410, or 5 days of nothing but failures, turns the
// endpoint off and emails the owner, in the transaction that records the attempt.
import { Webhook } from 'standardwebhooks';
import type { Deps } from '../../deps.js';
import { DAY, HOUR, MINUTE } from '../../lib/clock.js';
import { queueDisabledMail } from './mail.js';
import * as q from './queries.js';
import { postWebhook, type SendResult } from './url.js';

export const RETRY_DELAYS_MS = [5_000, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const DISABLE_AFTER_MS = 5 * DAY;
/** longer than a send's 10 s: a claim outlives its attempt unless the server died */
const CLAIM_MS = 2 * MINUTE;
const BATCH = 20;

export interface WebhookDispatchResult {
  succeeded: number;
  failed: number;
}

/** The three Standard Webhooks headers of one attempt. */
export function signedHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

async function settle(deps: Deps, row: q.ClaimedRow, result: SendResult): Promise<boolean> {
  const now = deps.clock.now();
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  await deps.db.transaction().execute(async (trx) => {
    await q.lockEndpoint(trx, deps.dbKind, row.endpoint_id);
    if (ok) {
      await q.recordAttempt(trx, row.id, { status: 'succeeded', statusCode: result.statusCode, error: null, nextAttemptAt: null, at: now });
      await q.markHealthy(trx, row.endpoint_id);
      return;
    }
    const gone = result.statusCode === 410;
    const last = gone || row.run_attempts >= MAX_ATTEMPTS;
    await q.recordAttempt(trx, row.id, {
      status: last ? 'failed' : 'pending',
      statusCode: result.statusCode,
      error: (result.error ?? `HTTP ${result.statusCode}`).slice(0, 500),
      nextAttemptAt: last ? null : new Date(now.getTime() + RETRY_DELAYS_MS[row.run_attempts - 1]).toISOString(),
      at: now,
    });
    const failingSince = await q.markFailing(trx, row.endpoint_id, now);
    const reason = gone ? 'gone' : failingSince && now.getTime() - Date.parse(failingSince) >= DISABLE_AFTER_MS ? 'failing' : null;
    if (reason && (await q.disableEndpoint(trx, row.endpoint_id, reason, now))) await queueDisabledMail(deps, trx, row.organization_id, row.url, reason);
  });
  return ok;
}

/** Sends every due delivery once (a batch at a time, in parallel); counts the attempts that succeeded and failed. */
export async function dispatchWebhooks(deps: Deps): Promise<WebhookDispatchResult> {
  const result = { succeeded: 0, failed: 0 };
  const allowPrivate = deps.config.webhooksAllowPrivate;
  for (;;) {
    const rows = await q.claimDue(deps.db, deps.dbKind, deps.clock.now(), CLAIM_MS, BATCH);
    if (rows.length === 0) return result;
    await Promise.all(
      rows.map(async (row) => {
        const sent = await postWebhook(row.url, signedHeaders(row.secret, row.id, deps.clock.now(), row.body), row.body, allowPrivate);
        if (!sent.error && sent.statusCode !== null && (sent.statusCode < 200 || sent.statusCode >= 300)) {
          deps.log.info({ delivery: row.id, status: sent.statusCode }, 'webhook answered with an error');
        }
        if (await settle(deps, row, sent)) result.succeeded++;
        else result.failed++;
      }),
    );
  }
}

const running = new WeakMap<Deps, { stop(): Promise<void> }>();

/** Runs dispatchWebhooks about every second on a server, until onStop. */
export async function startWebhookDispatcher(deps: Deps): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<unknown> | undefined;
  let stopped = false;
  const tick = () => {
    pass = dispatchWebhooks(deps)
      .catch((err) => deps.log.error({ err }, 'webhook dispatcher pass failed'))
      .finally(() => {
        pass = undefined;
        if (!stopped) timer = setTimeout(tick, 1000);
      });
  };
  timer = setTimeout(tick, 1000);
  running.set(deps, {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await pass;
    },
  });
  return 0;
}

export async function stopWebhookDispatcher(deps: Deps): Promise<void> {
  await running.get(deps)?.stop();
  running.delete(deps);
}
