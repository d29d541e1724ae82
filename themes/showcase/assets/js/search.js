// search.js — Chinese-aware static search for the showcase.
// The tokenizer and the ranking mirror generator/search (Go); shared test
// vectors prove the tokenizers identical. No third-party code.

export const MAX_WORD_LEN = 40;
export const K1 = 1.2, B = 0.75, PINYIN_WEIGHT = 2.0;
export const LEVELS = ['national', 'provincial', 'municipal', 'county'];

// fold maps a code point to its indexed form: full-width ASCII to
// half-width, ideographic space to space, upper-case Latin to lower case.
export function fold(c) {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  else if (c === 0x3000) return 0x20;
  if (c >= 0x41 && c <= 0x5a) return c + 0x20;
  if (c >= 0xc0 && c <= 0xde && c !== 0xd7) return c + 0x20;
  return c;
}

export function isHan(c) {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2fa1f) || c === 0x3007;
}

function isWord(c) {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) ||
    (c >= 0xdf && c <= 0xff && c !== 0xf7);
}

// tokenize returns [term, position] pairs exactly as the Go Tokenize does.
export function tokenize(text) {
  const out = [];
  let pos = 0, word = '', wlen = 0, prev = '';
  const flush = () => {
    if (wlen > 0) { out.push([word, pos]); pos++; word = ''; wlen = 0; }
  };
  for (const ch of text) {
    const c = fold(ch.codePointAt(0));
    if (isHan(c)) {
      flush();
      const s = String.fromCodePoint(c);
      if (prev) out.push([prev + s, pos - 1]);
      out.push([s, pos]);
      pos++;
      prev = s;
    } else if (isWord(c)) {
      prev = '';
      if (wlen < MAX_WORD_LEN) { word += String.fromCodePoint(c); wlen++; }
    } else {
      prev = '';
      flush();
    }
  }
  flush();
  return out;
}

const isUnigram = (t) => { const c = t.codePointAt(0); return isHan(c) && t.length === (c > 0xffff ? 2 : 1); };

export const MAX_LOOKUPS = 5, MAX_QUERY_RUNES = 256;

// lookups counts a query's shard lookups: distinct terms and two-letter
// pinyin prefixes (as the Go Lookups).
export function lookups(clauses) {
  const seen = new Set();
  for (const c of clauses) {
    for (const t of c.terms) seen.add(t);
    if (c.pinyin) seen.add('\0' + c.pinyin.slice(0, 2));
  }
  return seen.size;
}

const exactCover = (n) => {
  const o = [];
  for (let k = 0; k + 1 < n; k += 2) o.push(k);
  if (n % 2 === 1) o.push(n - 2);
  return o;
};
const stride4Cover = (n) => {
  if (n === 2) return [0];
  const o = [];
  for (let k = 1; k <= n - 2; k += 4) o.push(k);
  if (o[o.length - 1] + 2 < n - 1) o.push(n - 2);
  return o;
};
const thin = (o, j) => {
  const m = o.length;
  if (j >= m) return o;
  if (j === 1) return [o[(m - 1) >> 1]];
  return Array.from({ length: j }, (_, i) => o[Math.floor((2 * i * (m - 1) + (j - 1)) / (2 * (j - 1)))]);
};

// coverRun builds a run's clause from want bigrams, like the Go coverRun.
function coverRun(run, want) {
  const n = run.length;
  let offs = exactCover(n);
  if (want < offs.length) offs = thin(stride4Cover(n), want);
  const c = { terms: [], offsets: [], pinyin: '', trigrams: [], via: [], text: run.join('') };
  const term = new Uint8Array(n);
  for (const k of offs) { c.terms.push(run[k] + run[k + 1]); c.offsets.push(k); term[k] = 1; }
  for (let t = 0; t + 2 < n; t++) {
    if (!term[t] && !term[t + 1]) continue;
    c.via.push(term[t] ? run[t] + run[t + 1] : run[t + 1] + run[t + 2]);
    c.trigrams.push(run[t] + run[t + 1] + run[t + 2]);
  }
  return c;
}

