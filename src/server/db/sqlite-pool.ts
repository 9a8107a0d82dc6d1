// A Kysely dialect for better-sqlite3 with one writer and a few read-only connections, so a read never queues behind a write transaction.
//
// Kysely's own SqliteDialect holds one connection, and a transaction keeps it across every await until it commits:
// each plain page read then waits for, say, a mass-invitation chunk. In WAL mode SQLite lets readers on other
// connections see the last committed state while one writer works, so here:
//
// - transactions take the writer under a mutex, from begin to commit or rollback, and every statement inside one
//   (reads included) runs on the writer, so it sees the transaction's own writes;
// - outside a transaction, a SELECT built by Kysely runs on a read-only connection and never touches the mutex;
//   anything else (inserts, updates, DDL, pragmas, and every raw `sql` statement, since its text is not inspected)
//   takes the writer for that one statement;
// - a statement that leaves the writer inside a transaction (a raw `begin` on `db.connection()`) keeps the writer
//   for that connection until the transaction ends, as the single connection did.
//
// better-sqlite3 is synchronous, so one reader answers every read statement in turn; the others exist for streams,
// whose open iterator keeps a connection busy until it ends. An in-memory database cannot be shared between
// connections: with `readers: 0` everything goes through the writer, exactly as before.
//
// Being synchronous also means a transaction's awaits are only microtasks: left alone, a transaction runs from begin
// to commit without the event loop ever turning, and a page request waits for it as surely as on the mutex. So once
// a transaction has run for a slice of time, its next statement first lets the event loop turn (setImmediate): the
// requests waiting meanwhile are answered from the readers, then the transaction goes on, still holding the writer.
//
// Checkpoints, which copy the WAL back into the database file, run on a thread of their own (`Checkpointer`) rather
// than in the writer's commits: SQLite's automatic checkpoint runs inside the commit that fills the WAL past 1,000
// pages and copies every page written since the last one, which held the event loop for 50 to 400 ms after each
// 1,000-row chunk of a mass invitation. A checkpoint is PASSIVE: it never waits for, nor blocks, the writer or readers.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { cachedPrepare } from './statement-cache.js';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

export type SqliteRole = 'writer' | 'reader';

export interface SqlitePoolConfig {
  /** the database file, or ':memory:' */
  file: string;
  /** read-only connections beside the writer; 0 sends everything through the writer (required for ':memory:') */
  readers: number;
  /** runs on every connection as it opens, the writer first: pragmas, user functions, extensions, so readers have them too */
  setup?(connection: SQLite.Database, role: SqliteRole): void;
  /** how long a transaction may keep the event loop before its next statement lets it turn (ms); with readers only */
  sliceMs?: number;
  /** the shortest time between two background checkpoints (ms); with readers only */
  checkpointEveryMs?: number;
}

/**
 * A few milliseconds: a page waits behind a write for about this long (plus one statement and the code the transaction
 * runs between statements), and a short transaction, the usual case, never yields at all.
 */
const DEFAULT_SLICE_MS = 4;

export class SqlitePoolDialect implements Dialect {
  readonly #config: SqlitePoolConfig;

  constructor(config: SqlitePoolConfig) {
    if (config.readers > 0 && isMemory(config.file)) throw new Error('an in-memory SQLite database cannot have read connections');
    this.#config = { ...config };
  }

