// Values fed to the reference implementation: real open data, the shared data folder, hand-written edge cases.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

// Hand-written edge cases: every feature the kiosk supports, and values the reference rejects.
export const EDGE_CASES = [
  '24/7', 'open', 'closed', 'off', 'Mo-Su 00:00-24:00', 'Mo-Fr 00:00-24:00; Sa 00:00-12:00',
  'Mo-Fr 09:00-12:00,14:00-17:00', 'Mo-Fr 09:00-17:00; We off', 'Mo-Fr 09:00-17:00; PH off',
  'Mo-Sa 10:00-19:00; PH off; Dec 24 10:00-16:00', 'Mo-Fr 22:00-02:00', 'Fr-Sa 20:00-03:00; Su off',
  'Mo 22:00-02:00; Tu 10:00-12:00', 'Mo-Fr 18:00-06:00', 'Sa 23:00-23:00',
  'Jan-Jun Mo-Fr 09:00-12:00; Jul-Dec Mo-Fr 14:00-18:00', 'Nov-Feb Mo-Fr 09:00-17:00', 'Jan,Mar,May 10:00-12:00',
  'Dec 24-26 off', 'Mo-Fr 09:00-18:00; Dec 24-26 off', 'Jul 14 off', 'Mo-Fr 09:00-18:00; Jul 14,Aug 15 off',
  'Mo-Fr 09:00-18:00; Dec 24-Jan 02 off', 'Mo-Fr 09:00-18:00; Dec 24,31 09:00-12:00', 'Dec 01-31/2 10:00-12:00',
  'Jul 14 10:00-12:00', 'Jul-Aug Sa 10:00-12:00', 'Mo-Fr 08:00-12:00; Aug off',
  'week 1-53/2 Mo-Fr 09:00-12:00', 'week 2-52/2 We 14:00-18:00', 'week 10-20 Sa 10:00-12:00', 'week 01,03,05 Mo 10:00-11:00',
  'Mo-Fr 09:00-12:00 "sur rendez-vous"', '"sur rendez-vous"', 'Mo-Fr 09:00-12:00; We 14:00-17:00 "sur rendez-vous"',
  'Mo-Fr 08:00-12:00 || "sur rendez-vous"', 'Mo-Fr 09:00-17:00; PH off || "sur rendez-vous"',
  'Mo-Fr 09:00-12:00, Mo-Fr 13:00-17:00 "sur rendez-vous"', 'Mo-Fr 09:00-12:00; Mo-Fr 13:00-17:00 "sur rendez-vous"',
  'Mo-Fr 17:00+', 'Sa 10:00+', 'Fr 22:00+',
  'PH 10:00-12:00', 'Mo-Fr,PH 09:00-12:00', 'PH,Sa 10:00-12:00', 'Mo-Fr 09:00-18:00; PH Mo 10:00-12:00',
  'Mo-Fr 09:00-18:00; PH off; PH Mo 10:00-12:00',
  'Mo[1] 09:00-12:00', 'Sa[-1] 10:00-12:00', 'We[1,3] 14:00-17:00', 'Mo-Fr 09:00-12:00, Sa 10:00-12:00',
  'Mo-Fr 08:00-18:00; We 12:00-14:00 off', 'Mo-Fr 09-12', 'Mo-Fr: 09:00-12:00', 'Su-Tu 10:00-12:00',
  'Mo-Fr 09:00-17:00 unknown', 'Mo 10:00-12:00; Tu-Fr 10:00-12:00,14:00-18:00; Sa 09:00-12:00; Su,PH off',
  'Mo-Fr 09:00-12:00; 14:00-17:00', '10:00-20:00; Su off', '09:00-12:00,14:00-17:30',
  'Mo-Fr 08:00-12:00; Jan 01 off', 'Mo-Fr 10:00-24:00', 'Mo-Fr 09:00-12:00 open; We closed "fermé le mercredi"',
  'Mo-Fr 9:00-12:00', 'Mo-Fr 09:00-12:00;', 'Mo-Fr 09:00-12:00 ; Sa 10:00-12:00',
  'Mo-Fr 09:00-12:00; PH 10:00-11:00 "permanence"', 'Mo-Fr 09:00-12:00 || PH 10:00-11:00',
  'mo-fr 09:00-12:00; sa 10:00-12:00', 'MO-FR 09:00-12:00; PH OFF',
  // rejected by the reference
  'Mo-Fr 09:00', 'Mo-Fr 25:00-26:00', 'foo', '', 'Mo-Fr 09:00-12:00 lunch',
  'Mo-Fr 09:00-12:60', 'Mo-Fr 09:00-12:00 "unterminated', 'Mo-Fr 9h00-12h00',
];

