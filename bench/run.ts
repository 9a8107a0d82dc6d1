// `npm run bench [-- NAME...]`: runs every bench/*.bench.ts (or those whose file name contains NAME) and prints
// each figure as a ratio against the baseline measured in the same run. Results also go to .tmp/bench/results.json.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR, type BenchContext, type Benchmark, type BenchResult } from './lib.js';

const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const ctx: BenchContext = {
  duration: Number(process.env.BENCH_DURATION ?? 5),
  warmup: Number(process.env.BENCH_WARMUP ?? 1),
  log: (line) => console.log(`    ${line}`),
};

function machine(): string {
  const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
  let cores = String(os.cpus().length);
  try {
    cores = execSync('nproc').toString().trim();
  } catch {
    // os.cpus() it is
  }
  return `${cpu}, ${cores} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

const files = fs
  .readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();
if (files.length === 0) {
  console.error(`No benchmark matches ${filters.join(', ')}`);
  process.exit(2);
}

console.log(`Machine: ${machine()}`);
console.log(`Database: ${process.env.DATABASE_URL ? 'PostgreSQL (a fresh database beside DATABASE_URL)' : 'SQLite (a fresh file, WAL)'}`);
console.log(`Each load run: ${ctx.duration} s after ${ctx.warmup} s of warm-up, 10 connections, autocannon in this process, the server in another`);

const results: (BenchResult & { file: string })[] = [];
let failed = 0;
const started = Date.now();
for (const file of files) {
  console.log(`\n${file}`);
  try {
    const mod = (await import(pathToFileURL(path.join(BENCH_DIR, file)).href)) as { default: Benchmark };
    const out = await mod.default(ctx);
    for (const r of Array.isArray(out) ? out : [out]) {
      results.push({ ...r, file });
      const fmt = (v: number) => `${Math.round(v)} ${r.unit}`;
      console.log(
        `  ${r.name}: ${fmt(r.value)} vs ${r.baseline.name} ${fmt(r.baseline.value)} = ratio ${r.ratio.toFixed(3)}${r.goal ? ` (goal ${r.goal})` : ''}`,
      );
      for (const d of r.details ?? []) console.log(`      ${d}`);
    }
  } catch (err) {
    failed++;
    console.error(`  FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}

console.log(`\nSummary (${((Date.now() - started) / 1000).toFixed(0)} s)`);
for (const r of results) console.log(`  ratio ${r.ratio.toFixed(3)}  ${r.name}`);
fs.mkdirSync('.tmp/bench', { recursive: true });
fs.writeFileSync(
  '.tmp/bench/results.json',
  JSON.stringify({ at: new Date().toISOString(), machine: machine(), database: process.env.DATABASE_URL ? 'postgres' : 'sqlite', results }, null, 2),
);
process.exit(failed ? 1 : 0);
