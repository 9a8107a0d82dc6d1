// Serves the built web apps: admin at /admin, reception at /reception, the portal everywhere else.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../dist/web');

export async function registerWeb(app: FastifyInstance, webDir = WEB_DIR): Promise<void> {
  if (!fs.existsSync(path.join(webDir, 'index.html'))) {
    app.log.warn({ webDir }, 'web apps not built: run `npm run build:web`');
    return;
  }
  await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false, cacheControl: false });
  const page = (file: string) => fs.readFileSync(path.join(webDir, file), 'utf8');
  const apps = [
    { prefix: '/admin', html: page('admin/index.html') },
    { prefix: '/reception', html: page('reception/index.html') },
    { prefix: '', html: page('index.html') },
  ];
  app.get('/*', async (request, reply) => {
    const url = request.url.split('?')[0];
    if (url.startsWith('/api/')) {
      return reply.status(404).send({ error: { code: 'not_found', message: `No route for GET ${url}` } });
    }
    const target = apps.find((a) => a.prefix === '' || url === a.prefix || url.startsWith(`${a.prefix}/`))!;
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(target.html);
  });
}