// parseQuery splits the first MAX_QUERY_RUNES characters of a query into
// clauses and fits them into MAX_LOOKUPS lookups exactly like the Go
// ParseQuery; each clause also keeps the query text it came from (for
// highlighting).
export function parseQuery(q) {
  const cps = Array.from(q);
  if (cps.length > MAX_QUERY_RUNES) q = cps.slice(0, MAX_QUERY_RUNES).join('');
  const out = [], runs = [];
  let run = [], lastBigram = -2;
  const flush = () => {
    const n = run.length;
    if (n === 1) out.push({ terms: [run[0]], offsets: [0], pinyin: '', trigrams: [], via: [], text: run[0] });
    else if (n >= 2) { runs.push({ chars: run, clause: out.length, want: exactCover(n).length }); out.push(null); }
    run = [];
  };
  for (const [t, p] of tokenize(q)) {
    if (isUnigram(t)) {
      if (lastBigram !== p - 1) flush();
      run.push(t);
    } else if (isHan(t.codePointAt(0))) {
      lastBigram = p;
    } else {
      flush();
      out.push({ terms: [t], offsets: [0], pinyin: t.length >= 2 && /^[a-z]+$/.test(t) ? t : '', trigrams: [], via: [], text: t });
    }
  }
  flush();
  const set = (r) => { out[r.clause] = coverRun(r.chars, r.want); };
  runs.forEach(set);
  if (lookups(out) <= MAX_LOOKUPS) return out;
  // Longest first; sort is stable, so equal lengths keep query order.
  for (const r of runs.slice().sort((a, b) => b.chars.length - a.chars.length)) {
    if (lookups(out) <= MAX_LOOKUPS) return out;
    const s4 = stride4Cover(r.chars.length).length;
    if (s4 < r.want) { r.want = s4; set(r); }
  }
  while (lookups(out) > MAX_LOOKUPS) {
    let best = null;
    for (const r of runs) {
      if (r.want >= 2 && (!best || r.want > best.want || (r.want === best.want && r.chars.length > best.chars.length))) best = r;
    }
    if (!best) break;
    best.want--;
    set(best);
  }
  return out;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

// shardOf is FNV-1a over the term's UTF-8 bytes, masked to n shards.
export function shardOf(term, n) {
  let h = 0x811c9dc5;
  for (const b of enc.encode(term)) { h ^= b; h = Math.imul(h, 16777619) >>> 0; }
  return h & (n - 1);
}

export function idf(n, df) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

export function bm25(idfv, wtf, dl, avgdl) {
  const norm = K1 * (1 - B + (B * dl) / avgdl);
  return (idfv * (wtf * (K1 + 1))) / (wtf + norm);
}


// Reader decodes unsigned varints.
class Reader {
  constructor(b, o = 0) { this.b = b; this.o = o; }
  u() {
    let v = 0, s = 1, x;
    do {
      if (this.o >= this.b.length) throw new Error('truncated');
      x = this.b[this.o++]; v += (x & 127) * s; s *= 128;
    } while (x & 128);
    return v;
  }
}

class NotFound extends Error {}

// HASH_BYTES is the length of a file hash in the meta file (its name
// has twice as many hex digits).
const HASH_BYTES = 5;

// Engine loads an index through get(path) → Promise<Uint8Array> (paths
// relative to the site root) and answers queries exactly like the Go Index.
export class Engine {
  constructor(get) { this.get = get; this.reset(); }

  reset() { this.meta = null; this.shards = new Map(); this.terms = new Map(); this.pinyin = new Map(); this.chunks = new Map(); }

  async load(reload) {
    if (this.meta && !reload) return;
    const data = await this.get('search/meta.bin', reload);
    const r = new Reader(data);
    const hl = r.u();
    const meta = JSON.parse(dec.decode(data.subarray(r.o, r.o + hl)));
    const n = meta.n, nr = meta.ranges, base = r.o + hl;
    // After the five columns, the occupancy of each range of meta.chunk
    // document numbers (its documents are numbered from its start), then
    // the file hashes as bytes: term shards, the chunks of the ranges with
    // documents, pinyin shards.
    if (meta.v !== 5 || data.length < base + 5 * n + nr) throw new Error('bad meta');
    const occ = data.subarray(base + 5 * n, base + 5 * n + nr), start = new Int32Array(nr + 1);
    let chunks = 0;
    for (let i = 0; i < nr; i++) { start[i + 1] = start[i] + occ[i]; if (occ[i]) chunks++; }
    const counts = [meta.shards, chunks, meta.p.length];
    if (start[nr] !== n || data.length - base !== 5 * n + nr + HASH_BYTES * (counts[0] + counts[1] + counts[2])) throw new Error('bad meta');
    let o = base + 5 * n + nr;
    const hash = () => {
      let h = '';
      for (const end = o + HASH_BYTES; o < end; o++) h += (data[o] < 16 ? '0' : '') + data[o].toString(16);
      return h;
    };
    meta.t = Array.from({ length: counts[0] }, hash);
    meta.d = Array.from(occ, (c) => (c ? hash() : ''));
    meta.ph = Array.from({ length: counts[2] }, hash);
    // rangeOf: the range of each document, by its position in number order.
    const rangeOf = new Int32Array(n);
    for (let i = 0; i < nr; i++) rangeOf.fill(i, start[i], start[i + 1]);
    this.reset();
    this.cols = [0, 1, 2, 3, 4].map((i) => data.subarray(base + i * n, base + (i + 1) * n));
    this.occ = occ; this.start = start; this.rangeOf = rangeOf;
    this.meta = meta;
  }

  // withRetry runs f; when a hashed file is gone (a redeploy), it reloads
  // the meta file once, bypassing the cache, and runs f again.
  async withRetry(f) {
    await this.load();
    try { return await f(); } catch (e) {
      if (!(e instanceof NotFound)) throw e;
      await this.load(true);
      return f();
    }
  }

  async fetchFile(path) {
    try { return await this.get(path); } catch (e) {
      if (e && e.status === 404) throw new NotFound(path);
      throw e;
    }
  }

  shard(s) {
    let p = this.shards.get(s);
    if (!p) {
      p = this.fetchFile('search/t/' + s + '-' + this.meta.t[s] + '.bin').then((b) => {
        const r = new Reader(b), m = new Map();
        for (let k = r.u(); k > 0; k--) {
          const l = r.u(); const t = dec.decode(b.subarray(r.o, r.o + l)); r.o += l;
          const df = r.u(), len = r.u();
          m.set(t, { df, data: b.subarray(r.o, r.o + len) }); r.o += len;
        }
        return m;
      });
      p.catch(() => this.shards.delete(s));
      this.shards.set(s, p);
    }
    return p;
  }

  pinyinShard(pre) {
    const i = this.meta.p.indexOf(pre);
    if (i < 0) return Promise.resolve([]);
    let p = this.pinyin.get(pre);
    if (!p) {
      p = this.fetchFile('search/p/' + pre + '-' + this.meta.ph[i] + '.bin').then((b) => {
        const r = new Reader(b), l = [];
        for (let k = r.u(); k > 0; k--) {
          const n = r.u(); const key = dec.decode(b.subarray(r.o, r.o + n)); r.o += n;
          const df = r.u(), docs = new Int32Array(df);
          let num = -1;
          for (let i = 0; i < df; i++) { num += r.u(); docs[i] = this.position(num); }
          l.push({ key, docs });
        }
        return l;
      });
      p.catch(() => this.pinyin.delete(pre));
      this.pinyin.set(pre, p);
    }
    return p;
  }

  // term returns a term's decoded postings {df, docs, wtf}, reading it from
  // the shard of via (a trigram's bigram) or of the term itself; null for a
  // trigram whose list the shard does not keep.
  async term(t, via) {
    const key = via ? t + '|' + via : t;
    if (this.terms.has(key)) return this.terms.get(key);
    const m = await this.shard(shardOf(via || t, this.meta.shards));
    const e = m.get(t);
    let out = { df: 0, docs: new Int32Array(0), wtf: new Int32Array(0) };
    if (e && e.df === 0) out = null; // a trigram the shard names without its list
    else if (e) {
      const b = e.data, df = e.df, tri = !!via, size = this.meta.chunk, occ = this.occ;
      const docs = new Int32Array(df), wtf = new Int32Array(df);
      let num = -1, o = 0;
      for (let i = 0; i < df; i++) {
        let v = 0, s = 0, x;
        do { x = b[o++]; v |= (x & 127) << s; s += 7; } while (x & 128);
        // A gap into a later range leaves out the free numbers at the end
        // of the previous document's range.
        if (num < 0) num = v - 1;
        else {
          const j = Math.floor(num / size);
          num += v;
          if (num >= j * size + occ[j]) num += size - occ[j];
        }
        docs[i] = this.position(num);
        if (tri) { wtf[i] = 1; continue; }
        v = 0; s = 0;
        do { x = b[o++]; v |= (x & 127) << s; s += 7; } while (x & 128);
        wtf[i] = v;
      }
      if (o > b.length) throw new Error('truncated postings of ' + t);
      out = { df, docs, wtf };
    }
    this.terms.set(key, out);
    return out;
  }

  async pinyinDocs(prefix) {
    const l = await this.pinyinShard(prefix.slice(0, 2));
    let lo = 0, hi = l.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (l[mid].key < prefix) lo = mid + 1; else hi = mid; }
    const set = new Set();
    for (let i = lo; i < l.length && l[i].key.startsWith(prefix); i++) for (const d of l[i].docs) set.add(d);
    return Int32Array.from(set).sort();
  }

  // search answers q = {q, region, category, year, level}; it returns the
  // total, the ranked documents and the facet counts.
  search(q) { return this.withRetry(() => this.run(q)); }

  async run(q) {
    const meta = this.meta, n = meta.n, cols = this.cols;
    const clauses = parseQuery(q.q || '');
    // Fetch every shard the query needs at once.
    const need = [];
    for (const c of clauses) {
      for (const t of c.terms) need.push(this.term(t));
      c.trigrams.forEach((t, k) => need.push(this.term(t, c.via[k])));
      if (c.pinyin) need.push(this.pinyinShard(c.pinyin.slice(0, 2)));
    }
    await Promise.all(need);
    let docs = null, scores = null, phrases = null, len = 0;
    for (const c of clauses) {
      const lists = [], tri = [];
      for (const t of c.terms) lists.push(await this.term(t));
      for (let k = 0; k < c.trigrams.length; k++) {
        const l = await this.term(c.trigrams[k], c.via[k]);
        if (l) tri.push(l);
      }
      let [cd, cs, cp, m] = matchAll(lists, tri, n, cols[4], meta.avgdl);
      if (c.pinyin) {
        const set = await this.pinyinDocs(c.pinyin);
        const w = idf(n, set.length) * PINYIN_WEIGHT;
        const md = new Int32Array(m + set.length), ms = new Float64Array(m + set.length), mp = new Uint8Array(m + set.length);
        let i = 0, j = 0, o = 0;
        while (i < m || j < set.length) {
          if (j >= set.length || (i < m && cd[i] < set[j])) { md[o] = cd[i]; ms[o] = cs[i]; mp[o] = cp[i]; i++; }
          else if (i >= m || set[j] < cd[i]) { md[o] = set[j]; ms[o] = 0 + w; mp[o] = 0; j++; }
          else { md[o] = cd[i]; ms[o] = cs[i] + w; mp[o] = cp[i]; i++; j++; }
          o++;
        }
        cd = md; cs = ms; cp = mp; m = o;
      }
      if (docs === null) { docs = cd; scores = cs; phrases = cp; len = m; continue; }
      // Keep the documents that match this clause too.
      let i = 0, j = 0, o = 0;
      while (i < len && j < m) {
        if (docs[i] < cd[j]) i++;
        else if (cd[j] < docs[i]) j++;
        else { docs[o] = docs[i]; scores[o] = scores[i] + cs[j]; phrases[o] = phrases[i] + cp[j]; o++; i++; j++; }
      }
      len = o;
    }
    const all = docs === null;
    const count = all ? n : len;
    const fi = (vals, v) => (v ? vals.findIndex((p) => p[0] === v) : -1);
    const yi = q.year ? meta.years.indexOf(+q.year) : -1;
    const filters = [fi(meta.regions, q.region), fi(meta.categories, q.category), q.year && yi < 0 ? -2 : yi, q.level ? LEVELS.indexOf(q.level) : -1]
      .map((f, k) => (f === -1 && [q.region, q.category, q.year, q.level][k] ? -2 : f));
    const counts = [meta.regions.length, meta.categories.length, meta.years.length, 4].map((l) => new Array(l).fill(0));
    const hits = new Int32Array(count);
    let total = 0;
    const [c0, c1, c2, c3] = cols, [f0, f1, f2, f3] = filters;
    const ok = (f, fl, v) => (fl === -1 ? true : fl === -2 ? false : f === 3 ? (v & (1 << fl)) !== 0 : v === fl);
    for (let i = 0; i < count; i++) {
      const d = all ? i : docs[i];
      const v0 = c0[d], v1 = c1[d], v2 = c2[d], v3 = c3[d];
      let fail = -1, nf = 0;
      if (!ok(0, f0, v0)) { fail = 0; nf++; }
      if (!ok(1, f1, v1)) { fail = 1; nf++; }
      if (!ok(2, f2, v2)) { fail = 2; nf++; }
      if (!ok(3, f3, v3)) { fail = 3; nf++; }
      if (nf > 1) continue;
      if (nf === 0 || fail === 0) counts[0][v0]++;
      if (nf === 0 || fail === 1) counts[1][v1]++;
      if (nf === 0 || fail === 2) counts[2][v2]++;
      if (nf === 0 || fail === 3) for (let k = 0; k < 4; k++) if (v3 & (1 << k)) counts[3][k]++;
      if (nf === 0) hits[total++] = i;
    }
    // top(k) returns the best k hits in order: more phrases, higher score,
    // then default order (newer year first: a smaller index into the
    // years, which are newest first; then document number). It selects
    // with a heap instead of sorting all.
    const better = (a, b) => {
      if (phrases[a] !== phrases[b]) return phrases[a] > phrases[b];
      if (scores[a] !== scores[b]) return scores[a] > scores[b];
      const da = docs[a], db = docs[b];
      return c2[da] !== c2[db] ? c2[da] < c2[db] : da < db;
    };
    const top = (k) => {
      k = Math.min(k, total);
      if (all) {
        // Browsing: the first k in default order. Hits are in number
        // order: with a year filter that is the order; else a counting
        // sort on the year, whose counts the facets hold already.
        if (f2 !== -1) return Array.from(hits.subarray(0, k), (d) => ({ doc: d, score: 0, phrases: 0 }));
        const start = new Int32Array(counts[2].length);
        for (let y = 1; y < start.length; y++) start[y] = start[y - 1] + counts[2][y - 1];
        const out = new Array(k);
        for (let x = 0; x < total; x++) {
          const d = hits[x], p = start[c2[d]]++;
          if (p < k) out[p] = { doc: d, score: 0, phrases: 0 };
        }
        return out;
      }
      const heap = []; // worst on top
      const down = (i) => {
        for (;;) {
          const l = 2 * i + 1, r = l + 1;
          let w = i;
          if (l < heap.length && better(heap[w], heap[l])) w = l;
          if (r < heap.length && better(heap[w], heap[r])) w = r;
          if (w === i) return;
          [heap[i], heap[w]] = [heap[w], heap[i]]; i = w;
        }
      };
      for (let x = 0; x < total && k > 0; x++) {
        const h = hits[x];
        if (heap.length < k) {
          heap.push(h);
          for (let i = heap.length - 1; i > 0;) {
            const p = (i - 1) >> 1;
            if (!better(heap[p], heap[i])) break;
            [heap[p], heap[i]] = [heap[i], heap[p]]; i = p;
          }
        } else if (better(h, heap[0])) { heap[0] = h; down(0); }
      }
      heap.sort((a, b) => (better(a, b) ? -1 : 1));
      return heap.map((i) => ({ doc: docs[i], score: scores[i], phrases: phrases[i] }));
    };
    return { total, top, counts, clauses };
  }

  // position returns the position in number order of the document
  // numbered num.
  position(num) {
    const size = this.meta.chunk, j = Math.floor(num / size), k = num - j * size;
    if (num < 0 || j >= this.occ.length || k >= this.occ[j]) throw new Error('bad document number ' + num);
    return this.start[j] + k;
  }

  // rows returns [url, title, excerpt] for each document (its position in
  // number order). It does not retry after a redeployment: document
  // numbers change with the index, so the caller reloads (load(true)) and
  // searches again.
  rows(ds) { return Promise.all(ds.map((d) => this.row(d))); }

  async row(d) {
    const c = this.rangeOf[d];
    let p = this.chunks.get(c);
    if (!p) {
      p = this.fetchFile('search/d/' + c + '-' + this.meta.d[c] + '.json').then((b) => JSON.parse(dec.decode(b)));
      p.catch(() => this.chunks.delete(c));
      this.chunks.set(c, p);
    }
    return (await p)[d - this.start[c]];
  }
}

