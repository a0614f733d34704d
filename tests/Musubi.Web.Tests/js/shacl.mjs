// Validates an RDF file (Turtle) against SHACL shapes with shacl-engine; prints {conforms, results:[…]} as JSON.
//   node shacl.mjs SHAPES.ttl DATA.ttl [MORE_SHAPES.ttl …]
import fs from 'node:fs';
import { Parser } from 'n3';
import rdf from '@rdfjs/data-model';
import datasetFactory from '@rdfjs/dataset';
import { Validator } from 'shacl-engine';

function load(paths) {
  const ds = datasetFactory.dataset();
  for (const path of paths) for (const q of new Parser({ format: 'text/turtle' }).parse(fs.readFileSync(path, 'utf8'))) ds.add(q);
  return ds;
}
const [,, shapesPath, dataPath, ...more] = process.argv;
const shapes = load([shapesPath, ...more]);
const data = load([dataPath]);
const factory = Object.assign(Object.create(rdf), { dataset: (q) => { const d = datasetFactory.dataset(); for (const x of q || []) d.add(x); return d; } });
const report = await new Validator(shapes, { factory }).validate({ dataset: data });
console.log(JSON.stringify({
  conforms: report.conforms,
  quads: data.size,
  results: report.results.map(r => ({
    severity: r.severity?.value ?? r.severity?.[0]?.value,
    path: r.path?.[0]?.predicates?.[0]?.value,
    focus: r.focusNode?.term?.value,
    message: r.message?.[0]?.value,
  })),
}));
