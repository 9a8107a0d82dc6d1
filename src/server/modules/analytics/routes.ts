// HTTP edge of analytics (the `analytics` permission): a location's monthly figures, and the CSV reports
// streamed as they are read.
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { errorSchema, locationParams } from '../../lib/schema.js';
import { adminScope, requesterLanguage } from '../access/service.js';
import { openReport } from './reports.js';
import { analyticsAnswer, analyticsQuery, REPORTS, reportParams, reportQuery } from './schema.js';
import * as service from './service.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

export function analyticsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/locations/:locationId';
    app.get(
      `${base}/analytics`,
      {
        schema: {
          tags: ['analytics'],
          summary: "A location's figures per local month (at most 24 months)",
          description:
            'One entry per month asked for: members and nonmembers at the month end (now for the current month), invitations sent and accepted, active users, meeting-room minutes booked and open, revenue and invoiced in minor units of `currency`. Months before the location existed are zeros.',
          params: locationParams,
          querystring: analyticsQuery,
          response: { 200: analyticsAnswer, ...errors },
        },
      },
      async (request) => service.monthlyFigures(deps, await adminScope(deps, request, request.params.locationId, 'analytics'), request.query),
    );
    app.get(
      `${base}/reports/:report.csv`,
      {
        schema: {
          tags: ['analytics'],
          summary: 'A report as CSV, streamed: rows whose own date falls between from and to (local dates, inclusive)',
          description: `Reports: ${REPORTS.join(', ')}. UTF-8 with a BOM, a header row, UTC times, money in major units beside a currency column. Column names and coded values (statuses, types, sources...) are the words the admin pages show, in the requester's language (their saved language, else Accept-Language; English or French). An unknown report is a 404.`,
          params: reportParams,
          querystring: reportQuery,
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'analytics');
        // everything that can fail is checked before the first byte
        const { fileName, lines } = await openReport(deps, scope, request.params.report, request.query, requesterLanguage(request));
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`);
        return reply.send(Readable.from(lines, { objectMode: false }));
      },
    );
  };
}
