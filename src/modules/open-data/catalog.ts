/**
 * The data catalogue: every open dataset with its licence, publisher, last change and files, as
 * DCAT-AP 3 JSON-LD (dcat:Catalog → dcat:Dataset → dcat:Distribution) for a city's open-data portal
 * to harvest, and as plain JSON for the /data page. The JSON-LD context is inline rather than a
 * remote document, so a harvester (or a test) can expand it without fetching anything.
 */
import type { DbOrTx } from '../../platform/db/client.js';
import { OPEN_DATASETS, type DatasetIdT, type OpenDataIndexT, type OpenTextT } from '../../shared/contracts/open-data.js';
import { both } from './licence.js';
import { catalogUrl, dataset, datasetUrl, type OpenDataConfig } from './use-cases.js';

const FORMATS = [
  { format: 'CSV', ext: 'csv', mediaType: 'text/csv' },
  { format: 'JSON', ext: 'json', mediaType: 'application/json' },
] as const;

export async function openDataIndex(db: DbOrTx, config: OpenDataConfig, now: Date): Promise<OpenDataIndexT> {
  const docs = await Promise.all(OPEN_DATASETS.map((id) => dataset(db, config, id, now)));
  const first = docs[0]!;
  return {
    licence: first.licence,
    publisher: first.publisher,
    catalog: catalogUrl(config.publicUrl),
    datasets: docs.map((d) => ({
      id: d.dataset,
      title: d.title,
      description: d.description,
      modified: d.modified,
      records: d.records.length,
      distributions: FORMATS.map((f) => ({ format: f.format, mediaType: f.mediaType, url: datasetUrl(config.publicUrl, d.dataset, f.ext) })),
    })),
  };
}

/** Language-tagged literals: one per language that has text. */
function langs(t: OpenTextT): { '@value': string; '@language': string }[] {
  return [{ '@value': t.ko, '@language': 'ko' }, ...(t.en ? [{ '@value': t.en, '@language': 'en' }] : [])];
}
const dateTime = (iso: string) => ({ '@value': iso, '@type': 'xsd:dateTime' });
const EU = 'http://publications.europa.eu/resource/authority';

export async function catalogJsonLd(db: DbOrTx, config: OpenDataConfig, now: Date): Promise<Record<string, unknown>> {
  const index = await openDataIndex(db, config, now);
  const base = config.publicUrl;
  const page = `${base}/data`;
  const publisher = { '@id': `${base}/#publisher`, '@type': 'foaf:Agent', 'foaf:name': langs(index.publisher) };
  const licence = { '@id': index.licence.url, '@type': 'dct:LicenseDocument', 'dct:title': langs(index.licence.title) };
  const modified = index.datasets.map((d) => d.modified).filter((m): m is string => m !== null).sort().at(-1);
  const datasetNode = (d: OpenDataIndexT['datasets'][number]) => ({
    '@id': `${page}#${d.id}`,
    '@type': 'dcat:Dataset',
    'dct:identifier': `open-campus-${d.id as DatasetIdT}`,
    'dct:title': langs(d.title),
    'dct:description': langs(d.description),
    'dct:publisher': { '@id': publisher['@id'] },
    'dct:license': { '@id': index.licence.url },
    ...(d.modified ? { 'dct:modified': dateTime(d.modified) } : {}),
    'dct:language': [{ '@id': `${EU}/language/KOR` }, { '@id': `${EU}/language/ENG` }],
    'dcat:landingPage': { '@id': page },
    'dcat:distribution': d.distributions.map((f) => ({
      '@id': f.url,
      '@type': 'dcat:Distribution',
      'dct:title': langs({ ko: `${d.title.ko} (${f.format})`, en: d.title.en ? `${d.title.en} (${f.format})` : null }),
      'dcat:accessURL': { '@id': page },
      'dcat:downloadURL': { '@id': f.url },
      'dcat:mediaType': { '@id': `http://www.iana.org/assignments/media-types/${f.mediaType}` },
      'dct:format': { '@id': `${EU}/file-type/${f.format}` },
      'dct:license': { '@id': index.licence.url },
    })),
  });
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': index.catalog,
    '@type': 'dcat:Catalog',
    'dct:title': langs(both('openData.catalog.title')),
    'dct:description': langs(both('openData.catalog.description')),
    'dct:publisher': publisher,
    'dct:license': licence,
    ...(modified ? { 'dct:modified': dateTime(modified) } : {}),
    'dct:language': [{ '@id': `${EU}/language/KOR` }, { '@id': `${EU}/language/ENG` }],
    'foaf:homepage': { '@id': page },
    'dcat:dataset': index.datasets.map(datasetNode),
  };
}
