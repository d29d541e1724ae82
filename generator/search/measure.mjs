// measure.mjs reports what search.js downloads and how long it computes,
// over a built site directory (the Build output under DIR/search/):
//
//   node measure.mjs DIR budget 'q1' 'q2' …   cold start and next keystroke per query
//   node measure.mjs DIR time 'q1' 'q2' …     query time, warm caches
//
// Output is one JSON object. Bytes are gzip (level 6) sizes.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { Engine } from '../../themes/showcase/assets/js/search.js';

const [dir, mode, ...queries] = process.argv.slice(2);
const gz = new Map();
const size = (p) => {
  if (!gz.has(p)) gz.set(p, gzipSync(readFileSync(join(dir, p)), { level: 6 }).length);
  return gz.get(p);
};
const engineWithLog = () => {
  const log = [];
  const eng = new Engine(async (p) => { log.push(p); return new Uint8Array(readFileSync(join(dir, p))); });
  return { eng, log };
};
const sum = (ps) => ps.reduce((a, p) => a + size(p), 0);

async function firstPage(eng, q) {
  const r = await eng.search(q);
  await eng.rows(r.hits.slice(0, 10).map((h) => h.doc));
  return r;
}

const out = { mode, queries: [] };
if (mode === 'budget') {
  for (const text of queries) {
    const chars = Array.from(text);
    const { eng, log } = engineWithLog();
    const r = await firstPage(eng, { q: text });
    const cold = log.slice();
    // the keystroke before: the query without its last character, then the full query
    const { eng: e2, log: l2 } = engineWithLog();
    await firstPage(e2, { q: chars.slice(0, -1).join('') });
    const before = l2.length;
    await firstPage(e2, { q: text });
    const next = l2.slice(before);
    out.queries.push({
      q: text, total: r.total,
      cold: { requests: cold.length, bytes: sum(cold), files: cold.map((p) => [p, size(p)]) },
      keystroke: { requests: next.length, bytes: sum(next), files: next },
    });
  }
} else if (mode === 'time') {
  const { eng } = engineWithLog();
  for (const text of queries) {
    await eng.search({ q: text }); // load
    const runs = 5;
    const t0 = performance.now();
    let r;
    for (let i = 0; i < runs; i++) { eng.terms.clear(); r = await eng.search({ q: text }); }
    const ms = (performance.now() - t0) / runs;
    const t1 = performance.now();
    for (let i = 0; i < runs; i++) r = await eng.search({ q: text });
    const warm = (performance.now() - t1) / runs;
    out.queries.push({ q: text, total: r.total, ms_decode_and_rank: ms, ms_rank_cached: warm });
  }
}
console.log(JSON.stringify(out, null, 1));
