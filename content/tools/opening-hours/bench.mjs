// Benchmark of the reference opening_hours.js on the fixture values, the same work as kiosk-bench-hours:
// parse = the constructor; evaluate = getState(d) + getNextChange(d, d + 400 days) at one instant.
// Prints one JSON object (times in nanoseconds per string). Run: TZ=Europe/Paris node bench.mjs [fixtures.json]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { here_dir } from './cases.mjs';
import { NOMINATIM, OPTIONS } from './reference.mjs';

const require = createRequire(import.meta.url);
const opening_hours = require('opening_hours');

const file = process.argv[2] || join(here_dir, '../../../tests/hours/data/opening_hours_fixtures.json');
const fx = JSON.parse(readFileSync(file, 'utf8'));
const values = fx.cases.filter((c) => c.ok && !c.sources.includes('french')).map((c) => c.value);
const local = (s) => {
  const [, y, mo, d, h, mi] = s.match(/^(\d+)-(\d+)-(\d+) (\d+):(\d+)$/).map(Number);
  return new Date(y, mo - 1, d, h, mi);
};
const instants = fx.instants.map(local);
const limits = instants.map((d) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + fx.next_change_limit_days, d.getHours(), d.getMinutes()));
const PARSE_REPEAT = Number(process.env.PARSE_REPEAT || 20);

function stats(ns) {
  const s = [...ns].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { mean, p50: s[Math.floor(s.length * 0.5)], p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] };
}

// warm-up
for (const v of values) new opening_hours(v, NOMINATIM, OPTIONS);

const parse_ns = [], eval_ns = [];
let sink = 0;
for (const v of values) {
  let t0 = process.hrtime.bigint();
  let oh;
  for (let r = 0; r < PARSE_REPEAT; r++) oh = new opening_hours(v, NOMINATIM, OPTIONS);
  parse_ns.push(Number(process.hrtime.bigint() - t0) / PARSE_REPEAT);
  t0 = process.hrtime.bigint();
  for (let i = 0; i < instants.length; i++) {
    sink += oh.getState(instants[i]) ? 1 : 0;
    const n = oh.getNextChange(instants[i], limits[i]);
    sink += n ? 1 : 0;
  }
  eval_ns.push(Number(process.hrtime.bigint() - t0) / instants.length);
}
const p = stats(parse_ns), e = stats(eval_ns);
console.log(JSON.stringify({
  implementation: `opening_hours.js ${require('opening_hours/package.json').version}, node ${process.version}`,
  strings: values.length, instants: instants.length,
  parse: { ...p, per_second: 1e9 / p.mean }, evaluate: { ...e, per_second: 1e9 / e.mean }, sink,
}));
