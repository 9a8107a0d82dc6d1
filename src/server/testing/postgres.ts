// A fresh, empty PostgreSQL database beside a base URL, for tests that need their own (the
// harness, the CLI tests, the browser tests), and its removal.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface FreshPostgres {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createPostgresDatabase(base: string, prefix = 'atrium_t'): Promise<FreshPostgres> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      // pool.end() resolves before its sockets close: wait for them, or the forced drop kills
      // a closing connection and its FATAL message surfaces as an uncaught error
      for (let i = 0; i < 100; i++) {
        const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