// matchAll returns the documents that have every term of lists, their
// summed BM25 scores (in term order, as in Go) and whether they have every
// trigram of tri: [docs, scores, phrase flags, count].
function matchAll(lists, tri, n, lens, avgdl) {
  if (!lists.every((l) => l.df > 0)) return [new Int32Array(0), new Float64Array(0), new Uint8Array(0), 0];
  let drive = 0;
  lists.forEach((l, k) => { if (l.df < lists[drive].df) drive = k; });
  const D = lists[drive], K = lists.length;
  const cd = new Int32Array(D.df), cs = new Float64Array(D.df), cp = new Uint8Array(D.df);
  const ptr = new Int32Array(K), tptr = new Int32Array(tri.length), idfs = lists.map((l) => idf(n, l.df));
  let m = 0;
  outer: for (let i = 0; i < D.df; i++) {
    const d = D.docs[i];
    for (let k = 0; k < K; k++) {
      if (k === drive) { ptr[k] = i; continue; }
      const l = lists[k];
      let p = ptr[k];
      while (p < l.df && l.docs[p] < d) p++;
      ptr[k] = p;
      if (p >= l.df) break outer;
      if (l.docs[p] !== d) continue outer;
    }
    const q = lens[d], dl = Math.max(q * q, 1);
    let s = 0;
    for (let k = 0; k < K; k++) s += bm25(idfs[k], lists[k].wtf[ptr[k]], dl, avgdl);
    let ph = tri.length > 0 ? 1 : 0;
    for (let k = 0; k < tri.length; k++) {
      const l = tri[k];
      let p = tptr[k];
      while (p < l.df && l.docs[p] < d) p++;
      tptr[k] = p;
      if (p >= l.df || l.docs[p] !== d) ph = 0;
    }
    cd[m] = d; cs[m] = s; cp[m] = ph; m++;
  }
  return [cd, cs, cp, m];
}

