// Serves the built web apps: admin at /admin, reception at /reception, the portal everywhere else.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../dist/web');

/**
 * Cache-Control by kind of file. Vite writes every file under assets/ with a content hash in its
 * name, so a browser may keep it for good; the HTML shells name those files and change at every
 * upgrade, so the browser asks each time (an ETag makes that cheap); anything else (favicon,
 * manifest) has a stable name and may change, so it is kept an hour.
 */
export const CACHE = {
  hashed: 'public, max-age=31536000, immutable',
  html: 'no-cache',
  other: 'public, max-age=3600',
} as const;

export function cacheControlFor(relativePath: string): string {
  const p = relativePath.replaceAll(path.sep, '/');
  if (p.endsWith('.html')) return CACHE.html;
  if (p.startsWith('assets/')) return CACHE.hashed;
  return CACHE.other;
}

export async function registerWeb(app: FastifyInstance, webDir = WEB_DIR): Promise<void> {
  if (!fs.existsSync(path.join(webDir, 'index.html'))) {
    app.log.warn({ webDir }, 'web apps not built: run `npm run build:web`');
    return;
  }
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (reply, file) => reply.header('cache-control', cacheControlFor(path.relative(webDir, file))),
  });
  const page = (prefix: string, file: string) => {
    const html = fs.readFileSync(path.join(webDir, file), 'utf8');
    return { prefix, html, etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"` };
  };
  const apps = [page('/admin', 'admin/index.html'), page('/reception', 'reception/index.html'), page('', 'index.html')];
  app.get('/*', async (request, reply) => {
    const url = request.url.split('?')[0];
    if (url.startsWith('/api/')) {
      return reply.status(404).send({ error: { code: 'not_found', message: `No route for GET ${url}` } });
    }
    // a missing script or style (a page of the previous version asking for its files) is a 404, not an HTML page the browser would refuse as a script
    if (url.startsWith('/assets/')) {
      return reply
        .status(404)
        .header('cache-control', 'no-store')
        .send({ error: { code: 'not_found', message: `No file ${url}` } });
    }
    const target = apps.find((a) => a.prefix === '' || url === a.prefix || url.startsWith(`${a.prefix}/`))!;
    reply.header('cache-control', CACHE.html).header('etag', target.etag);
    // no-cache asks again at each visit: the same page after the same upgrade is a 304 without a body
    if (request.headers['if-none-match'] === target.etag) return reply.status(304).send();
    return reply.type('text/html; charset=utf-8').send(target.html);
  });
}
