// Benchmark fixture, run as a child process: the real app (buildApp and the runtime of `atrium start`) plus a
// bare GET /bench/hello on the same Fastify instance, listening on 127.0.0.1 on a free port.
//
// BENCH_CLIENT_HEADER=1 lets a request name its client address in `x-bench-client` (see docs/benchmarks.md): it
// stands in for many people on their own addresses, so the per-address limits count each simulated client apart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openRuntime } from '../src/server/runtime.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-'));
const config = loadConfig({
  ATRIUM_DATA_DIR: dataDir,
  DATABASE_URL: process.env.BENCH_DATABASE_URL,
  PORT: '0',
  HOST: '127.0.0.1',
  PUBLIC_URL: 'http://127.0.0.1:3000',
  LOG_LEVEL: 'silent',
});
const rt = await openRuntime(config);
const app = await buildApp(rt.deps, { web: false });
app.get('/bench/hello', async () => ({ hello: 'world' }));

if (process.env.BENCH_CLIENT_HEADER === '1') {
  // Runs before Fastify sees the request: request.ip (rate limits, code throttling) then reads this address.
  app.server.prependListener('request', (req: IncomingMessage) => {
    const client = req.headers['x-bench-client'];
    if (typeof client === 'string') Object.defineProperty(req.socket, 'remoteAddress', { value: client, configurable: true });
  });
}

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  await app.close();
  await rt.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}
process.on('disconnect', close);
process.on('SIGTERM', close);
process.send?.({ port, database: rt.deps.dbKind });
