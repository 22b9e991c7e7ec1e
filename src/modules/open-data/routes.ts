/**
 * HTTP routes of open data (docs/adr/0014-open-data-licence.md), all public: the catalogue as DCAT-AP JSON-LD, its
 * plain-JSON twin for the /data page, and each dataset as JSON and CSV. The licence is in every
 * JSON document and, for every file, in a `Link: rel="license"` header next to the catalogue's
 * address; Last-Modified is the data's own last change. Anyone may fetch them from any origin
 * (no cookies are read or set for this data), so a portal's harvester in a browser works too.
 */
import type { FastifyReply } from 'fastify';
import { publicAccess } from '../../core/access/policy.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';
import { ErrorBody } from '../../shared/contracts/common.js';
import { DatasetParams, OpenDataIndex, OpenDataset, type OpenDatasetT } from '../../shared/contracts/open-data.js';
import { catalogJsonLd, openDataIndex } from './catalog.js';
import { datasetCsv } from './csv.js';
import { catalogUrl, dataset } from './use-cases.js';

function openHeaders(reply: FastifyReply, licenceUrl: string, catalog: string, modified: string | null): FastifyReply {
  reply.header('link', `<${licenceUrl}>; rel="license", <${catalog}>; rel="describedby"; type="application/ld+json"`);
  reply.header('access-control-allow-origin', '*');
  if (modified) reply.header('last-modified', new Date(modified).toUTCString());
  return reply;
}

export function registerOpenDataRoutes(app: App, deps: ModuleDeps): void {
  const { db, config, now } = deps;
  const tags = ['open data'];

  app.route({
    method: 'GET',
    url: '/api/v1/open-data',
    config: { policy: publicAccess },
    schema: { tags, summary: 'The open datasets with licence, last change and download addresses (what the JSON-LD catalogue says, as plain JSON)', response: { 200: OpenDataIndex } },
    handler: (request, reply) => {
      reply.header('access-control-allow-origin', '*');
      return openDataIndex(db, config, now());
    },
  });

  app.route({
    method: 'GET',
    url: '/api/v1/open-data/catalog.jsonld',
    config: { policy: publicAccess },
    schema: { tags, summary: 'The data catalogue as DCAT-AP 3 JSON-LD (dcat:Catalog with a dcat:Dataset per dataset and a dcat:Distribution per format)' },
    handler: async (request, reply) => {
      const doc = await catalogJsonLd(db, config, now());
      const licence = (doc['dct:license'] as { '@id': string })['@id'];
      const modified = (doc['dct:modified'] as { '@value': string } | undefined)?.['@value'] ?? null;
      return openHeaders(reply, licence, catalogUrl(config.publicUrl), modified).type('application/ld+json; charset=utf-8').send(JSON.stringify(doc));
    },
  });

  app.route({
    method: 'GET',
    url: '/api/v1/open-data/:dataset.json',
    config: { policy: publicAccess },
    schema: { tags, summary: 'One open dataset as JSON: plan, schedule, budget, calls or courses, with its licence', params: DatasetParams, response: { 200: OpenDataset, 400: ErrorBody } },
    handler: async (request, reply) => {
      const d: OpenDatasetT = await dataset(db, config, request.params.dataset, now());
      openHeaders(reply, d.licence.url, d.links.catalog, d.modified);
      return d;
    },
  });

  app.route({
    method: 'GET',
    url: '/api/v1/open-data/:dataset.csv',
    config: { policy: publicAccess },
    schema: { tags, summary: 'One open dataset as CSV (UTF-8 with BOM); the licence is in the Link header and the catalogue', params: DatasetParams, response: { 400: ErrorBody } },
    handler: async (request, reply) => {
      const d = await dataset(db, config, request.params.dataset, now());
      return openHeaders(reply, d.licence.url, d.links.catalog, d.modified)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="open-campus-${d.dataset}.csv"`)
        .send(datasetCsv(d));
    },
  });
}
