// `atrium backup` and `atrium restore`: an online SQLite copy taken while another connection commits
// rows, restored into an empty data directory; the refusals; attachments; PostgreSQL's pg_dump advice.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentsBackupOf, backupSqlite, checkFile, restoreSqlite, sqliteFileOf } from './backup.js';
import { testConfig } from './config.js';
import { migrate, openDatabase } from './db/database.js';
import { createPostgresDatabase } from './testing/postgres.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function atrium(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  const full: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', PORT: '0', ...env };
  if (!env.DATABASE_URL) delete full.DATABASE_URL;
  delete full.SMTP_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/atrium.js', ...args], { cwd: root, env: full, timeout: 90_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let tmp: string;
let dataDir: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-backup-'));
  dataDir = path.join(tmp, 'data');
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A migrated Atrium SQLite database in the data directory, as `atrium start` leaves it. */
async function migratedDataDir(dir = dataDir): Promise<void> {
  const h = openDatabase({ sqliteFile: sqliteFileOf(dir) });
  await migrate(h.db);
  await h.close();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('atrium backup and restore (SQLite)', () => {
  it('a backup taken during 1,000 writes restores to a database that passes an integrity check and holds every committed row', async () => {
    await migratedDataDir();
    // the writer: a second connection committing one row into each of two tables per transaction
    const w = new SQLite(sqliteFileOf(dataDir));
    w.pragma('busy_timeout = 5000');
    w.exec('CREATE TABLE probe (seq INTEGER PRIMARY KEY, payload BLOB NOT NULL); CREATE TABLE probe_pair (seq INTEGER PRIMARY KEY)');
    const insert = w.prepare('INSERT INTO probe (seq, payload) VALUES (?, randomblob(1024))');
    const insertPair = w.prepare('INSERT INTO probe_pair (seq) VALUES (?)');
    const write = w.transaction((seq: number) => {
      insert.run(seq);
      insertPair.run(seq);
    });
    let committed = 0;
    const commit = () => write(++committed);

    for (let i = 0; i < 100; i++) commit();
    const beforeStart = committed;
    let committedAtExit: number | undefined;
    const backupFile = path.join(tmp, 'during.sqlite');
    const run = atrium({ ATRIUM_DATA_DIR: dataDir }, 'backup', '--to', backupFile).then((r) => {
      committedAtExit = committed;
      return r;
    });
    // commits go on, one every few milliseconds, while the CLI starts and copies; at least 1,000 in all,
    // and some after the backup has finished
    while (committedAtExit === undefined || committed < 1000 || committed < committedAtExit + 20) {
      commit();
      await sleep(3);
    }
    const result = await run;
    w.close();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('integrity check ok');
    expect(committed).toBeGreaterThanOrEqual(1000);

    const restoredDir = path.join(tmp, 'restored');
    const restore = await atrium({ ATRIUM_DATA_DIR: restoredDir }, 'restore', '--from', backupFile);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);

    const r = new SQLite(sqliteFileOf(restoredDir), { readonly: true });
    try {
      expect(r.pragma('integrity_check', { simple: true })).toBe('ok');
      const seqs = (r.prepare('SELECT seq FROM probe ORDER BY seq').all() as { seq: number }[]).map((x) => x.seq);
      const pairs = (r.prepare('SELECT seq FROM probe_pair ORDER BY seq').all() as { seq: number }[]).map((x) => x.seq);
      const k = seqs.length;
      // every row committed before the backup started, none after it ended, and the copy was taken in between
      expect(k).toBeGreaterThan(beforeStart);
      expect(k).toBeLessThanOrEqual(committedAtExit!);
      expect(k).toBeLessThan(committed);
      // a consistent set: the first k commits, each whole (both of its rows)
      expect(seqs).toEqual(Array.from({ length: k }, (_, i) => i + 1));
      expect(pairs).toEqual(seqs);
    } finally {
      r.close();
    }
    // the server opens it: its migrations are all there
    const h = openDatabase({ sqliteFile: sqliteFileOf(restoredDir) });
    expect(await migrate(h.db)).toEqual([]);
    await h.close();
  }, 180_000);

  it('copies the attachments beside the backup and puts them back on restore', async () => {
    await migratedDataDir();
    const files = path.join(dataDir, 'attachments', 'org_1');
    fs.mkdirSync(files, { recursive: true });
    fs.writeFileSync(path.join(files, 'att_1'), '%PDF-1.7 one');
    fs.writeFileSync(path.join(files, 'att_2'), 'two');
    const file = path.join(tmp, 'b.sqlite');
    const backup = await backupSqlite(testConfig({ dataDir }), file);
    expect(backup.code).toBe(0);
    expect(backup.out).toContain('2 attachment files');
    expect(fs.readFileSync(path.join(attachmentsBackupOf(file), 'org_1', 'att_1'), 'utf8')).toBe('%PDF-1.7 one');
    // the copy holds personal data: only its owner reads it
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // a self-contained file: no write-ahead log to lose beside it
    expect(fs.existsSync(`${file}-wal`)).toBe(false);

    const restoredDir = path.join(tmp, 'restored');
    const restore = restoreSqlite(testConfig({ dataDir: restoredDir }), file);
    expect(restore.code).toBe(0);
    expect(fs.readFileSync(path.join(restoredDir, 'attachments', 'org_1', 'att_2'), 'utf8')).toBe('two');
    expect(checkFile(sqliteFileOf(restoredDir))).toBeNull();
  });

  it('refuses to overwrite a backup unless --force, and leaves nothing behind when it refuses', async () => {
    await migratedDataDir();
    const file = path.join(tmp, 'b.sqlite');
    fs.writeFileSync(file, 'an older backup');
    const refused = await backupSqlite(testConfig({ dataDir }), file);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('already exists');
    expect(refused.out).toContain('--force');
    expect(fs.readFileSync(file, 'utf8')).toBe('an older backup');
    expect(fs.readdirSync(tmp).sort()).toEqual(['b.sqlite', 'data']);

    const forced = await backupSqlite(testConfig({ dataDir }), file, { force: true });
    expect(forced.code).toBe(0);
    expect(checkFile(file)).toBeNull();

    // the CLI says the same and exits non-zero
    const cli = await atrium({ ATRIUM_DATA_DIR: dataDir }, 'backup', '--to', file);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('already exists');
  }, 120_000);

  it('says where it looked when there is no database to back up', async () => {
    const out = await backupSqlite(testConfig({ dataDir }), path.join(tmp, 'b.sqlite'));
    expect(out.code).toBe(1);
    expect(out.out).toContain(sqliteFileOf(dataDir));
    expect(out.out).toContain('ATRIUM_DATA_DIR');
  });

  it('restores only into an empty data directory', async () => {
    await migratedDataDir();
    const file = path.join(tmp, 'b.sqlite');
    expect((await backupSqlite(testConfig({ dataDir }), file)).code).toBe(0);
    const before = fs.readFileSync(sqliteFileOf(dataDir));
    const refused = restoreSqlite(testConfig({ dataDir }), file);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('is not empty');
    expect(fs.readFileSync(sqliteFileOf(dataDir)).equals(before)).toBe(true);

    // an existing but empty directory (a fresh volume) is fine
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty);
    expect(restoreSqlite(testConfig({ dataDir: empty }), file).code).toBe(0);
  });

  it('refuses a file that is not a sound Atrium SQLite database, and restores nothing', async () => {
    const target = path.join(tmp, 'restored');
    const refuse = (file: string, reason: string) => {
      const out = restoreSqlite(testConfig({ dataDir: target }), file);
      expect(out.code).toBe(1);
      expect(out.out).toContain(reason);
      expect(fs.existsSync(target)).toBe(false);
    };
    refuse(path.join(tmp, 'missing.sqlite'), 'No backup file');

    const text = path.join(tmp, 'notes.txt');
    fs.writeFileSync(text, 'not a database at all');
    refuse(text, 'not a SQLite database');

    const other = path.join(tmp, 'other.sqlite');
    const o = new SQLite(other);
    o.exec('CREATE TABLE things (id INTEGER PRIMARY KEY)');
    o.close();
    refuse(other, 'not an Atrium one');

    // a real backup with a damaged page in the middle
    await migratedDataDir();
    const good = path.join(tmp, 'good.sqlite');
    expect((await backupSqlite(testConfig({ dataDir }), good)).code).toBe(0);
    const damaged = path.join(tmp, 'damaged.sqlite');
    const bytes = fs.readFileSync(good);
    const pageSize = bytes.readUInt16BE(16);
    const pages = bytes.length / pageSize;
    for (let p = 2; p < pages; p++) bytes.fill(0xa5, p * pageSize + 8, p * pageSize + 64);
    fs.writeFileSync(damaged, bytes);
    const out = restoreSqlite(testConfig({ dataDir: target }), damaged);
    expect(out.code).toBe(1);
    expect(out.out).toMatch(/integrity_check|cannot read it/);
    expect(fs.existsSync(target)).toBe(false);
  });
});

