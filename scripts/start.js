// `npm start`: builds dist/ when it is missing or older than the sources (scripts/build.js), then runs the compiled
// server in this same process with plain node: `node dist/server/main.js start`, no tsx, one process to signal.
import { pathToFileURL } from 'node:url';
import { ensureBuilt, SERVER_MAIN } from './build.js';

try {
  await ensureBuilt();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
process.argv.splice(1, process.argv.length - 1, SERVER_MAIN, 'start', ...process.argv.slice(2));
await import(pathToFileURL(SERVER_MAIN).href);
