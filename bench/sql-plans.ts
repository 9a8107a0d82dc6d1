// EXPLAIN QUERY PLAN of every statement captured with ATRIUM_SQL_CAPTURE (docs/testing.md), on a freshly migrated
// SQLite database, flagging what grows with the data: a SCAN of a table, a search by the scope columns alone, a
// temporary B-tree, a correlated subquery. `npx tsx bench/sql-plans.ts captured.jsonl [plans.txt]`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { migrate, openDatabase } from '../src/server/db/database.js';

const [input, output = 'sql-plans.txt'] = process.argv.slice(2);
if (!input) throw new Error('usage: tsx bench/sql-plans.ts captured.jsonl [plans.txt]');
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-plans-')), 'plans.db');
const handle = openDatabase({ sqliteFile: file });
await migrate(handle.db);
await handle.close();
const conn = new SQLite(file, { readonly: true });

// one statement per shape: lists of placeholders and multi-row VALUES differ only in length
const shapes = new Map<string, { sql: string; parameters: unknown[] }>();
for (const line of fs.readFileSync(input, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line) as { sql: string; parameters: unknown[] };
  const key = r.sql.replace(/\?(, \?)+/g, '?…').replace(/values \(.*$/s, 'values …');
  if (!shapes.has(key)) shapes.set(key, r);
}

const report: string[] = [];
let flagged = 0;
for (const { sql, parameters } of shapes.values()) {
  if (!/^\s*(select|update|delete|insert|with)/i.test(sql) || /sqlite_master|kysely_migration/.test(sql)) continue;
  const values = parameters.map((p) => (p && typeof p === 'object' && 'hex' in p ? Buffer.from(String(p.hex), 'hex') : p));
  let rows: { detail: string }[];
  try {
    rows = conn.prepare(`explain query plan ${sql}`).all(values) as { detail: string }[];
  } catch (e) {
    report.push(`?? ${(e as Error).message}\n${sql}\n`);
    continue;
  }
  const flags = rows
    .map((r) => r.detail)
    .filter(
      (d) =>
        /^SCAN (?!CONSTANT|json_each|b\b)/.test(d) ||
        /^SEARCH \w+ USING (COVERING )?INDEX \w+ \(((organization_id|location_id)=\?( AND )?)+\)$/.test(d) ||
        /TEMP B-TREE|CORRELATED/.test(d),
    );
  if (flags.length) flagged++;
  report.push(`${flags.length ? '!! ' : ''}${sql.replace(/\s+/g, ' ').trim()}\n${rows.map((r) => `   ${r.detail}`).join('\n')}\n`);
}
conn.close();
fs.rmSync(path.dirname(file), { recursive: true, force: true });
fs.writeFileSync(output, report.join('\n'));
console.log(`${shapes.size} shapes, ${flagged} flagged (!!) -> ${output}`);
