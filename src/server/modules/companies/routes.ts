// HTTP edge of companies: the admin's company pages and the portal's company self-service.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { adminScope, memberScope } from '../access/service.js';
import type { MemberScope } from '../../scope.js';
import { forbidden } from '../../errors.js';
import { errorSchema, locationParams, noContent } from '../../lib/schema.js';
import * as customers from '../customers/service.js';
import { customerSchema } from '../customers/schema.js';
import {
  companyMemberBody,
  companyMemberParams,
  companyParams,
  companySchema,
  createCompanyBody,
  listCompaniesQuery,
  managerBody,
  updateCompanyBody,
} from './schema.js';
import * as service from './service.js';

const portalPersonParams = z.object({ locationId: z.string().uuid(), customerId: z.string().uuid() });
const companyPageAnswer = z.object({ company: companySchema, people: z.array(customerSchema), canManage: z.boolean() });

export function companyRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/locations/:locationId/companies';
    app.get(
      base,
      {
        schema: {
          tags: ['companies'],
          summary: 'List and search companies',
          params: locationParams,
          querystring: listCompaniesQuery,
          response: { 200: z.object({ items: z.array(companySchema), nextCursor: z.string().nullable() }), 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return service.listCompanies(deps, scope, request.query);
      },
    );
    app.post(
      base,
      {
        schema: {
          tags: ['companies'],
          summary: 'Create a company',
          params: locationParams,
          body: createCompanyBody,
          response: { 201: z.object({ company: companySchema }), 400: errorSchema, 404: errorSchema },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return reply.status(201).send({ company: await service.createCompany(deps, scope, request.body) });
      },
    );
    app.get(
      `${base}/:companyId`,
      {
        schema: {
          tags: ['companies'],
          summary: 'Read a company and its people',
          params: companyParams,
          response: { 200: z.object({ company: companySchema }), 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return { company: await service.getCompany(deps, scope, request.params.companyId) };
      },
    );
    app.patch(
      `${base}/:companyId`,
      {
        schema: {
          tags: ['companies'],
          summary: 'Change a company',
          params: companyParams,
          body: updateCompanyBody,
          response: { 200: z.object({ company: companySchema }), 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return { company: await service.updateCompany(deps, scope, request.params.companyId, request.body) };
      },
    );
    app.delete(
      `${base}/:companyId`,
      { schema: { tags: ['companies'], summary: 'Delete a company; its people stay customers', response: { 204: noContent }, params: companyParams } },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        await service.deleteCompany(deps, scope, request.params.companyId);
        return reply.status(204).send(null);
      },
    );
    app.post(
      `${base}/:companyId/people`,
      {
        schema: {
          tags: ['companies'],
          operationId: 'addCompanyPerson',
          summary: 'Add an existing customer to the company',
          response: { 204: noContent },
          params: companyParams,
          body: companyMemberBody,
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        await service.addPerson(deps, scope, request.params.companyId, request.body.customerId, request.body.manager);
        return reply.status(204).send(null);
      },
    );
    app.patch(
      `${base}/:companyId/people/:customerId`,
      {
        schema: {
          tags: ['companies'],
          summary: 'Turn the Manager flag on or off',
          response: { 204: noContent },
          params: companyMemberParams,
          body: managerBody,
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        await service.setManager(deps, scope, request.params.companyId, request.params.customerId, request.body.manager);
        return reply.status(204).send(null);
      },
    );
    app.delete(
      `${base}/:companyId/people/:customerId`,
      {
        schema: {
          tags: ['companies'],
          operationId: 'removeCompanyPerson',
          summary: 'Take a person out of the company',
          response: { 204: noContent },
          params: companyMemberParams,
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        await service.removePerson(deps, scope, request.params.companyId, request.params.customerId);
        return reply.status(204).send(null);
      },
    );

    // Portal: company self-service for company users; managers edit and remove.
    const portal = '/api/v1/portal/locations/:locationId/company';
    const companyPage = async (s: MemberScope) => {
      const companyId = service.companyOfMember(s);
      const [company, people] = await Promise.all([
        service.getCompany(deps, s, companyId),
        customers.listCustomers(deps, s, { companyId, sort: 'name', limit: 200 }),
      ]);
      return { company, people: people.items.filter((p) => p.status !== 'removed'), canManage: s.companyManager };
    };
    app.get(
      portal,
      { schema: { tags: ['portal'], summary: 'My company at this location', params: locationParams, response: { 200: companyPageAnswer, 404: errorSchema } } },
      async (request) => companyPage(await memberScope(deps, request, request.params.locationId)),
    );
    app.patch(
      portal,
      {
        schema: {
          tags: ['portal'],
          summary: 'Edit my company (managers)',
          params: locationParams,
          body: updateCompanyBody,
          response: { 200: companyPageAnswer, 403: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const s = await memberScope(deps, request, request.params.locationId);
        const companyId = service.companyOfMember(s);
        if (!s.companyManager) throw forbidden('Only company managers can edit the company');
        await service.updateCompany(deps, s, companyId, request.body);
        return companyPage(s);
      },
    );
    app.delete(
      `${portal}/people/:customerId`,
      {
        schema: {
          tags: ['portal'],
          operationId: 'removePortalCompanyPerson',
          summary: 'Remove a company user (managers)',
          response: { 204: noContent },
          params: portalPersonParams,
        },
      },
      async (request, reply) => {
        const s = await memberScope(deps, request, request.params.locationId);
        const companyId = service.companyOfMember(s);
        if (!s.companyManager) throw forbidden('Only company managers can remove company users');
        await service.removePerson(deps, s, companyId, request.params.customerId);
        return reply.status(204).send(null);
      },
    );
  };
}
