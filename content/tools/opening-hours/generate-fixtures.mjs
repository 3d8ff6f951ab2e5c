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

// For the DENSE_CASES only: every half hour from Saturday 21:00 to Monday 02:00 around each DST change
// (last Sundays of March and October; not 02:xx of those Sundays, which does not exist or happens twice),
// around each Easter-based holiday (Easter Monday, Ascension, Whit Monday) and around each midnight that
// starts or ends a fixed public holiday, in 2026–2028; and the weeks holding them.
const easterSunday = (year) => {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(year, month - 1, day);
};
const lastSunday = (year, month) => {
  const d = new Date(year, month, 0); // last day of `month` (1-based)
  return new Date(year, month - 1, d.getDate() - d.getDay());
};
const addDays = (d, n, h = 0, mi = 0) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n, h, mi);
const mondayOf = (d) => addDays(d, -((d.getDay() + 6) % 7));
const ymd = (d) => fmt(d).slice(0, 10);
const DENSE_INSTANTS = [];
const DENSE_WEEKS = [];
for (const year of [2026, 2027, 2028]) {
  for (const sunday of [lastSunday(year, 3), lastSunday(year, 10)]) {
    for (let m = -3 * 60; m <= 26 * 60; m += 30) {
      if (m >= 120 && m < 180) continue; // 02:xx of the change day
      DENSE_INSTANTS.push(fmtLocal(sunday, m));
    }
    // (Not the week from the Monday after the spring change: getOpenIntervals started in its first hour
    // takes getState's "minus 24 hours" answer there, which its own earlier weeks do not have.)
    DENSE_WEEKS.push(ymd(mondayOf(sunday)));
    if (sunday.getMonth() === 9) DENSE_WEEKS.push(ymd(addDays(sunday, 1)));
  }
  const easter = easterSunday(year);
  for (const offset of [1, 39, 50]) {
    const day = addDays(easter, offset);
    for (const [n, h, mi] of [[-1, 23, 30], [0, 0, 0], [0, 0, 30], [0, 10, 0], [0, 23, 59], [1, 0, 0], [1, 0, 30]])
      DENSE_INSTANTS.push(fmt(addDays(day, n, h, mi)));
    DENSE_WEEKS.push(ymd(mondayOf(day)));
  }
  for (const [mo, d] of [[1, 1], [5, 1], [5, 8], [7, 14], [8, 15], [11, 1], [11, 11], [12, 25]]) {
    const day = new Date(year, mo - 1, d);
    for (const [n, h, mi] of [[-1, 23, 59], [0, 0, 0], [0, 12, 0], [0, 23, 59], [1, 0, 0]])
      DENSE_INSTANTS.push(fmt(addDays(day, n, h, mi)));
  }
  DENSE_WEEKS.push(ymd(mondayOf(new Date(year, 11, 25))));
}
{
  // Easter Monday 2027 is also the Monday after the spring change: its week is left out as well.
  const springMondays = new Set([2026, 2027, 2028].map((y) => ymd(addDays(lastSunday(y, 3), 1))));
  const kept = DENSE_WEEKS.filter((w) => !springMondays.has(w));
  DENSE_WEEKS.length = 0;
  DENSE_WEEKS.push(...kept);
}
// Wall-clock minutes after a day's midnight, without going through Date arithmetic on DST days.
function fmtLocal(day, minutes) {
  const d = new Date(day.getFullYear(), day.getMonth(), day.getDate() + Math.floor(minutes / 1440));
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${ymd(d)} ${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

// The state at t and the next change after it as the reference's getOpenIntervals has them, over
// [t - 2 days, t + 9 days] (nextChange null when none in that window).
function byIntervals(oh, d) {
  const from = new Date(d.getTime() - 2 * 86400000), to = new Date(d.getTime() + 9 * 86400000);
  const iv = oh.getOpenIntervals(from, to);
  const stateAt = (t) => {
    for (const [a, b, unknown] of iv) if (a <= t && t < b) return unknown ? 'u' : 'o';
    return 'c';
  };
  let comment = null;
  for (const [a, b, , c] of iv) if (a <= d && d < b) comment = c ?? null;
  const s0 = stateAt(d);
  const bounds = [...new Set(iv.flatMap(([a, b]) => [a.getTime(), b.getTime()]))].filter((x) => x > d.getTime()).sort((x, y) => x - y);
  for (const b of bounds) if (b < to.getTime() && stateAt(new Date(b)) !== s0) return { state: s0, next: fmt(new Date(b)), comment, to };
  return { state: s0, next: null, comment, to };
}

function answers(oh, instants, weeks) {
  let states = '';
  const next = [];
  const comments = [];
  const contradictions = {};
  for (const [i, s] of instants.entries()) {
    const d = local(s);
    if (fmt(d) !== s) throw new Error(`instant ${s} does not exist in Europe/Paris`);
    const it = oh.getIterator(d);
    const state = it.getState() ? 'o' : (it.getUnknown() ? 'u' : 'c');
    states += state;
    comments.push(it.getComment() ?? null);
    const max = new Date(d.getFullYear(), d.getMonth(), d.getDate() + LIMIT_DAYS, d.getHours(), d.getMinutes());
    const n = oh.getNextChange(d, max);
    next.push(n ? fmt(n) : null);
    // Where getState or getNextChange contradict the reference's own getOpenIntervals (the first hour of the
    // Monday after the spring change: getState looks a range past midnight up on "the instant minus 24
    // hours", which lands on Saturday), what the intervals say is recorded too.
    const iv = byIntervals(oh, d);
    const nextInWindow = n && n < iv.to ? fmt(n) : null;
    if (iv.state !== state || iv.next !== nextInWindow) contradictions[i] = [iv.state, iv.next, iv.comment];
  }
  const intervals = weeks.map((w) => {
    const from = local(`${w} 00:00`);
    const to = new Date(from.getFullYear(), from.getMonth(), from.getDate() + 7);
    return oh.getOpenIntervals(from, to).map(([a, b, unknown, comment]) => [fmt(a), fmt(b), unknown, comment ?? null]);
  });
  return { states, next, comments, weeks: intervals, contradictions };
}

function evaluate(value, sources) {
  let oh;
  try {
    oh = new opening_hours(value, NOMINATIM, OPTIONS);
  } catch (e) {
    return { value, ok: false, error: String(e).split('\n')[0] };
  }
  const a = answers(oh, INSTANTS, WEEKS);
  const out = { value, ok: true, states: a.states, next: a.next, weeks: a.weeks };
  if (a.comments.some((c) => c !== null)) out.comments = a.comments;
  if (Object.keys(a.contradictions).length) out.contradictions = a.contradictions;
  if (sources.includes('dense')) {
    const d = answers(oh, DENSE_INSTANTS, DENSE_WEEKS);
    out.dense_states = d.states;
    out.dense_next = d.next;
    if (d.comments.some((c) => c !== null)) out.dense_comments = d.comments;
    if (Object.keys(d.contradictions).length) out.dense_contradictions = d.contradictions;
    out.dense_weeks = d.weeks;
  }
  return out;
}

const cases = allCases().map(({ value, sources }) => ({ sources, ...evaluate(value, sources) }));
const fixture = {
  reference: `opening_hours@${version}`,
  call: `new opening_hours(value, ${JSON.stringify(NOMINATIM)}, ${JSON.stringify(OPTIONS)}); `
    + 'getIterator(d).getState()/getUnknown()/getComment(); getNextChange(d, maxdate); getOpenIntervals(monday, next monday)',
  timezone: 'Europe/Paris',
  next_change_limit_days: LIMIT_DAYS,
  instants: INSTANTS,
  weeks: WEEKS,
  dense_instants: DENSE_INSTANTS,
  dense_weeks: DENSE_WEEKS,
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