// highlight splits text into [segment, marked] pairs, marking every place
// where a clause's text (or, failing that, one of its bigrams) occurs,
// compared in folded form.
export function highlight(text, clauses) {
  const cps = Array.from(text);
  const folded = cps.map((ch) => String.fromCodePoint(fold(ch.codePointAt(0))));
  const mark = new Uint8Array(cps.length);
  const find = (needle) => {
    const nd = Array.from(needle);
    let found = false;
    for (let i = 0; i + nd.length <= folded.length; i++) {
      let ok = true;
      for (let k = 0; k < nd.length && ok; k++) ok = folded[i + k] === nd[k];
      if (ok) { found = true; mark.fill(1, i, i + nd.length); }
    }
    return found;
  };
  for (const c of clauses) if (!find(c.text) && c.terms.length > 1) for (const t of c.terms) find(t);
  const out = [];
  for (let i = 0; i < cps.length;) {
    let j = i;
    while (j < cps.length && mark[j] === mark[i]) j++;
    out.push([cps.slice(i, j).join(''), mark[i] === 1]);
    i = j;
  }
  return out;
}

// ---- UI ----

const PAGE = 10;
const FACETS = [
  ['region', '地区', 'regions'],
  ['year', '年份', 'years'],
  ['category', '类别', 'categories'],
  ['level', '奖项级别', 'levels'],
];

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

