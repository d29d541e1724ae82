// measure.mjs reports what search.js downloads and how long it computes,
// over a built site directory (the Build output under DIR/search/):
//
//   node measure.mjs DIR budget 'q1' 'q2' …   cold start and next keystroke per query
//   node measure.mjs DIR time 'q1' 'q2' …     query time, warm caches
//   node measure.mjs DIR top 'q1' 'q2' …      total and first 20 documents per query
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
  await eng.rows(r.top(10).map((h) => h.doc));
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
  // Wall time is unreliable on a shared machine, so CPU time of the process
  // (process.cpuUsage, user + system) is reported beside it.
  const { eng } = engineWithLog();
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  for (const text of queries) {
    await eng.search({ q: text }); // fetch the files
    const runs = 10;
    let r;
    const w0 = performance.now(), c0 = cpu();
    for (let i = 0; i < runs; i++) { eng.terms.clear(); r = await eng.search({ q: text }); r.top(10); }
    const w1 = performance.now(), c1 = cpu();
    for (let i = 0; i < runs; i++) { r = await eng.search({ q: text }); r.top(10); }
    const w2 = performance.now(), c2 = cpu();
    out.queries.push({
      q: text, total: r.total,
      ms_decode_and_rank: (w1 - w0) / runs, cpu_ms_decode_and_rank: (c1 - c0) / runs,
      ms_rank_cached: (w2 - w1) / runs, cpu_ms_rank_cached: (c2 - c1) / runs,
    });
  }
}
if (mode === 'top') {
  const { eng } = engineWithLog();
  for (const text of queries) {
    const r = await eng.search({ q: text });
    out.queries.push({ q: text, total: r.total, docs: r.top(20).map((h) => h.doc) });
  }
}
console.log(JSON.stringify(out, null, 1));
