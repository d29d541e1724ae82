// Node tests for themes/showcase/assets/js/search.js: the shared tokenizer
// and query-parsing vectors and the ranking vectors the Go engine wrote for
// the committed fixture index. Run with: node --test generator/search/js_test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tokenize, parseQuery, lookups, shardOf, highlight, Engine } from '../../themes/showcase/assets/js/search.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const read = (p) => JSON.parse(readFileSync(here(p), 'utf8'));

const loader = (dir, log) => async (path) => {
  log?.push(path);
  try {
    return new Uint8Array(readFileSync(here(dir + path)));
  } catch {
    const e = new Error('404 ' + path);
    e.status = 404;
    throw e;
  }
};

test('tokenizer vectors', () => {
  for (const v of read('testdata/tokenize-vectors.json')) {
    assert.deepEqual(tokenize(v.in), v.out, v.name);
  }
});

test('parseQuery vectors', () => {
  for (const v of read('testdata/parse-query-vectors.json')) {
    const cs = parseQuery(v.in);
    const got = cs.map((c) => ({ terms: c.terms, offsets: c.offsets, pinyin: c.pinyin, trigrams: c.trigrams, via: c.via }));
    assert.deepEqual(got, v.out, v.name);
    assert.equal(lookups(cs), v.lookups, v.name);
  }
});

test('parseQuery covers runs with bigrams', () => {
  assert.deepEqual(parseQuery('西周镇商会').map((c) => [c.terms, c.offsets]), [[['西周', '镇商', '商会'], [0, 2, 3]]]);
  assert.deepEqual(parseQuery('cx 2016').map((c) => c.pinyin), ['cx', '']);
});

test('shardOf matches Go', () => {
  assert.equal(shardOf('', 8), 5);
  assert.equal(shardOf('a', 1024), 300);
});

test('ranking vectors', async () => {
  const eng = new Engine(loader('testdata/fixture/'));
  for (const v of read('testdata/ranking-vectors.json')) {
    const q = { q: v.query.Text, region: v.query.Region, category: v.query.Category, year: v.query.Year || '', level: v.query.Level };
    const r = await eng.search(q);
    const name = JSON.stringify(v.query);
    assert.equal(r.total, v.total, name);
    assert.deepEqual(r.top(1000).map((h) => h.doc), v.docs, name);
    assert.deepEqual(r.top(3).map((h) => h.doc), v.docs.slice(0, 3), name);
    assert.deepEqual(r.counts, v.counts.map((c) => c || []), name);
  }
});

test('rows and highlight', async () => {
  const eng = new Engine(loader('testdata/fixture/'));
  const r = await eng.search({ q: '紧固件' });
  const [row] = await eng.rows([r.top(1)[0].doc]);
  assert.equal(row[0], 'stories/fastener-industry/');
  const segs = highlight(row[1], r.clauses);
  assert.deepEqual(segs, [['紧固件', true], ['行业协会调解中心', false]]);
  // Parts apart: each bigram is marked.
  assert.deepEqual(highlight('紧固螺栓与设备固件', parseQuery('紧固件')), [['紧固', true], ['螺栓与设备', false], ['固件', true]]);
  // Full-width text matches a half-width query.
  assert.deepEqual(highlight('ＡＰＰ平台', parseQuery('app')), [['ＡＰＰ', true], ['平台', false]]);
});

test('a keystroke fetches only new shards', async () => {
  const log = [];
  const eng = new Engine(loader('testdata/fixture/', log));
  await eng.search({ q: '紧固' });
  const n = log.length;
  await eng.search({ q: '紧固' });
  assert.equal(log.length, n, 'the same query fetches nothing');
  await eng.search({ q: '紧固件' });
  assert.ok(log.slice(n).every((p) => p.startsWith('search/t/')), 'only term shards: ' + log.slice(n));
});

test('recovers from a redeploy', async () => {
  // The first meta names shards that are gone; the second load finds them.
  const log = [];
  const real = loader('testdata/fixture/', log);
  let broken = true;
  const eng = new Engine(async (path, reload) => {
    if (path.startsWith('search/t/') && broken) {
      broken = false;
      const e = new Error('404');
      e.status = 404;
      throw e;
    }
    return real(path, reload);
  });
  const r = await eng.search({ q: '融资' });
  assert.ok(r.total > 0);
  assert.equal(log.filter((p) => p === 'search/meta.bin').length, 2);
});

test('default order: newer year first, then document number', async () => {
  const eng = new Engine(loader('testdata/fixture/'));
  const urls = async (hits) => (await eng.rows(hits.map((h) => h.doc))).map((r) => r[0].replace(/^stories\/|\/$/g, ''));
  // Browsing (no query): every story, 2016 first, by URL within a year.
  const all = await eng.search({});
  const order = ['fastener-industry', 'full-width', 'markup-title', 'xiangshan-fishery', 'xizhou-chamber-mutual-fund',
    'cixi-second-generation', 'xiangshan-2015', 'finance-body', 'firmware-parts', 'finance-title'];
  assert.deepEqual(await urls(all.top(100)), order);
  assert.deepEqual(await urls(all.top(4)), order.slice(0, 4));
  assert.deepEqual(await urls((await eng.search({ level: 'provincial' })).top(10)), ['xizhou-chamber-mutual-fund', 'finance-body']);
  // Equal scores: the pinyin of 象山 scores its three stories alike.
  const r = await eng.search({ q: 'xiangshan' });
  assert.deepEqual((await urls(r.top(3))), ['xiangshan-fishery', 'xizhou-chamber-mutual-fund', 'xiangshan-2015']);
});