  createDriver(): Driver {
    return new SqlitePoolDriver(this.#config);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** ':memory:' and '' (a private temporary database) live in one connection only. */
export function isMemory(file: string): boolean {
  return file === ':memory:' || file === '' || file.includes('mode=memory');
}

/**
 * Between two checkpoints, at least. Each checkpoint syncs the WAL and the database file to disk (commits do not, with
 * synchronous = NORMAL), and on a busy disk a sync can stall the writer's own writes: a busy writer's WAL is folded
 * back once a second (SQLite's automatic checkpoint did it every 1,000 pages: several times a second in a mass
 * invitation), a quiet one's soon after each write.
 */
const DEFAULT_CHECKPOINT_EVERY_MS = 1000;

// The checkpoint thread: plain CommonJS run with `eval`, so it needs no build step and runs the same under tsx, vitest
// and the built server. It opens its own connection and, each time it is asked, runs one PASSIVE checkpoint, waits
// out the interval, and says it is ready for the next request.
const CHECKPOINT_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
let wait = null;
parentPort.on('message', (m) => {
  if (m === 'close') {
    clearTimeout(wait);
    db.close();
    parentPort.close();
    return;
  }
  const started = Date.now();
  let error = null;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    error = String(err && err.message || err);
  }
  wait = setTimeout(() => parentPort.postMessage({ error }), Math.max(0, workerData.everyMs - (Date.now() - started)));
});
`;

/**
 * Checkpoints the WAL on a worker thread, asked after each write the writer finishes: one request at a time, a new
 * one after the current checkpoint when writes happened meanwhile. If the thread cannot start or fails, the writer
 * checkpoints automatically again, as SQLite does by default.
 */
class Checkpointer {
  readonly #worker: Worker;
  readonly #fallBack: () => void;
  /** a checkpoint was asked for and the thread has not answered yet */
  #busy = false;
  /** a write finished since the current request */
  #again = false;
  #closed = false;
  readonly #exited: Promise<void>;
  /** checkpoints run so far (tests) */
  done = 0;

  constructor(file: string, everyMs: number, fallBack: () => void) {
    this.#fallBack = fallBack;
    this.#worker = new Worker(CHECKPOINT_THREAD, {
      eval: true,
      workerData: { file, everyMs, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
    });
    // a checkpoint thread never keeps the process alive
    this.#worker.unref();
    this.#exited = new Promise((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.on('message', (m: { error: string | null }) => {
      this.#busy = false;
      if (m.error) return this.#fail();
      this.done++;
      if (this.#again) this.request();
    });
    this.#worker.on('error', () => this.#fail());
  }

  /** After a write: checkpoint soon. */
  request(): void {
    if (this.#closed) return;
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#busy = true;
    this.#again = false;
    this.#worker.postMessage('checkpoint');
  }

  #fail(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#fallBack();
    void this.#worker.terminate();
  }

  /** Closes the thread's connection (before the writer's, which must be the last to fold the WAL back). */
  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#worker.postMessage('close');
    }
    // the thread is unref'd so that it never keeps a process alive; while it closes, it must (else a CLI command that
    // awaits this close would find an empty event loop and exit on the spot, before printing anything)
    this.#worker.ref();
    await this.#exited;
  }
}

/** A first-come, first-served lock: writers get the connection in the order they asked. */
class Mutex {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  async lock(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  unlock(): void {
    const next = this.#waiting.shift();
    // the lock passes straight to the next waiter, so no one arriving meanwhile can overtake it
    if (next) next();
    else this.#held = false;
  }
}

/** Read-only connections; a connection is out only while a stream iterates over it. */
class ReaderPool {
  readonly #free: SQLite.Database[];
  readonly #waiting: ((c: SQLite.Database) => void)[] = [];

  constructor(readonly all: SQLite.Database[]) {
    this.#free = [...all];
  }

  get size(): number {
    return this.all.length;
  }

  /** The first free reader: the same one answers every statement, so its page cache stays warm. */
  peek(): SQLite.Database | undefined {
    return this.#free[0];
  }

  async take(): Promise<SQLite.Database> {
    const c = this.#free.shift();
    if (c) return c;
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  give(c: SQLite.Database): void {
    const next = this.#waiting.shift();
    if (next) next(c);
    else this.#free.unshift(c);
  }
}

class SqlitePoolDriver implements Driver {
  readonly #config: SqlitePoolConfig;
  readonly writerLock = new Mutex();
  writer!: SQLite.Database;
  readers!: ReaderPool;
  /** with readers (a file in WAL mode): checkpoints off the event loop */
  checkpointer?: Checkpointer;
  /** with no reader, a turn of the event loop would only let reads queue for the writer: no slices then */
  readonly sliceMs: number;

  constructor(config: SqlitePoolConfig) {
    this.#config = config;
    this.sliceMs = config.readers > 0 ? (config.sliceMs ?? DEFAULT_SLICE_MS) : Number.POSITIVE_INFINITY;
  }

  async init(): Promise<void> {
    // the writer opens first: it turns WAL on, which read-only connections cannot do, and creates the -wal and -shm files they need
    this.writer = new SQLite(this.#config.file);
    this.#config.setup?.(this.writer, 'writer');
    const readers: SQLite.Database[] = [];
    for (let i = 0; i < this.#config.readers; i++) {
      const r = new SQLite(this.#config.file, { readonly: true });
      this.#config.setup?.(r, 'reader');
      readers.push(r);
    }
    this.readers = new ReaderPool(readers);
    if (readers.length > 0 && this.writer.pragma('journal_mode', { simple: true }) === 'wal') {
      // the writer's commits no longer checkpoint: the thread does, after them
      this.writer.pragma('wal_autocheckpoint = 0');
      try {
        this.checkpointer = new Checkpointer(this.#config.file, this.#config.checkpointEveryMs ?? DEFAULT_CHECKPOINT_EVERY_MS, () => {
          this.checkpointer = undefined;
          this.writer.pragma('wal_autocheckpoint = 1000');
        });
      } catch {
        this.writer.pragma('wal_autocheckpoint = 1000');
      }
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // nothing is locked yet: whether this connection needs the writer depends on the statements it will run
    return new RoutedConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutedConnection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutedConnection).end('commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutedConnection).end('rollback');
  }

  // savepoints are raw statements, so they run on the writer, which a transaction already holds
  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteName(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteName(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoteName(name)}`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as RoutedConnection).release();
  }

  async destroy(): Promise<void> {
    // the checkpoint thread and the readers close first, so the writer is the last connection and checkpoints the WAL
    // into the file on close
    await this.checkpointer?.close();
    for (const r of this.readers?.all ?? []) r.close();
    this.writer?.close();
  }
}

