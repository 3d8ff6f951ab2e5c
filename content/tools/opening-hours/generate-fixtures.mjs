// Writes tests/hours/data/opening_hours_fixtures.json: the answers of the reference implementation
// (opening_hours.js, pinned in package.json) for every value of allCases() at many instants.
// Run: cd content/tools/opening-hours && npm ci && TZ=Europe/Paris node generate-fixtures.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { allCases, here_dir } from './cases.mjs';
import { NOMINATIM, OPTIONS } from './reference.mjs';

const require = createRequire(import.meta.url);
const opening_hours = require('opening_hours');
const version = require('opening_hours/package.json').version;

if (process.env.TZ !== 'Europe/Paris') {
  console.error('Run with TZ=Europe/Paris');
  process.exit(1);
}

const LIMIT_DAYS = 400; // getNextChange(date, maxdate) with maxdate = same local time LIMIT_DAYS days later

const pad = (n) => String(n).padStart(2, '0');
const fmt = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
const local = (s) => {
  const [, y, mo, d, h, mi] = s.match(/^(\d+)-(\d+)-(\d+) (\d+):(\d+)$/).map(Number);
  return new Date(y, mo - 1, d, h, mi);
};

// Instants (Europe/Paris wall-clock): public holidays, around midnight, DST days, ordinary days; all exist
// and are unambiguous (no 02:xx on the DST days).
const INSTANTS = [
  '2026-01-01 10:00', '2026-01-02 08:59', '2026-01-05 09:00', '2026-01-06 12:00', '2026-02-11 13:59',
  '2026-02-27 23:59', '2026-03-02 00:00', '2026-03-28 23:30', '2026-03-29 01:30', '2026-03-29 03:00',
  '2026-03-29 12:00', '2026-03-30 00:30', '2026-04-05 11:00', '2026-04-06 10:00', '2026-04-07 14:00',
  '2026-05-01 10:00', '2026-05-08 15:00', '2026-05-14 09:30', '2026-05-25 10:00', '2026-06-13 18:15',
  '2026-07-14 10:30', '2026-07-15 17:00', '2026-08-15 10:00', '2026-08-19 22:30', '2026-09-07 07:45',
  '2026-10-02 01:00', '2026-10-24 23:59', '2026-10-25 00:30', '2026-10-25 03:00', '2026-10-25 19:00',
  '2026-10-26 06:00', '2026-11-01 12:00', '2026-11-11 09:00', '2026-11-13 16:59', '2026-12-21 12:30',
  '2026-12-24 15:00', '2026-12-25 10:00', '2026-12-26 11:00', '2026-12-31 23:00', '2027-01-01 00:00',
  '2027-01-02 10:15', '2027-01-04 14:00',
];
// Weeks (Monday 00:00 to the next Monday 00:00) for getOpenIntervals: a DST week, Easter Monday,
// Ascension, the autumn DST week, Christmas.
const WEEKS = ['2026-03-23', '2026-04-06', '2026-05-11', '2026-10-19', '2026-12-21'];

function evaluate(value) {
  let oh;
  try {
    oh = new opening_hours(value, NOMINATIM, OPTIONS);
  } catch (e) {
    return { value, ok: false, error: String(e).split('\n')[0] };
  }
  let states = '';
  const next = [];
  const comments = [];
  for (const s of INSTANTS) {
    const d = local(s);
    const it = oh.getIterator(d);
    states += it.getState() ? 'o' : (it.getUnknown() ? 'u' : 'c');
    comments.push(it.getComment() ?? null);
    const max = new Date(d.getFullYear(), d.getMonth(), d.getDate() + LIMIT_DAYS, d.getHours(), d.getMinutes());
    const n = oh.getNextChange(d, max);
    next.push(n ? fmt(n) : null);
  }
  const weeks = WEEKS.map((w) => {
    const from = local(`${w} 00:00`);
    const to = new Date(from.getFullYear(), from.getMonth(), from.getDate() + 7);
    return oh.getOpenIntervals(from, to).map(([a, b, unknown, comment]) => [fmt(a), fmt(b), unknown, comment ?? null]);
  });
  const out = { value, ok: true, states, next, weeks };
  if (comments.some((c) => c !== null)) out.comments = comments;
  return out;
}

const cases = allCases().map(({ value, sources }) => ({ sources, ...evaluate(value) }));
const fixture = {
  reference: `opening_hours@${version}`,
  call: `new opening_hours(value, ${JSON.stringify(NOMINATIM)}, ${JSON.stringify(OPTIONS)}); `
    + 'getIterator(d).getState()/getUnknown()/getComment(); getNextChange(d, maxdate); getOpenIntervals(monday, next monday)',
  timezone: 'Europe/Paris',
  next_change_limit_days: LIMIT_DAYS,
  instants: INSTANTS,
  weeks: WEEKS,
  cases,
};
const out = join(here_dir, '../../../tests/hours/data/opening_hours_fixtures.json');
// One case a line: small diffs, still valid JSON.
const text = '{\n' + Object.entries(fixture).map(([k, v]) => k === 'cases'
  ? `"cases": [\n${v.map((c) => JSON.stringify(c)).join(',\n')}\n]`
  : `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n') + '\n}\n';
writeFileSync(out, text);
const accepted = cases.filter((c) => c.ok).length;
console.log(`${cases.length} values (${accepted} accepted, ${cases.length - accepted} rejected) × ${INSTANTS.length} instants, `
  + `${WEEKS.length} weeks -> ${out} (${text.length} bytes)`);
