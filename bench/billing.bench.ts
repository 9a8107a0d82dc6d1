// Billing (issues 10 and 11), one server, one location:
//  (3) an issued 5-line invoice as PDF against the same invoice as JSON, one request at a time (p50 and p95);
//  (2) the balances and the ledger's first page of a member with 5,000 ledger lines, one request at a time, with the
//      location holding 1,000,000 ledger entries against 10,000 (p95);
//  (1) the renewal sweep over 10,000 monthly subscriptions (credits, day passes, the period's invoice drafted and
//      issued, its email queued), against a raw insert of the very rows it wrote (bench/billing-raw.ts).
// BENCH_BILLING_SUBS (default 10,000), BENCH_LEDGER_LARGE (default 1,000,000; 0 skips the large step) and
// BENCH_BILLING_REPS (renewals measured, default 3) change the sizes.
import { LINES_PER_MONTH, type HistoryOwner, type RawRenewalResult } from './billing-raw.js';
import { median, quantile, result, startBenchServer, type BenchContext, type BenchResult } from './lib.js';

const SUBS = Number(process.env.BENCH_BILLING_SUBS ?? 10_000);
const LEDGER_SMALL = 10_000;
const LEDGER_LARGE = Number(process.env.BENCH_LEDGER_LARGE ?? 1_000_000);
const REPS = Math.max(1, Number(process.env.BENCH_BILLING_REPS ?? 3));
/** lines of the member whose balances and ledger are read */
const HISTORY_LINES = 5_000;
/** owners sharing the rest of the 10,000 entries (50 lines each) */
const SMALL_OWNERS = 100;
/** one-at-a-time requests per figure and size */
const REQUESTS = 300;
/** the first period of the subscriptions; renewal k runs on the 15th of month k after it, 10:00 in Paris */
const START = '2027-01-15';

interface Fixture {
  cookie: string;
  organizationId: string;
  locationId: string;
  ownerUserId: string;
  publicUrl: string;
}

interface SweepRun {
  ms: number;
  cpuMs: number;
  passes: number[];
  perSweep: Record<string, { ms: number; rows: number }>;
  statements: Record<string, { ms: number; statements: number }> | null;
  slow: Record<string, { ms: number; statements: number }> | null;
}

interface LedgerPlan {
  label: string;
  medianMs: number;
  statements: { sql: string; ms: number; plan: string[] }[];
}

const n = (v: number) => v.toLocaleString('en');
const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
const s1 = (v: number) => `${(v / 1000).toFixed(1)} s`;
const at = (k: number, dayShift = 0) => {
  const d = new Date(`${START}T09:00:00.000Z`);
  d.setUTCMonth(d.getUTCMonth() + k);
  d.setUTCDate(d.getUTCDate() + dayShift);
  return d.toISOString();
};