function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** One Kysely connection: it routes each statement to a reader or to the writer, and holds the writer only while it must. */
class RoutedConnection implements DatabaseConnection {
  readonly #driver: SqlitePoolDriver;
  /** this connection holds the writer lock */
  #holdsWriter = false;
  /** between Kysely's begin and its commit or rollback */
  #inTransaction = false;
  /** when this connection last took the writer or let the event loop turn */
  #sliceStarted = 0;

  constructor(driver: SqlitePoolDriver) {
    this.#driver = driver;
  }

  async begin(): Promise<void> {
    await this.#takeWriter();
    this.#inTransaction = true;
    try {
      this.#driver.writer.exec('begin');
    } catch (err) {
      this.#inTransaction = false;
      this.#releaseWriterIfDone();
      throw err;
    }
  }

  async end(statement: 'commit' | 'rollback'): Promise<void> {
    try {
      this.#driver.writer.exec(statement);
    } finally {
      // a failed commit leaves SQLite inside the transaction: the writer stays held until Kysely's rollback
      this.#inTransaction = false;
      this.#releaseWriterIfDone();
    }
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#holdsWriter && performance.now() - this.#sliceStarted >= this.#driver.sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      this.#sliceStarted = performance.now();
    }
    if (!this.#holdsWriter) {
      // with every reader busy streaming, a read falls back to the writer rather than wait for a stream to end
      const reader = isRead(compiledQuery) ? this.#driver.readers.peek() : undefined;
      if (reader) return run<R>(reader, compiledQuery);
      await this.#takeWriter();
    }
    try {
      return run<R>(this.#driver.writer, compiledQuery);
    } finally {
      this.#releaseWriterIfDone();
    }
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) throw new Error('SQLite streams only select queries');
    if (this.#holdsWriter) {
      yield* iterate<R>(this.#driver.writer, compiledQuery);
      return;
    }
    const readers = this.#driver.readers;
    if (readers.size > 0) {
      const reader = await readers.take();
      try {
        yield* iterate<R>(reader, compiledQuery);
      } finally {
        readers.give(reader);
      }
      return;
    }
    await this.#takeWriter();
    try {
      yield* iterate<R>(this.#driver.writer, compiledQuery);
    } finally {
      this.#releaseWriterIfDone();
    }
  }

  release(): void {
    if (!this.#holdsWriter) return;
    // a connection given back mid-transaction (a raw `begin` never ended) must not hand its open transaction to the next writer
    if (this.#driver.writer.inTransaction) {
      try {
        this.#driver.writer.exec('rollback');
      } catch {
        // the transaction is gone either way; the lock must still be given back
      }
    }
    this.#inTransaction = false;
    this.#holdsWriter = false;
    this.#driver.writerLock.unlock();
  }

  async #takeWriter(): Promise<void> {
    if (this.#holdsWriter) return;
    await this.#driver.writerLock.lock();
    this.#holdsWriter = true;
    this.#sliceStarted = performance.now();
  }

  #releaseWriterIfDone(): void {
    if (!this.#holdsWriter || this.#inTransaction || this.#driver.writer.inTransaction) return;
    this.#holdsWriter = false;
    this.#driver.writerLock.unlock();
    // whatever the writer committed goes back into the file soon, off the event loop (nothing to do after a read)
    this.#driver.checkpointer?.request();
  }
}

/** Only a SELECT that Kysely built is known to write nothing; raw SQL may be anything, so it is treated as a write. */
function isRead(compiledQuery: CompiledQuery): boolean {
  return SelectQueryNode.is(compiledQuery.query);
}

/**
 * `ATRIUM_SQL_CAPTURE=<file>`: every distinct SQL text this process runs on SQLite is appended to the file, once, as a
 * JSON line with the parameters of its first run (off by default; `scripts/sql-plans.ts` explains them, docs/testing.md).
 */
const captureFile = process.env.ATRIUM_SQL_CAPTURE;
const captured = new Set<string>();
function capture({ sql, parameters }: CompiledQuery) {
  if (!captureFile || captured.has(sql)) return;
  captured.add(sql);
  const shown = parameters.map((p) => (Buffer.isBuffer(p) ? { hex: p.toString('hex') } : typeof p === 'bigint' ? Number(p) : p));
  fs.appendFileSync(captureFile, `${JSON.stringify({ sql, parameters: shown })}\n`);
}

function run<R>(connection: SQLite.Database, compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
  capture(compiledQuery);
  const { sql, parameters } = compiledQuery;
  const stmt = cachedPrepare(connection, sql);
  if (stmt.reader) return Promise.resolve({ rows: stmt.all(parameters) as R[] });
  const { changes, lastInsertRowid } = stmt.run(parameters);
  return Promise.resolve({
    numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
    insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
    rows: [],
  });
}

async function* iterate<R>(connection: SQLite.Database, compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
  capture(compiledQuery);
  const stmt = cachedPrepare(connection, compiledQuery.sql);
  for (const row of stmt.iterate(compiledQuery.parameters)) yield { rows: [row as R] };
}
