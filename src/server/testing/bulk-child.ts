// Child process for the mass-invitation crash test: opens the runtime from the environment
// (ATRIUM_DATA_DIR or DATABASE_URL), sets up an organization, starts a mass invitation of
// BULK_ROWS rows and keeps running until the test kills it. Run: node --import tsx <this file>.
import { loadConfig } from '../config.js';
import * as bulk from '../modules/invitations/bulk.js';
import { setupFromCli } from '../modules/setup/service.js';
import { openRuntime } from '../runtime.js';

const rows = Number(process.env.BULK_ROWS ?? 5000);
const rt = await openRuntime(loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', PUBLIC_URL: 'http://atrium.test' }));
const { organizationId, location, owner } = await setupFromCli(rt.deps, {
  organizationName: 'Crash Spaces',
  locationName: 'Crash Hall',
  address: '1 Main Street',
  timeZone: 'Europe/Paris',
  currency: 'EUR',
  country: 'FR',
  ownerEmail: 'owner@crash-owner.test',
  ownerFirstName: 'Olivia',
  ownerLastName: 'Owner',
});
const text = Array.from({ length: rows }, (_, i) => `P${i}\tCrash\tp${i}@crash.test`).join('\n');
// start() checks the paste, stores the job and runs it in the background of this process
const jobId = await bulk.start(rt.deps, { organizationId, locationId: location.id, actorUserId: owner.id }, { text });
process.stdout.write(`${JSON.stringify({ jobId, organizationId, locationId: location.id })}\n`);
// stays alive until killed, even once the job is over
setInterval(() => undefined, 60_000);
