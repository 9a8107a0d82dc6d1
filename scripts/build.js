// `npm run build`: the server compiled by tsc (tsconfig.build.json) into dist/server and the web apps built by Vite
// into dist/web, then a stamp (dist/.build-stamp) with the time the build started. `node scripts/build.js --if-stale`
// builds only when dist/ is missing or a source is newer than the stamp (scripts/start.js, e2e/run.js and the
// compiled-server test use it). One build at a time: a second one waits for the first, then finds dist/ fresh.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
export const SERVER_MAIN = path.join(DIST, 'server', 'main.js');
const STAMP = path.join(DIST, '.build-stamp');
const LOCK = path.join(DIST, '.build-lock');
const SOURCES = path.join(ROOT, 'src');
// besides src/**: what changes the output of tsc or Vite
const INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'vite.config.ts'];

/** The newest modification time (ms) among the sources the build reads; tests do not count. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.(test|e2e)\.tsx?$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(SOURCES);
  for (const f of INPUTS) {
    const p = path.join(ROOT, f);
    if (fs.existsSync(p)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Whether dist/ can be run as it is: `fresh`, `missing` (never built, or a build did not finish) or `stale` (a source
 * changed since). Without src/ (an installed image) a built dist/ is always fresh.
 */
export function buildState() {
  if (!fs.existsSync(SERVER_MAIN)) return 'missing';
  if (!fs.existsSync(SOURCES)) return 'fresh';
  if (!fs.existsSync(STAMP) || !fs.existsSync(path.join(DIST, 'web', 'index.html'))) return 'missing';
  const { startedAt } = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  return newestSource() > startedAt ? 'stale' : 'fresh';
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [command, ...args], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args[0] ?? ''} failed (${code ?? signal})`))));
  });
}

/** The path of a build tool's script; a clear error when the development dependencies are not installed. */
function tool(pkg, bin) {
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), bin);
  } catch {
    throw new Error(`${pkg} is not installed: run \`npm install\` (with the development dependencies) before building`);
  }
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
};

/** Holds dist/.build-lock (a folder: creating it is atomic) while `fn` runs; waits while another live process holds it. */
async function withLock(fn) {
  fs.mkdirSync(DIST, { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let owner = 0;
      try {
        owner = Number(fs.readFileSync(path.join(LOCK, 'pid'), 'utf8'));
      } catch {
        // being created or removed right now
      }
      if (owner && !alive(owner)) fs.rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
  const release = () => fs.rmSync(LOCK, { recursive: true, force: true });
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    release();
    process.off('exit', release);
  }
}

async function buildNow(parts) {
  const startedAt = Date.now();
  fs.rmSync(STAMP, { force: true });
  if (parts.includes('server')) {
    const t = Date.now();
    // from scratch: an output whose source was removed or renamed (a migration!) must not survive
    fs.rmSync(path.join(DIST, 'server'), { recursive: true, force: true });
    await run(tool('typescript', 'bin/tsc'), ['-p', 'tsconfig.build.json']);
    console.log(`Server compiled into dist/server in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  if (parts.includes('web')) {
    const t = Date.now();
    await run(tool('vite', 'bin/vite.js'), ['build', '--logLevel', 'warn']);
    console.log(`Web apps built into dist/web in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  if (parts.includes('server') && parts.includes('web')) fs.writeFileSync(STAMP, `${JSON.stringify({ startedAt })}\n`);
}

/** Builds the server and the web apps. */
export function build(parts = ['server', 'web']) {
  return withLock(() => buildNow(parts));
}

/** Builds unless dist/ is fresh; true when it built. */
export async function ensureBuilt() {
  if (buildState() === 'fresh') return false;
  return withLock(async () => {
    const state = buildState(); // another process may have built it while this one waited
    if (state === 'fresh') return false;
    console.log(state === 'missing' ? 'Building Atrium (dist/ is missing)...' : 'Building Atrium (the sources changed since the last build)...');
    await buildNow(['server', 'web']);
    return true;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const parts = args.filter((a) => a === 'server' || a === 'web');
  try {
    if (args.includes('--if-stale')) {
      if (!(await ensureBuilt())) console.log('dist/ is up to date with the sources.');
    } else {
      await build(parts.length ? parts : undefined);
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