export default async function billing(ctx: BenchContext): Promise<BenchResult[]> {
  const server = await startBenchServer();
  try {
    const fx = await server.command<Fixture>('fixture');
    ctx.log(`server on ${server.database}, ${server.url}`);
    const loc = `/api/v1/locations/${fx.locationId}`;
    const get = { cookie: fx.cookie };
    const post = { ...get, origin: new URL(fx.publicUrl).origin, 'content-type': 'application/json' };
    const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: body === undefined ? get : post,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
      return JSON.parse(text) as T;
    };
    /** One GET: its time (ms) and size (bytes); anything but 200 fails the run. */
    const once = async (path: string) => {
      const t = performance.now();
      const res = await fetch(`${server.url}${path}`, { headers: get });
      const body = await res.arrayBuffer();
      const took = performance.now() - t;
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${Buffer.from(body).toString()}`);
      return { ms: took, bytes: body.byteLength };
    };
    const sql = async <T>(query: string) => server.command<T[]>('sql', { query });
    const count = async (table: string) => Number((await sql<{ n: number | string }>(`select count(*) as n from ${table}`))[0].n);
    const analyze = async () => {
      // what autovacuum's analyze does after a bulk change, done now rather than within the next minute or so
      if (server.database === 'postgres') await sql('analyze');
    };

    // The location bills as a French space would: 20 % VAT on top, billing details on every invoice.
    await call('PATCH', loc, {
      taxRateBps: 2000,
      billingDetails: { legalName: 'Bench Coworking SAS', address: '1 Bench Street, 75011 Paris', taxId: 'FR12345678901', footer: 'Payable within 14 days.' },
    });
    const seeded = await server.command<{ ms: number }>('seed', {
      organizationId: fx.organizationId,
      locationId: fx.locationId,
      count: Math.ceil(SUBS * 1.25) + 200,
    });
    const members = (
      await sql<{ id: string }>(
        `select id from customers where location_id = '${fx.locationId}' and type = 'member' and status <> 'removed' order by created_at, id`,
      )
    ).map((r) => r.id);
    ctx.log(`seeded ${n(Math.ceil(SUBS * 1.25) + 200)} customers (${n(members.length)} members) in ${s1(seeded.ms)}`);
    await analyze();
    const results: BenchResult[] = [];

    // ---- (3) an invoice as PDF against the same invoice as JSON ----
    const payer = members[members.length - 1];
    const draft = await call<{ invoice: { id: string } }>('POST', `${loc}/invoices`, {
      customerId: payer,
      lines: [
        { description: 'Bureau privé « Atlas » — décembre', quantity: 1, unitPrice: 45_000 },
        { description: 'Salle de réunion Kyoto, 3 h', quantity: 3, unitPrice: 2_500 },
        { description: 'Café, thé et collations', quantity: 12, unitPrice: 180, taxRateBps: 550 },
        { description: 'Casier sécurisé (Größe M)', quantity: 1, unitPrice: 1_500 },
        { description: 'Remise fidélité', quantity: 1, unitPrice: -2_000 },
      ],
    });
    const issued = await call<{ invoice: { id: string; number: string; total: number } }>('POST', `${loc}/invoices/${draft.invoice.id}/issue`, {});
    const jsonPath = `${loc}/invoices/${issued.invoice.id}`;
    const pdfPath = `${jsonPath}/pdf`;
    for (let i = 0; i < 20; i++) {
      await once(jsonPath);
      await once(pdfPath);
    }
    const json: number[] = [];
    const pdf: number[] = [];
    let sizes = { json: 0, pdf: 0 };
    // alternating, so a change in the machine's load weighs on both
    for (let i = 0; i < REQUESTS; i++) {
      const j = await once(jsonPath);
      const p = await once(pdfPath);
      json.push(j.ms);
      pdf.push(p.ms);
      sizes = { json: j.bytes, pdf: p.bytes };
    }
    ctx.log(
      `invoice ${issued.invoice.number}: JSON p50 ${ms(median(json))} p95 ${ms(quantile(json, 0.95))}; PDF p50 ${ms(median(pdf))} p95 ${ms(quantile(pdf, 0.95))}`,
    );
    const pdfDetails = [
      `${REQUESTS} of each, one at a time, alternating; JSON ${n(sizes.json)} bytes, PDF ${n(sizes.pdf)} bytes; invoice ${issued.invoice.number}, 5 lines, two tax rates`,
      `JSON p50 ${ms(median(json))} / p95 ${ms(quantile(json, 0.95))}; PDF p50 ${ms(median(pdf))} / p95 ${ms(quantile(pdf, 0.95))}`,
      "the renderer of main (src/server/modules/invoices/pdf.ts), a placeholder until the PDF branch lands: it writes the invoice's number only",
    ];
    results.push(
      result({
        name: 'invoice PDF against its JSON, p50, one request at a time',
        unit: 'ms',
        baseline: { name: 'GET the invoice as JSON, p50', value: median(json) },
        value: median(pdf),
        goal: '< 10',
        details: pdfDetails,
      }),
      result({
        name: 'invoice PDF against its JSON, p95, one request at a time',
        unit: 'ms',
        baseline: { name: 'GET the invoice as JSON, p95', value: quantile(json, 0.95) },
        value: quantile(pdf, 0.95),
        goal: '< 10',
      }),
    );

    // ---- (2) balances and the ledger page at 10,000 and at 1,000,000 ledger entries ----
    const history = members[0];
    const monthStart = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)).toISOString();
    const seedLedger = async (owners: HistoryOwner[]) => {
      const r = await server.command<{ ms: number; rows: Record<string, number> }>('seedLedger', {
        organizationId: fx.organizationId,
        locationId: fx.locationId,
        // the other owners' histories end with last month (all used or expired); the member read has a live month
        now: monthStart,
        owners,
      });
      ctx.log(
        `ledger seeded in ${s1(r.ms)}: ${Object.entries(r.rows)
          .map(([t, c]) => `${t} ${n(c)}`)
          .join(', ')}`,
      );
      await analyze();
      return r;
    };
    const balancesPath = `${loc}/balances?customerId=${history}`;
    const ledgerPath = `${loc}/ledger?customerId=${history}&limit=50`;
    const measureLedger = async (label: string) => {
      for (let i = 0; i < 30; i++) {
        await once(balancesPath);
        await once(ledgerPath);
        await once('/bench/hello');
      }
      const balances: number[] = [];
      const page: number[] = [];
      const hello: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        balances.push((await once(balancesPath)).ms);
        page.push((await once(ledgerPath)).ms);
        hello.push((await once('/bench/hello')).ms);
      }
      const answer = await call<{ credits: number; dayPasses: number; lots: unknown[] }>('GET', balancesPath);
      const items = (await call<{ items: unknown[] }>('GET', ledgerPath)).items.length;
      const plans = await server.command<LedgerPlan[]>('ledgerPlans', { organizationId: fx.organizationId, locationId: fx.locationId, customerId: history });
      for (const p of plans)
        ctx.log(
          `plans at ${label}, ${p.label} (${ms(p.medianMs)} in the database): ${p.statements.map((st) => `[${ms(st.ms)}] ${st.plan.join(' / ')}`).join(' | ')}`,
        );
      const entries = await count('ledger_entries');
      ctx.log(
        `${label}: ${n(entries)} entries; balances p50 ${ms(median(balances))} p95 ${ms(quantile(balances, 0.95))}; ledger p50 ${ms(median(page))} p95 ${ms(quantile(page, 0.95))}; hello p50 ${ms(median(hello))}`,
      );
      return { balances, page, hello, entries, answer, items, plans };
    };
    /** About `lines` lines over `owners` owners, in whole months of history (48 lines each: their lots all used or expired). */
    const filler = (from: number, owners: number, lines: number): HistoryOwner[] => {
      const months = Math.round(lines / LINES_PER_MONTH);
      return Array.from({ length: Math.min(owners, months) }, (_, i) => ({
        customerId: members[from + i],
        lines: (Math.floor(months / owners) + (i < months % owners ? 1 : 0)) * LINES_PER_MONTH,
      }));
    };
    await seedLedger([{ customerId: history, lines: HISTORY_LINES, now: new Date().toISOString() }, ...filler(1, SMALL_OWNERS, LEDGER_SMALL - HISTORY_LINES)]);
    const small = await measureLedger(`${n(LEDGER_SMALL)} entries`);
    if (LEDGER_LARGE > LEDGER_SMALL) {
      const owners = Math.min(members.length - 1 - SMALL_OWNERS, 10_000);
      const grown = await seedLedger(filler(1 + SMALL_OWNERS, owners, LEDGER_LARGE - small.entries));
      const large = await measureLedger(`${n(LEDGER_LARGE)} entries`);
      // minutes apart on a shared machine: hello's latency at each size says how much slower the machine itself was
      const drift = median(small.hello) / median(large.hello);
      const scaled = (r: number) =>
        `${(r * drift).toFixed(2)} scaled by the machine's drift (hello p50 ${ms(median(small.hello))} then ${ms(median(large.hello))})`;
      const common = `${REQUESTS} requests one at a time at each size, balances, ledger page and hello alternating; the member has ${n(HISTORY_LINES)} lines (a live month: ${small.answer.credits} credits, ${small.answer.dayPasses} day passes, ${small.answer.lots.length} live lots), the rest spread over ${n(SMALL_OWNERS)} then ${n(SMALL_OWNERS + owners)} owners; growing took ${s1(grown.ms)}`;
      const planOf = (m: typeof small, label: string) => m.plans.find((p) => p.label === label)!;
      for (const [label, key] of [
        ['balances', 'balances'],
        ['ledger', 'page'],
      ] as const) {
        const ratio = quantile(large[key], 0.95) / quantile(small[key], 0.95);
        results.push(
          result({
            name: `${label === 'balances' ? 'GET balances' : 'GET ledger (limit 50)'} p95, ${n(large.entries)} against ${n(small.entries)} ledger entries`,
            unit: 'ms',
            baseline: { name: `p95 at ${n(small.entries)} entries`, value: quantile(small[key], 0.95) },
            value: quantile(large[key], 0.95),
            goal: '<= 1.5',
            details: [
              `p50 ${ms(median(small[key]))} then ${ms(median(large[key]))}; ratio ${scaled(ratio)}`,
              `its statements in the database (median of 5): ${ms(planOf(small, label).medianMs)} then ${ms(planOf(large, label).medianMs)}${label === 'ledger' ? `; ${large.items} lines answered` : ''}`,
              ...(label === 'balances' ? [common] : []),
            ],
          }),
        );
      }
    } else ctx.log(`the ${n(LEDGER_LARGE)}-entry step is off (BENCH_LEDGER_LARGE=${process.env.BENCH_LEDGER_LARGE})`);

    // ---- (1) the renewal sweep over SUBS subscriptions against a raw insert of the rows it wrote ----
    const plan = await call<{ plan: { id: string } }>('POST', `${loc}/plans`, {
      name: 'Resident desk',
      price: 25_000,
      cycle: 'month',
      setupFee: 5_000,
      credits: 20,
      dayPasses: 4,
    });
    await server.command('subscribe', { planId: plan.plan.id, customerIds: members.slice(0, SUBS), startDate: START, actorUserId: fx.ownerUserId });
    await analyze();
    const sweep = (k: number, names: string[], opts: { split?: boolean; dayShift?: number } = {}) =>
      server.command<SweepRun>('sweep', { at: at(k, opts.dayShift ?? 0), names, split: opts.split ?? false });
    const describe = (r: SweepRun) =>
      `${s1(r.ms)} (server CPU ${s1(r.cpuMs)}) in ${r.passes.length} passes (${r.passes.map((p) => (p / 1000).toFixed(1)).join(', ')} s)`;
    const tables = ['ledger_transactions', 'ledger_entries', 'ledger_lots', 'invoices', 'invoice_lines', 'outbox', 'active_user_months'];
    const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(t)] as const)));

    // the first period, served by the start sweep: the state each renewal starts from (and the JIT warmed)
    const first = await sweep(0, ['subscription-start']);
    ctx.log(`start sweep, first period of ${n(SUBS)} subscriptions (setup fee line): ${describe(first)}`);
    const renewals: SweepRun[] = [];
    const raws: RawRenewalResult[] = [];
    const extra: string[] = [];
    let written: Record<string, number> = {};
    for (let k = 1; k <= REPS; k++) {
      const before = await counts();
      const r = await sweep(k, ['subscription-renew']);
      const after = await counts();
      written = Object.fromEntries(tables.map((t) => [t, after[t] - before[t]]));
      renewals.push(r);
      ctx.log(
        `renewal ${k} (${at(k).slice(0, 10)}): ${describe(r)}; wrote ${Object.entries(written)
          .map(([t, c]) => `${t} ${n(c)}`)
          .join(', ')}`,
      );
      const raw = await server.command<RawRenewalResult>('rawRenewal', { locationId: fx.locationId, at: at(k) });
      for (const t of tables)
        if ((raw.rows[t] ?? 0) !== written[t]) throw new Error(`the raw insert has ${raw.rows[t]} rows of ${t}, the sweep wrote ${written[t]}`);
      raws.push(raw);
      ctx.log(
        `raw insert of the same rows: ${ms(raw.ms)} (${Object.entries(raw.tables)
          .map(([t, v]) => `${t} ${v.toFixed(0)}`)
          .join(', ')}); read back and rekeyed in ${ms(raw.buildMs)}; the subscriptions' update alone ${ms(raw.subscriptionsUpdate.ms)}`,
      );
      if (k === 1) {
        // the rest of a renewal day, for the record: the last period's lots expire, the month's active users
        const expire = await sweep(k, ['ledger-expire']);
        const close = await sweep(k, ['month-close']);
        extra.push(
          `the same day's other work, for the record: ledger-expire ${n(expire.perSweep['ledger-expire']?.rows ?? 0)} lots ${describe(expire)}; month-close ${describe(close)}`,
        );
        ctx.log(extra[extra.length - 1]);
      }
    }
    // where a renewal's time goes: the same sweep once more, each statement timed per table
    const split = await sweep(REPS + 1, ['subscription-renew'], { split: true });
    const st = split.statements ?? {};
    const group = (names: string[]) => names.reduce((sum, t) => sum + (st[t]?.ms ?? 0), 0);
    const statements = Object.values(st).reduce((sum, v) => sum + v.statements, 0);
    const inStatements = group(Object.keys(st));
    const splitLines = [
      `split (one more renewal, ${s1(split.ms)}, each statement timed from its compilation to its result): ${n(Math.round(statements / SUBS))} statements a subscription; ${s1(inStatements)} in statements, ${s1(split.ms - inStatements)} in the code around them`,
      `by table: ${Object.entries(st)
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([t, v]) => `${t} ${s1(v.ms)} (${n(v.statements)})`)
        .join(', ')}`,
      `ledger tables ${s1(group(['ledger_transactions', 'ledger_lots', 'ledger_entries']))}; invoice tables ${s1(group(['invoices', 'invoice_lines', 'number_sequences']))}; outbox ${s1(group(['outbox']))}`,
      `statements over 2 ms: ${
        Object.entries(split.slow ?? {})
          .sort((a, b) => b[1].ms - a[1].ms)
          .slice(0, 3)
          .map(([text, v]) => `${n(v.statements)} × "${text.length > 90 ? `${text.slice(0, 90)}…` : text}" (${s1(v.ms)})`)
          .join('; ') || 'none'
      }`,
    ];
    ctx.log(splitLines.join('; '));
    // the usual order on a running server: the draft sweep drafts each invoice days ahead, the renewal issues it
    const drafted = await sweep(REPS + 2, ['invoice-draft'], { dayShift: -7 });
    const issuedOnly = await sweep(REPS + 2, ['subscription-renew']);
    const aheadLine = `with the drafts made 7 days ahead by the invoice-draft sweep (as a running server does): drafting ${describe(drafted)}, then the renewal ${describe(issuedOnly)}`;
    ctx.log(aheadLine);

    const sweepMs = median(renewals.map((r) => r.ms));
    const rawMs = median(raws.map((r) => r.ms));
    results.push(
      result({
        name: `renewal sweep over ${n(SUBS)} monthly subscriptions (grants, invoice drafted and issued, email)`,
        unit: 'ms',
        baseline: {
          name: `raw ${server.database === 'postgres' ? 'multi-row INSERTs through pg' : 'better-sqlite3 prepared inserts'} of the rows it wrote, one transaction`,
          value: rawMs,
        },
        value: sweepMs,
        goal: '<= 3',
        details: [
          `median of ${REPS}; sweeps ${renewals.map((r) => s1(r.ms)).join(', ')} (server CPU ${renewals.map((r) => s1(r.cpuMs)).join(', ')}; batches of 1,000, one transaction each); raw ${raws.map((r) => ms(r.ms)).join(', ')}; ${n(Math.round((SUBS / sweepMs) * 1000))} subscriptions/s`,
          `rows per renewal: ${Object.entries(written)
            .map(([t, c]) => `${t} ${n(c)}`)
            .join(
              ', ',
            )}, and the number sequence moved on by ${n(written.invoices)}; not in the baseline: the ${n(raws[0].subscriptionsUpdate.rows)} subscriptions' own update (${ms(median(raws.map((r) => r.subscriptionsUpdate.ms)))} raw)`,
          `the first period (start sweep, a setup fee line too): ${describe(first)}; the location holds ${n(await count('ledger_entries'))} ledger entries by the end`,
          ...splitLines,
          aheadLine,
          ...extra,
        ],
      }),
    );
    return results;
  } finally {
    await server.stop();
  }
}
