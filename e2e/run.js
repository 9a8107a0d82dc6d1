// `npm run test:e2e`: builds the web apps, then runs the browser tests; extra arguments go to Vitest.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(script, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules', script), ...args], { cwd: root, stdio: 'inherit' });
    child.on('error', (err) => {
      console.error(`Could not run ${script}: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// Screenshots and logs of an earlier run would be mistaken for this one's.
fs.rmSync(path.join(root, '.tmp', 'e2e-artifacts'), { recursive: true, force: true });

console.log('Building the web apps (vite build)...');
const built = await run('vite/bin/vite.js', ['build', '--logLevel', 'warn']);
if (built !== 0) {
  console.error('vite build failed: the browser tests need the built web apps.');
  process.exit(built);
}
process.exit(await run('vitest/vitest.mjs', ['run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)]));
