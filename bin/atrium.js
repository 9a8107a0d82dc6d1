#!/usr/bin/env node
// The `atrium` command: runs the compiled server, dist/server/main.js, with plain node (`npm start` and
// `npm run build` compile it). In a checkout whose dist/ is missing or older than the sources, it runs the sources
// through tsx instead, so a developer's edits count at once. ATRIUM_FROM=dist refuses that fallback (the browser
// tests set it: they must run what was built); ATRIUM_FROM=src always runs the sources.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildState, ROOT, SERVER_MAIN } from '../scripts/build.js';

const from = process.env.ATRIUM_FROM ?? '';
if (!['', 'dist', 'src'].includes(from)) {
  console.error(`ATRIUM_FROM must be dist or src, not ${JSON.stringify(from)}`);
  process.exit(2);
}
const state = from === 'src' ? 'sources asked for' : buildState();
if (state === 'fresh') {
  await import(pathToFileURL(SERVER_MAIN).href);
} else if (from === 'dist') {
  console.error(`dist/ is ${state === 'missing' ? 'missing' : 'older than the sources'}: run \`npm run build\` first.`);
  process.exit(1);
} else {
  if (process.stderr.isTTY && from !== 'src') console.error(`(dist/ is ${state}: running the sources through tsx; \`npm run build\` compiles them)`);
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(ROOT, 'src', 'server', 'main.ts')).href);
}
