// `npm run test:e2e`: builds the server and the web apps into dist/ unless they are up to date with the sources
// (scripts/build.js), then runs the browser tests against the compiled server (ATRIUM_FROM=dist: bin/atrium.js never
// falls back to tsx); extra arguments go to Vitest.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(script, args) {
  return new Promise((resolve) => {
    const env = { ...process.env, ATRIUM_FROM: 'dist' };
    const child = spawn(process.execPath, [path.join(root, script), ...args], { cwd: root, stdio: 'inherit', env });
    child.on('error', (err) => {
      console.error(`Could not run ${script}: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// Screenshots and logs of an earlier run would be mistaken for this one's.
fs.rmSync(path.join(root, '.tmp', 'e2e-artifacts'), { recursive: true, force: true });

const built = await run('scripts/build.js', ['--if-stale']);
if (built !== 0) {
  console.error('The build failed: the browser tests run the compiled server and the built web apps.');
  process.exit(built);
}
process.exit(await run('node_modules/vitest/vitest.mjs', ['run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)]));
