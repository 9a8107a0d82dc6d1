// `atrium backup` and `atrium restore`: an online copy of the SQLite database (SQLite's backup API) and its attachments, and putting one back.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Config } from './config.js';

/** The SQLite database file inside a data directory (the path runtime.ts opens). */
export const sqliteFileOf = (dataDir: string) => path.join(dataDir, 'atrium.sqlite');
const attachmentsDirOf = (dataDir: string) => path.join(dataDir, 'attachments');
/** Attachments go beside the backup file, in a folder named after it. */
export const attachmentsBackupOf = (file: string) => `${file}.attachments`;

/** What a command tells the operator, and its exit code. */
export interface Outcome {
  code: number;
  out: string;
}

const fail = (out: string): Outcome => ({ code: 1, out });

export function pgDumpAdvice(file: string): string {
  return [
    'DATABASE_URL is set: the database is PostgreSQL, which `atrium backup` does not copy. Use pg_dump (PostgreSQL client tools of the same major version or newer):',
    '',
    `  pg_dump --format=custom --no-owner --file=${shellQuote(file)} "$DATABASE_URL"`,
    '',
    'Attachments are files, not rows: copy the attachments folder of the data directory as well:',
    '',
    '  cp -a "$ATRIUM_DATA_DIR/attachments" /your/backup/place/',
    '',
    'See docs/self-hosting.md, "Backups and restore".',
  ].join('\n');
}

export function pgRestoreAdvice(file: string): string {
  return [
    'DATABASE_URL is set: the database is PostgreSQL, which `atrium restore` does not load. Into an empty database, with the server stopped:',
    '',
    `  pg_restore --no-owner --exit-on-error --single-transaction --dbname="$DATABASE_URL" ${shellQuote(file)}`,
    '',
    'then put the attachments folder back into the data directory. See docs/self-hosting.md, "Backups and restore".',
  ].join('\n');
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}

/**
 * Copies the database while the server runs. The copy is one step of SQLite's backup API over a
 * single read transaction: a consistent snapshot of every committed transaction up to that moment,
 * while writers go on (the database is in WAL mode). Then the attachments are copied: a file is
 * written before its row is committed, so every attachment row in the copy has its file, except
 * one deleted between the two copies.
 */