// Common mistakes of French data (not valid OSM syntax): the reference reads most with warnings, and so does
// the kiosk (kiosk/core/hours: corrected_text); the others it rejects, and the kiosk shows them as written.
export const FRENCH_MISTAKES = [
  'Lundi 9h-12h', 'Mo-Fr 9h-12h', 'sur rendez-vous', 'lundi-vendredi 09:00-12:00', 'Mo-Fr 09:00-12:00 et 14:00-17:00',
  'Lu-Ve 9h-12h', 'Lu-Ve 09:00-12:00', 'LU-VE 09:00-12:00', 'Lun.-Ven. 09:00-12:00', 'Lun-Ven 09:00-12:00',
  'Ma-Je 09:00-12:00; Me 14:00-17:00', 'Mardi, Jeudi 9h - 12h', 'Samedi 09:00-12:00; Dimanche fermé', 'Dim off',
  'Mer 09:00-12:00', 'Jeu 14:00-17:00', 'Ven 09:00-12:00', 'Mo. 09:00-12:00',
  'Mo-Fr 09.00-12.00', 'Mo-Fr 9.30-12.00', 'Mo 8.0-12.00', 'Mo-Fr 09:00–12:00', 'Mo–Fr 09:00—12:00', 'Mo 9h–12h',
  'Mo-Fr 09:00h-12:00h', 'Mo 9h à 12h', 'Mo-Fr 9 h-12 h', 'Mo-Fr 9H-12H', 'Mo-Fr 9h - 12h, 14h - 17h',
  'Mo-Fr 09:00-12:00 & 14:00-17:00', 'Mo-Fr 09:00-12:00 ET 14:00-17:00', 'Mo 09:00-12:00 et Tu 09:00-12:00',
  'Lu-Ve 09:00-12:00 et 14:00-17:00; Sa 09:00-12:00', 'Mo,We 13:00-17:00; Tu 9h-12h', 'Lu 9h-12h, Ma 14h-17h',
  'Mo-Fr 09:00-12:00; jours fériés fermé', 'JOURS FÉRIÉS fermé', 'Mo-Fr 09:00-12:00; PH fermé', 'Sa FERMÉ',
  'Mo-Fr 09:00-12:00 sur rendez-vous', 'Mo-Fr 09:00-12:00 Sur RDV', 'Mo-Fr 09:00-12:00 sur rendez vous',
  'Mo-Fr 09:00-12:00 « sur rendez-vous »', 'Mo-Fr 09:00-12:00 “sur rendez-vous”', 'Mo-Fr 09:00-12:00 \'sur rendez-vous\'',
  'Mo-Fr 09:00-12:00 „sur rendez-vous“', 'Lu-Ve 9-12', 'Mo-Fr 9h-12h; Sa fermé',
  // rejected by the reference
  'Lundi au vendredi 9h-12h', 'Mo-Fr 9h00-12h00', 'Ma-Je 9h30-12h', 'Sam 09:00-12:00', 'Sa ferme', 'Sa fermée',
  'lundis 09:00-12:00', 'Mo 09:00-12:00.', 'Mo-Fr 09:00-12:00 rdv', 'Mo-Fr 17h+', 'Mo-Fr 9h-12h+',
  'Mo-Fr 09:00-12:00 « sur rendez-vous; x »', 'Mo-Fr de 09:00 à 12:00', 'Mo-Fr 09:00-12:00; jour férié off',
  'Mo 09:00-12:00 sur  rendez-vous', 'Mo-Fr 09 h 00-12 h', 'Mo-Fr 09h-12h30',
];

// Night ranges, holidays and the like, asked at many more instants: around every DST change, Easter-based
// holiday and midnight of 2026–2028 (generate-fixtures.mjs DENSE_INSTANTS).
export const DENSE_CASES = [
  'Sa 23:00-01:00', 'Su 23:00-01:00', 'Sa 22:00-03:00', 'Mo-Su 22:00-02:00', 'Fr-Sa 20:00-03:00; Su off',
  'Mo-Fr 18:00-06:00', '24/7', 'Mo-Su 00:00-24:00', 'Sa 00:00-24:00', 'Su 01:00-04:00', 'Mo 00:00-01:00',
  'Sa 23:00-23:00', 'Sa 23:30+', 'Fr 22:00+', 'Mo-Fr 09:00-17:00; PH off', 'PH 10:00-12:00', 'Mo-Fr,PH 09:00-12:00',
  'Su,PH 22:00-02:00', 'PH 22:00-02:00', 'Mo-Fr 09:00-12:00,14:00-17:00; We off; PH off',
  'Mo-Fr 09:00-12:00 || "sur rendez-vous"', 'week 1-53/2 Mo-Fr 09:00-12:00', 'Mo-Fr 09:00-12:00 open "sur rendez-vous"',
  'Tu-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00', 'Lu-Ve 9h-12h', 'Dec 24-Jan 02 off; Mo-Sa 10:00-19:00',
];

// Every distinct `horaires` of the national map's real data.
export function cartographieValues() {
  const file = process.env.SOURCE_JSON
    || join(dirname(require.resolve('@gouvfr-anct/cartographie-nationale/package.json')), 'assets/data/source.json');
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const values = [];
  for (const place of data) {
    if (typeof place.horaires === 'string') values.push(place.horaires);
  }
  return values;
}

// `horaires` of the shared data folder (CSV column or JSON field).
export function sharedValues(folder = process.env.SHARED_DATA || '/work/shared/data') {
  const values = [];
  if (!existsSync(folder)) return values;
  for (const name of readdirSync(folder)) {
    const text = readFileSync(join(folder, name), 'utf8');
    if (name.endsWith('.json')) {
      for (const m of text.matchAll(/"horaires"\s*:\s*("(?:[^"\\]|\\.)*")/g)) values.push(JSON.parse(m[1]));
    } else if (name.endsWith('.csv')) {
      values.push(...csvColumn(text, 'horaires'));
    }
  }
  return values;
}

function csvColumn(text, column) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const index = rows[0].indexOf(column);
  if (index < 0) return [];
  return rows.slice(1).map((r) => r[index]).filter((v) => typeof v === 'string' && v !== '');
}

// Distinct values in a stable order: real data first, then shared data, then edge cases.
export function allCases() {
  const seen = new Map();
  const add = (value, source) => {
    if (!seen.has(value)) seen.set(value, new Set());
    seen.get(value).add(source);
  };
  for (const v of cartographieValues()) add(v, 'cartographie');
  for (const v of sharedValues()) add(v, 'shared');
  for (const v of EDGE_CASES) add(v, 'edge');
  for (const v of FRENCH_MISTAKES) add(v, 'french');
  for (const v of DENSE_CASES) add(v, 'dense');
  return [...seen].map(([value, sources]) => ({ value, sources: [...sources] }));
}

export const here_dir = here;
