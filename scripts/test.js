// `npm test`: the API/unit tests (Vitest), then the browser tests when Chromium is installed, and one summary line.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, '.tmp', 'test-results');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const vitestBin = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env });
    child.on('error', (err) => {
      console.error(`Could not run ${command}: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Counts from Vitest's JSON report; a file that failed to load counts as one failed test. */
function countsFrom(file) {
  if (!fs.existsSync(file)) return null;
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const brokenFiles = (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

function heading(title) {
  console.log(`\n=== ${title} ===\n`);
}

async function suite(name, command, args, reportFile) {
  fs.rmSync(reportFile, { force: true });
  const code = await run(command, [...args, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`]);
  let counts = countsFrom(reportFile);
  if (!counts) counts = { passed: 0, failed: 1, skipped: 0 }; // it died before reporting: a failure, not silence
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // e.g. an unhandled error outside any test
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${code !== 0 ? ` (exit code ${code})` : ''}`);
  return { code, counts };
}

fs.mkdirSync(resultsDir, { recursive: true });
const database = process.env.DATABASE_URL ? 'PostgreSQL (fresh databases beside DATABASE_URL)' : 'SQLite in memory';
const runs = [];

heading(`API and unit tests (Vitest, ${database})`);
runs.push(await suite('API and unit tests', process.execPath, [vitestBin, 'run'], path.join(resultsDir, 'unit.json')));

heading('Browser tests (Chromium)');
if (fs.existsSync(chromiumPath)) {
  runs.push(await suite('Browser tests', process.execPath, [path.join(root, 'e2e', 'run.js')], path.join(resultsDir, 'e2e.json')));
} else {
  console.log(`Browser tests skipped: no Chromium at ${chromiumPath} (apt-get install chromium)`);
}

const total = runs.reduce((t, r) => ({ passed: t.passed + r.counts.passed, failed: t.failed + r.counts.failed, skipped: t.skipped + r.counts.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
const ok = runs.every((r) => r.code === 0) && total.failed === 0;
console.log('');
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