describe('atrium backup and restore with PostgreSQL', () => {
  const url = 'postgres://atrium:s3cret-pass@db.internal:5432/atrium';

  it('backup gives the pg_dump command, exits non-zero, and never prints the password', async () => {
    const run = await atrium({ ATRIUM_DATA_DIR: dataDir, DATABASE_URL: url }, 'backup', '--to', '/backups/atrium.dump');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('pg_dump --format=custom --no-owner --file=/backups/atrium.dump "$DATABASE_URL"');
    expect(run.stderr).toContain('attachments');
    expect(`${run.stdout}${run.stderr}`).not.toContain('s3cret');
    expect(fs.existsSync('/backups/atrium.dump')).toBe(false);
  }, 120_000);

  it('restore gives the pg_restore command and exits non-zero', async () => {
    const out = restoreSqlite(testConfig({ dataDir, databaseUrl: url }), 'atrium.dump');
    expect(out.code).toBe(1);
    expect(out.out).toContain('pg_restore --no-owner --exit-on-error --single-transaction --dbname="$DATABASE_URL" atrium.dump');
    expect(out.out).not.toContain('s3cret');
  });

  // the commands the advice and docs/self-hosting.md give, run for real against the test server
  it.skipIf(!process.env.DATABASE_URL)(
    'the advised pg_dump and pg_restore commands round-trip a database',
    async () => {
      const base = process.env.DATABASE_URL!;
      const from = await createPostgresDatabase(base, 'atrium_bk');
      const to = await createPostgresDatabase(base, 'atrium_rs');
      try {
        const h = openDatabase({ databaseUrl: from.url, poolSize: 2 });
        const applied = await migrate(h.db);
        await h.close();
        const dump = path.join(tmp, 'atrium.dump');
        const command = (advice: string) =>
          advice
            .split('\n')
            .find((l) => /^\s+pg_(dump|restore) /.test(l))!
            .trim();
        const sh = (line: string, databaseUrl: string) =>
          execFileSync('sh', ['-c', line], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: 'pipe' });
        sh(command((await backupSqlite(testConfig({ databaseUrl: from.url }), dump)).out), from.url);
        sh(command(restoreSqlite(testConfig({ databaseUrl: to.url }), dump).out), to.url);
        const r = openDatabase({ databaseUrl: to.url, poolSize: 2 });
        try {
          expect(await migrate(r.db)).toEqual([]);
          const rows = await r.db
            .selectFrom('kysely_migration' as never)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow();
          expect(Number(rows.n)).toBe(applied.length);
        } finally {
          await r.close();
        }
      } finally {
        await from.drop();
        await to.drop();
      }
    },
    120_000,
  );
});
