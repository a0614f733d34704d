// Asks a CKAN-compatible site the same questions with two real npm CKAN clients and prints what they got, as JSON,
// for CkanClientTests to compare with the recorded real CKAN responses' shapes.
//   node ckan-clients.mjs BASE_URL_WITH_TRAILING_SLASH
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { Portal } = require('ckanapi');
const CKAN = require('ckan');

const base = process.argv[2];
const out = {};

// DataShades ckanapi-ts: POST JSON to {base}api/3/action/{name}; throws the error object on success:false.
const portal = new Portal(base);
out.ckanapi_search = await portal.action.package_search({ q: process.argv[3] ?? '', rows: 2, 'facet.field': ['organization', 'res_format'] });
out.ckanapi_show = await portal.action.package_show({ id: out.ckanapi_search.results[0].id });
out.ckanapi_orgs = await portal.action.organization_list({ all_fields: true });
try {
  await portal.action.package_show({ id: 'no-such-dataset' });
  out.ckanapi_missing = 'no error';
} catch (e) {
  out.ckanapi_missing = e;
}

// okfn ckan.js: the callback gets the whole envelope; any status but 200 is an error.
const client = new CKAN.Client(base.replace(/\/$/, ''));
const call = (name, data) => new Promise((resolve) => client.action(name, data, (err, res) => resolve({ err: err ? String(err) : null, res })));
out.ckanjs_list = await call('package_list', {});
out.ckanjs_status = await call('status_show', {});
out.ckanjs_missing = await call('package_show', { id: 'no-such-dataset' });

console.log(JSON.stringify(out));
