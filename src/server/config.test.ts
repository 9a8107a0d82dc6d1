// Configuration errors name the variable and what is wrong with it, and never print a password:
// each bad value through loadConfig, the database's refusals through openRuntime, and one real CLI run.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ConfigError, databaseConnectionProblem, loadConfig, maskUrl } from './config.js';
import { openRuntime } from './runtime.js';

const SECRET = 's3cretPa55';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function problem(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message).not.toContain(SECRET);
    return message;
  }
  throw new Error(`accepted: ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('names DATABASE_URL when it is not a PostgreSQL URL, masking its password', () => {
    expect(problem({ DATABASE_URL: `mysql://atrium:${SECRET}@db.example.com/atrium` })).toMatch(
      /DATABASE_URL: "mysql:\/\/atrium:\*+@db\.example\.com\/atrium" is not a PostgreSQL URL/,
    );
    // no raw `new URL` error, and no password even when the value is not a URL at all
    expect(problem({ DATABASE_URL: `atrium:${SECRET}@db` })).toMatch(/DATABASE_URL: .* is not a PostgreSQL URL/);
    expect(problem({ DATABASE_URL: `postgres://atrium:${SECRET}@db.example.com` })).toMatch(/DATABASE_URL: .* names no database/);
    expect(problem({ DATABASE_URL: `//atrium:${SECRET}@db.example.com/x y` })).toMatch(/DATABASE_URL/);
  });

  it('names SMTP_URL, PUBLIC_URL, TRUST_PROXY and PORT with what is wrong', () => {
    expect(problem({ SMTP_URL: `mail.example.com:587` })).toMatch(/SMTP_URL: "mail\.example\.com:587" is not an SMTP URL/);
    expect(problem({ SMTP_URL: `http://apikey:${SECRET}@mail.example.com` })).toMatch(
      /SMTP_URL: "http:\/\/apikey:\*+@mail\.example\.com\/?" is not an SMTP URL/,
    );
    expect(problem({ PUBLIC_URL: 'spaces.example.com' })).toMatch(/PUBLIC_URL: "spaces\.example\.com" is not an http:\/\/ or https:\/\/ address/);
    expect(problem({ PUBLIC_URL: 'https://example.com/atrium' })).toMatch(/PUBLIC_URL: .* not under a path \(\/atrium\)/);
    expect(problem({ PUBLIC_URL: `https://admin:${SECRET}@example.com` })).toMatch(/PUBLIC_URL: .* no user, password/);
    expect(problem({ TRUST_PROXY: 'true' })).toMatch(/TRUST_PROXY: "true" is neither a hop count/);
    expect(problem({ PORT: 'http' })).toMatch(/PORT: "http" is not a port/);
    expect(problem({ PORT: '70000' })).toMatch(/PORT: "70000" is not a port/);
    // several at once: each on its own line
    const both = problem({ PORT: '-1', SMTP_URL: 'nope' });
    expect(both.split('\n').filter((l) => /^ {2}(PORT|SMTP_URL): /.test(l))).toHaveLength(2);
  });

  it('accepts the good values', () => {
    const c = loadConfig({
      DATABASE_URL: `postgresql://atrium:${SECRET}@db:5432/atrium`,
      SMTP_URL: `smtps://apikey:${SECRET}@smtp.example.com:465`,
      PUBLIC_URL: 'https://spaces.example.com/',
      TRUST_PROXY: '1',
      PORT: '8080',
    });
    expect(c).toMatchObject({ port: 8080, publicUrl: 'https://spaces.example.com', trustProxy: 1, smtpUrl: `smtps://apikey:${SECRET}@smtp.example.com:465` });
    expect(loadConfig({}).port).toBe(3000);
  });

  it('masks the password and the query of any URL it echoes', () => {
    expect(maskUrl(`postgres://u:${SECRET}@h:5432/d?sslpassword=${SECRET}`)).toBe('postgres://u:*****@h:5432/d?*****');
    expect(maskUrl(`not a url //u:${SECRET}@h`)).not.toContain(SECRET);
  });
});

