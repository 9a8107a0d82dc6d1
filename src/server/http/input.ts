// Input hygiene for every request: NUL characters are dropped from body and query text before
// validation (PostgreSQL cannot store them, no person types them, and pasted spreadsheet text
// sometimes carries them).
import type { FastifyInstance } from 'fastify';

function withoutNul(v: unknown): unknown {
  if (typeof v === 'string') return v.includes('\u0000') ? v.replaceAll('\u0000', '') : v;
  if (Array.isArray(v)) return v.map(withoutNul);
  if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = withoutNul(o[k]);
  }
  return v;
}

export function registerInputChecks(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    request.body = withoutNul(request.body);
    request.query = withoutNul(request.query);
  });
}