function appendMarked(parent, segs) {
  for (const [t, m] of segs) parent.append(m ? el('mark', null, t) : document.createTextNode(t));
}

function start() {
  const form = document.getElementById('search-form');
  const input = document.getElementById('search-input');
  const list = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  const facetsBox = document.getElementById('search-facets');
  const more = document.getElementById('search-more');
  const suggest = document.getElementById('search-suggestions');
  if (!form || !input || !list || !status) return;
  // The page shows the file notice until this script runs: Chromium never
  // runs a module read from disk, other browsers do but cannot fetch the
  // index. Over HTTP the notice goes; from disk it stays and nothing is
  // fetched.
  const fileNotice = document.getElementById('search-file');
  if (location.protocol === 'file:') {
    if (fileNotice) fileNotice.hidden = false;
    for (const c of form.elements) c.disabled = true;
    return;
  }
  if (fileNotice) fileNotice.hidden = true;
  const rootMeta = document.querySelector('meta[name="showcase-root"]');
  const root = new URL(rootMeta ? rootMeta.content : '/', document.baseURI);
  const get = async (path, reload) => {
    const res = await fetch(new URL(path, root), reload ? { cache: 'reload' } : undefined);
    if (!res.ok) { const e = new Error(res.status + ' ' + path); e.status = res.status; throw e; }
    return new Uint8Array(await res.arrayBuffer());
  };
  const engine = new Engine(get);
  let state = readState(), result = null, shown = 0, seq = 0, radios = null;

  function readState() {
    const p = new URLSearchParams(location.search);
    return { q: p.get('q') || '', region: p.get('region') || '', year: p.get('year') || '', category: p.get('category') || '', level: p.get('level') || '' };
  }
  function url(s) {
    const p = new URLSearchParams();
    for (const k of ['q', 'region', 'year', 'category', 'level']) if (s[k]) p.set(k, s[k]);
    const qs = p.toString();
    return location.pathname + (qs ? '?' + qs : '');
  }
  function commit(push) {
    const u = url(state);
    if (u !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](state, '', u);
  }

  let facetsMeta = null;
  function buildFacets() {
    // Build once per index: a redeployment may bring new values.
    if (!facetsBox || facetsMeta === engine.meta) return;
    facetsMeta = engine.meta;
    facetsBox.replaceChildren();
    radios = {};
    const m = engine.meta;
    for (const [key, legend, prop] of FACETS) {
      const fs = el('fieldset', 'search-facet');
      fs.dataset.facet = key;
      fs.append(el('legend', null, legend));
      const vals = prop === 'years' ? m.years.map((y) => [String(y), String(y)]) : m[prop];
      radios[key] = [];
      for (const [value, label] of [['', '全部'], ...vals]) {
        const lab = el('label', 'search-facet-option');
        const r = el('input');
        r.type = 'radio'; r.name = 'facet-' + key; r.value = value;
        const cnt = el('span', 'search-facet-count');
        lab.append(r, ' ' + (label || '未注明') + ' ', cnt);
        fs.append(lab);
        radios[key].push({ r, cnt, lab, value });
        r.addEventListener('change', () => { state = { ...state, [key]: value }; commit(true); run(); });
      }
      facetsBox.append(fs);
    }
  }

  function updateFacets() {
    if (!radios) return;
    const countIndex = { region: 0, category: 1, year: 2, level: 3 };
    for (const [key] of FACETS) {
      const f = countIndex[key];
      for (const o of radios[key]) {
        o.r.checked = o.value === (state[key] || '');
        if (!o.value) continue;
        const idx = key === 'year' ? engine.meta.years.indexOf(+o.value) : key === 'level' ? LEVELS.indexOf(o.value) : engine.meta[key === 'region' ? 'regions' : 'categories'].findIndex((p) => p[0] === o.value);
        const c = result.counts[f][idx] || 0;
        o.cnt.textContent = '(' + c + ')';
        o.r.disabled = c === 0 && !o.r.checked;
        o.lab.classList.toggle('search-facet-empty', c === 0);
      }
    }
  }

  async function showMore(retried) {
    const my = seq;
    const slice = result.top(shown + PAGE).slice(shown);
    let rows;
    try { rows = await engine.rows(slice.map((h) => h.doc)); } catch (e) {
      if (!(e instanceof NotFound) || retried) throw e;
      await engine.load(true); // the site was redeployed: search the new index
      return run(true);
    }
    if (my !== seq) return;
    const m = engine.meta;
    slice.forEach((h, i) => {
      const [u, title, excerpt] = rows[i];
      const li = el('li', 'search-hit');
      const a = el('a', 'search-hit-title');
      a.href = new URL(u, root).href;
      appendMarked(a, highlight(title, result.clauses));
      const region = m.regions[engine.cols[0][h.doc]][1];
      const meta = el('p', 'search-hit-meta', [region, m.years[engine.cols[2][h.doc]] + '年'].filter(Boolean).join(' · '));
      const snip = el('p', 'search-hit-snippet');
      appendMarked(snip, highlight(excerpt, result.clauses));
      li.append(a, meta, snip);
      list.append(li);
    });
    shown += slice.length;
    if (more) more.hidden = shown >= result.total;
  }

  function suggestions() {
    if (!suggest) return;
    suggest.replaceChildren();
    if (result.total > 0) { suggest.hidden = true; return; }
    const items = [];
    const names = { region: (v) => engine.meta.regions.find((p) => p[0] === v)?.[1], category: (v) => engine.meta.categories.find((p) => p[0] === v)?.[1], year: (v) => v + '年', level: (v) => engine.meta.levels.find((p) => p[0] === v)?.[1] };
    for (const [key] of FACETS) if (state[key]) items.push(['去掉筛选“' + (names[key](state[key]) || state[key]) + '”', { ...state, [key]: '' }]);
    if (result.clauses.length > 1) for (const c of result.clauses) items.push(['只搜索“' + c.text + '”', { ...state, q: c.text }]);
    if (state.q) items.push(['浏览全部案例', { q: '', region: '', year: '', category: '', level: '' }]);
    for (const [text, s] of items) {
      const li = el('li');
      const b = el('button', 'search-suggestion', text);
      b.type = 'button';
      b.addEventListener('click', () => { state = s; input.value = s.q; commit(true); run(); });
      li.append(b);
      suggest.append(li);
    }
    suggest.hidden = items.length === 0;
  }

  async function run(retried) {
    const my = ++seq;
    status.textContent = '正在搜索…';
    try {
      await engine.load();
      buildFacets();
      const r = await engine.search(state);
      if (my !== seq) return;
      buildFacets();
      result = r; shown = 0;
      list.replaceChildren();
      updateFacets();
      await showMore(retried);
      if (my !== seq) return;
      status.textContent = r.total ? '找到 ' + r.total + ' 个案例' : '没有找到符合条件的案例';
      suggestions();
    } catch (e) {
      if (my === seq) status.textContent = '搜索暂时不可用，请稍后重试。';
      throw e;
    }
  }

  let timer = 0;
  input.value = state.q;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { state = { ...state, q: input.value }; commit(false); run(false); }, 120);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault(); clearTimeout(timer);
    state = { ...state, q: input.value }; commit(true); run();
  });
  if (more) more.addEventListener('click', () => showMore(false));
  addEventListener('popstate', () => { state = readState(); input.value = state.q; run(); });
  // Arrow keys move between the search box and the result links.
  const links = () => Array.from(list.querySelectorAll('a.search-hit-title'));
  input.addEventListener('keydown', (e) => { if (e.key === 'ArrowDown') { const l = links(); if (l.length) { e.preventDefault(); l[0].focus(); } } });
  list.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const l = links(), i = l.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowDown' && i + 1 < l.length) l[i + 1].focus();
    else if (e.key === 'ArrowUp') (i > 0 ? l[i - 1] : input).focus();
  });
  run();
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
