// The `atrium` command line: start | migrate | sweep | setup | demo | seed | backup | restore.
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { backupSqlite, restoreSqlite } from './backup.js';
import { isLoopbackUrl, loadConfig } from './config.js';
import { loadDemo } from './demo.js';
import { seedCustomers } from './seed.js';
import { findLocationUnscoped, firstLocation } from './modules/locations/service.js';
import { FixedClock, systemClock } from './lib/clock.js';
import { setupFields } from './modules/setup/schema.js';
import { prepareSetupLink, setupFromCli } from './modules/setup/service.js';
import { openRuntime, type RunningServer, STOP_TIMEOUT_MS, startServer, sweepOnce } from './runtime.js';

const usage = `Usage: atrium <command>

  start                 migrate, then run the server
  migrate               apply database migrations
  sweep [--at ISO]      run the scheduled rules once, as if at that time, and deliver due mail
  setup --organization NAME --location NAME --owner-email EMAIL --owner-first-name NAME
        [--owner-last-name NAME] [--time-zone TZ] [--currency EUR] [--country FR] [--address TEXT]
                        create an organization and print a one-time sign-in link for its owner
  demo                  load demo data into an empty database
  seed --customers N [--location ID]
                        add N generated customers to a location (the first one by default)
  backup --to FILE [--force]
                        copy the SQLite database while the server runs, and its attachments
                        to FILE.attachments/ (PostgreSQL: prints the pg_dump command)
  restore --from FILE   put a backup (and FILE.attachments/) into an empty data directory
`;

/**
 * SIGTERM or SIGINT stops the server gracefully (runtime.ts), within STOP_TIMEOUT_MS: past it the process exits with
 * 1 anyway, logging what was still running. A second signal exits at once.
 */
function stopOnSignals(server: RunningServer, log: Logger) {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal, stillRunning: server.stillRunning() }, 'second signal: exiting at once');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, `stopping: finishing requests and background work (${STOP_TIMEOUT_MS / 1000} s at most)`);
    const timer = setTimeout(() => {
      log.error({ stillRunning: server.stillRunning() }, `not stopped after ${STOP_TIMEOUT_MS / 1000} s: exiting anyway`);
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    server.stop().then(
      () => {
        clearTimeout(timer);
        log.info('stopped');
        process.exit(0);
      },
      (err) => {
        log.error({ err }, 'the stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'start': {
      const rt = await openRuntime(config);
      const server = await startServer(rt);
      const link = await prepareSetupLink(rt.deps);
      console.log(`Atrium is running at ${config.publicUrl} (admin: ${config.publicUrl}/admin)`);
      if (link) console.log(`\nFirst run: open this link to set up your organization:\n\n  ${link}\n`);
      if (rt.deps.mail.name === 'mailbox') console.log(`Mail goes to the built-in mailbox: ${config.publicUrl}/admin/mailbox`);
      // A server others reach that delivers no mail: codes and invitations reach nobody, so say it loudly.
      if (rt.deps.mail.name === 'mailbox' && !isLoopbackUrl(config.publicUrl)) {
        rt.deps.log.warn(
          { publicUrl: config.publicUrl },
          'PUBLIC_URL is not this machine but SMTP_URL is unset: no email is delivered (sign-in codes and invitations stay in the built-in mailbox, which only an owner can read). Set SMTP_URL.',
        );
      }
      stopOnSignals(server, rt.deps.log);
      return -1; // keep running
    }
    case 'migrate': {
      const rt = await openRuntime(config);
      await rt.close();
      console.log('Database is up to date.');
      return 0;
    }
    case 'sweep': {
      const { values } = parseArgs({ args: rest, options: { at: { type: 'string' } } });
      const at = values.at ? new Date(values.at) : new Date();
      if (Number.isNaN(at.getTime())) throw new Error(`--at: not a date: ${values.at}`);
      const rt = await openRuntime(config, values.at ? new FixedClock(at) : systemClock);
      const { counts, mail } = await sweepOnce(rt.deps);
      await rt.close();
      console.log(JSON.stringify({ at: at.toISOString(), sweeps: counts, mailSent: mail.sent, mailFailed: mail.failed }));
      return 0;
    }
    case 'setup': {
      const { values } = parseArgs({
        args: rest,
        options: {
          organization: { type: 'string' },
          location: { type: 'string' },
          'owner-email': { type: 'string' },
          'owner-first-name': { type: 'string' },
          'owner-last-name': { type: 'string', default: '' },
          'time-zone': { type: 'string', default: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' },
          currency: { type: 'string', default: 'EUR' },
          country: { type: 'string', default: 'FR' },
          address: { type: 'string', default: '' },
        },
      });
      const parsed = setupFields.safeParse({
        organizationName: values.organization,
        locationName: values.location,
        address: values.address,
        timeZone: values['time-zone'],
        currency: values.currency,
        country: values.country,
        ownerEmail: values['owner-email'],
        ownerFirstName: values['owner-first-name'],
        ownerLastName: values['owner-last-name'],
      });
      if (!parsed.success) {
        console.error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
        console.error(`\n${usage}`);
        return 2;
      }
      const rt = await openRuntime(config);
      const { link } = await setupFromCli(rt.deps, parsed.data);
      await rt.close();
      console.log(`Organization "${parsed.data.organizationName}" created.\nSign in as its owner with this one-time link (valid 24 hours):\n\n  ${link}\n`);
      return 0;
    }
    case 'demo': {
      const rt = await openRuntime(config);
      const summary = await loadDemo(rt.deps);
      await rt.close();
      console.log(summary);
      return 0;
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { customers: { type: 'string' }, location: { type: 'string' } } });
      const count = Number(values.customers);
      if (!Number.isInteger(count) || count < 1 || count > 5_000_000) {
        console.error('--customers: give a number of customers between 1 and 5,000,000');
        return 2;
      }
      const rt = await openRuntime(config);
      const location = values.location ? await findLocationUnscoped(rt.deps.db, values.location) : await firstLocation(rt.deps.db);
      if (!location) {
        console.error(values.location ? `No location ${values.location}` : 'No location yet: run the setup (or `atrium demo`) first.');
        await rt.close();
        return 2;
      }
      const started = Date.now();
      await seedCustomers(rt.deps, {
        organizationId: location.organization_id,
        locationId: location.id,
        count,
        onProgress: (done) => process.stdout.write(`\r${done.toLocaleString('en')} / ${count.toLocaleString('en')}`),
      });
      await rt.close();
      console.log(`\nAdded ${count.toLocaleString('en')} customers to ${location.name} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      return 0;
    }
    case 'backup': {
      const { values } = parseArgs({ args: rest, options: { to: { type: 'string' }, force: { type: 'boolean', default: false } } });
      if (!values.to) {
        console.error(`backup: give the file to write with --to FILE\n\n${usage}`);
        return 2;
      }
      const outcome = await backupSqlite(config, values.to, { force: values.force });
      (outcome.code === 0 ? console.log : console.error)(outcome.out);
      return outcome.code;
    }
    case 'restore': {
      const { values } = parseArgs({ args: rest, options: { from: { type: 'string' } } });
      if (!values.from) {
        console.error(`restore: give the backup file with --from FILE\n\n${usage}`);
        return 2;
      }
      const outcome = restoreSqlite(config, values.from);
      (outcome.code === 0 ? console.log : console.error)(outcome.out);
      return outcome.code;
    }
    default:
      console.log(usage);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