describe('the database of DATABASE_URL', () => {
  const url = `postgres://atrium:${SECRET}@db.example.com:5433/spaces`;

  it('says what is wrong for each refusal PostgreSQL or the network gives', () => {
    expect(databaseConnectionProblem({ code: 'ENOTFOUND' }, url)).toMatch(/DATABASE_URL: the host db\.example\.com is unknown/);
    expect(databaseConnectionProblem({ code: 'ECONNREFUSED' }, url)).toMatch(/DATABASE_URL: nothing answers at db\.example\.com:5433/);
    expect(databaseConnectionProblem({ code: 'timeout' }, url)).toMatch(/DATABASE_URL: db\.example\.com:5433 cannot be reached/);
    // The machine's PostgreSQL trusts every local connection, so a refused password cannot be produced for real
    // here: the error is built as the driver builds it from PostgreSQL's answer (SQLSTATE 28P01).
    const refused = Object.assign(new pg.DatabaseError('password authentication failed for user "atrium"', 0, 'error'), { code: '28P01' });
    expect(databaseConnectionProblem(refused, url)).toMatch(/DATABASE_URL: PostgreSQL refused the password of user atrium/);
    expect(databaseConnectionProblem({ code: '3D000' }, url)).toMatch(/DATABASE_URL: the database "spaces" does not exist on db\.example\.com:5433/);
    for (const code of ['ENOTFOUND', 'ECONNREFUSED', '28P01', '3D000']) expect(databaseConnectionProblem({ code }, url)).not.toContain(SECRET);
    expect(databaseConnectionProblem(new Error('syntax error'), url)).toBeNull();
  });

  it('refuses to start when nothing listens at its host and port', async () => {
    const config = loadConfig({ DATABASE_URL: `postgres://atrium:${SECRET}@127.0.0.1:1/atrium`, LOG_LEVEL: 'silent' });
    const err = await openRuntime(config).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/DATABASE_URL: nothing answers at 127\.0\.0\.1:1/);
    expect((err as Error).message).not.toContain(SECRET);
  });

  it.skipIf(!process.env.DATABASE_URL)('on PostgreSQL: refuses to start on a database that does not exist', async () => {
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = '/atrium_no_such_database';
    u.password = SECRET;
    const err = await openRuntime(loadConfig({ DATABASE_URL: u.toString(), LOG_LEVEL: 'silent' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/DATABASE_URL: the database "atrium_no_such_database" does not exist/);
    expect((err as Error).message).not.toContain(SECRET);
  });
});

describe('the atrium command', () => {
  it('exits non-zero on a bad configuration, naming the variable, without a stack trace or the password', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-config-'));
    const run = (env: Record<string, string>) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        const clean: NodeJS.ProcessEnv = { PATH: process.env.PATH, ATRIUM_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env };
        execFile(process.execPath, ['bin/atrium.js', 'start'], { cwd: root, env: clean, timeout: 60_000 }, (err, stdout, stderr) => {
          resolve({ code: err ? Number((err as { code?: unknown }).code) : 0, out: stdout + stderr });
        });
      });
    try {
      const [badUrl, unreachable] = await Promise.all([
        run({ DATABASE_URL: `mysql://atrium:${SECRET}@db/atrium`, PORT: '0' }),
        run({ DATABASE_URL: `postgres://atrium:${SECRET}@127.0.0.1:1/atrium`, PORT: '0' }),
      ]);
      for (const r of [badUrl, unreachable]) {
        expect(r.code).toBe(1);
        expect(r.out).toMatch(/^Invalid configuration:\n {2}DATABASE_URL: /);
        expect(r.out).not.toContain(SECRET);
        expect(r.out).not.toMatch(/\n\s+at /);
      }
      expect(badUrl.out).toContain('is not a PostgreSQL URL');
      expect(unreachable.out).toContain('nothing answers at 127.0.0.1:1');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