export async function backupSqlite(config: Config, to: string, opts: { force?: boolean } = {}): Promise<Outcome> {
  if (config.databaseUrl) return fail(pgDumpAdvice(to));
  const source = sqliteFileOf(config.dataDir);
  if (!fs.existsSync(source)) return fail(`No database at ${source}: check ATRIUM_DATA_DIR (it is ${config.dataDir}).`);
  const target = path.resolve(to);
  const filesTarget = attachmentsBackupOf(target);
  if (target === source) return fail('--to names the live database itself: give another file.');
  if (!fs.existsSync(path.dirname(target))) return fail(`The folder ${path.dirname(target)} does not exist.`);
  for (const existing of [target, filesTarget]) {
    if (fs.existsSync(existing) && !opts.force) return fail(`${existing} already exists: give another name, or add --force to replace it.`);
  }

  // written beside the target under a temporary name, renamed once complete: a failed or interrupted backup leaves the old one
  const partial = `${target}.partial-${process.pid}`;
  const partialFiles = `${filesTarget}.partial-${process.pid}`;
  try {
    const db = new SQLite(source, { fileMustExist: true });
    let pages: number;
    try {
      db.pragma('busy_timeout = 5000');
      // every page in one step: a step that reads part of the file would restart after each commit of the writers
      const done = await db.backup(partial, { progress: () => 0x7fffffff });
      pages = done.totalPages;
    } finally {
      db.close();
    }
    fs.chmodSync(partial, 0o600);
    const check = checkFile(partial, { setJournalDelete: true });
    if (check) throw new Error(`the copy does not pass its check (${check})`);

    const attachments = attachmentsDirOf(config.dataDir);
    let files = 0;
    if (fs.existsSync(attachments)) {
      fs.cpSync(attachments, partialFiles, { recursive: true, preserveTimestamps: true });
      files = countFiles(partialFiles);
    }

    fs.rmSync(filesTarget, { recursive: true, force: true });
    if (fs.existsSync(partialFiles)) fs.renameSync(partialFiles, filesTarget);
    fs.renameSync(partial, target);
    const size = fs.statSync(target).size;
    return {
      code: 0,
      out:
        `Backed up ${source} to ${target} (${formatBytes(size)}, ${pages} pages, integrity check ok)` +
        (files ? `\nand its ${files} attachment file${files === 1 ? '' : 's'} to ${filesTarget}` : '\n(no attachments to copy)'),
    };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    fs.rmSync(`${partial}-journal`, { force: true });
    fs.rmSync(partialFiles, { recursive: true, force: true });
    return fail(`Backup failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Puts a backup into an empty data directory: the database (after checking it is an Atrium
 * SQLite database that passes `PRAGMA integrity_check`) and the attachments folder beside it.
 * The server applies newer migrations at its next start.
 */
export function restoreSqlite(config: Config, from: string): Outcome {
  if (config.databaseUrl) return fail(pgRestoreAdvice(from));
  const file = path.resolve(from);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return fail(`No backup file at ${file}.`);
  const dataDir = config.dataDir;
  const leftovers = fs.existsSync(dataDir) ? fs.readdirSync(dataDir).filter((e) => e !== 'lost+found') : [];
  if (leftovers.length > 0) {
    return fail(
      `The data directory ${dataDir} is not empty (${leftovers.slice(0, 5).join(', ')}${leftovers.length > 5 ? ', ...' : ''}): restore only goes into an empty one. Stop the server, move that directory aside, and run the restore again.`,
    );
  }
  const problem = checkFile(file);
  if (problem) return fail(`${file} cannot be restored: ${problem}.`);

  fs.mkdirSync(dataDir, { recursive: true });
  const target = sqliteFileOf(dataDir);
  const partial = `${target}.partial-${process.pid}`;
  const filesSource = attachmentsBackupOf(file);
  const filesTarget = attachmentsDirOf(dataDir);
  try {
    fs.copyFileSync(file, partial);
    fs.chmodSync(partial, 0o600);
    let files = 0;
    if (fs.existsSync(filesSource)) {
      fs.cpSync(filesSource, filesTarget, { recursive: true, preserveTimestamps: true });
      files = countFiles(filesTarget);
    }
    fs.renameSync(partial, target);
    return {
      code: 0,
      out:
        `Restored ${file} into ${target}` +
        (files ? ` and ${files} attachment file${files === 1 ? '' : 's'} into ${filesTarget}.` : ` (no ${filesSource} beside it: no attachments restored).`) +
        '\nStart the server: it applies any newer migrations.',
    };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    fs.rmSync(filesTarget, { recursive: true, force: true });
    return fail(`Restore failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Why a file is not a sound Atrium SQLite database, or null when it is one. */
export function checkFile(file: string, opts: { setJournalDelete?: boolean } = {}): string | null {
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    if (fs.readSync(fd, head, 0, head.length, 0) < head.length || !head.equals(SQLITE_HEADER)) return 'it is not a SQLite database';
  } finally {
    fs.closeSync(fd);
  }
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { fileMustExist: true, readonly: !opts.setJournalDelete });
    // a self-contained file: no -wal beside it to lose when it is copied
    if (opts.setJournalDelete) db.pragma('journal_mode = DELETE');
    const rows = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    const verdict = rows.map((r) => r.integrity_check);
    if (verdict.length !== 1 || verdict[0] !== 'ok') return `PRAGMA integrity_check found problems: ${verdict.slice(0, 3).join('; ')}`;
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    if (!tables.has('kysely_migration') || !tables.has('organizations')) return 'it is a SQLite database, but not an Atrium one';
    const applied = db.prepare('SELECT count(*) AS n FROM kysely_migration').get() as { n: number };
    if (applied.n === 0) return 'it is a SQLite database, but not an Atrium one';
    return null;
  } catch (err) {
    return `SQLite cannot read it (${err instanceof Error ? err.message : String(err)})`;
  } finally {
    db?.close();
  }
}

function countFiles(dir: string): number {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
