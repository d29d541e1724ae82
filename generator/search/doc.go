// Package search builds the static, Chinese-aware search index of the
// showcase and holds the reference implementation of its query logic; the
// browser runs the same logic in themes/showcase/assets/js/search.js.
//
// # Tokens
//
// [Tokenize] folds full-width ASCII forms and the ideographic space to
// half-width, lower-cases Latin letters, and splits text into Han unigrams
// and overlapping bigrams and Latin words (letters and digits, cut at
// [MaxWordLen]); everything else separates tokens and is dropped. The
// JavaScript tokenizer is identical: testdata/tokenize-vectors.json is run
// by both go test and node --test (js_test.mjs). [Tokenize], [Build] and
// the [Indexer] read text through one scanner (scan.go): it returns each
// Han character with the one or two before it in its run, from which
// Tokenize makes unigrams and bigrams and the index also its trigrams; all posting lists are one encoded type
// (postings.go), written by Build and edited in place by the Indexer.
//
// # Index
//
// Documents are numbered in the order of their URLs (byte-wise; documents
// with the same URL by their other fields), with room between blocks, so
// that the index is a function of the set of documents, whatever order
// the caller gives them in or the build history, an edit that moves a
// story in the site's order (a new date) renumbers nothing, and adding,
// deleting or renaming a story mostly renumbers only its neighbours. In
// URL order, the documents are cut into blocks: a block ends after a
// document whose URL hash says so (64-bit FNV-1a mixed by MurmurHash3's
// finalizer: one URL in four) once it has ChunkSize − ChunkSize/4
// documents, and always at ChunkSize + ChunkSize/4 ([Options.ChunkSize]
// 8: from 6 to 10, 8 on average). Block b owns the range of ChunkSize +
// ChunkSize/4 numbers from b times that, its documents numbered from its
// start. A cut depends only on the URLs of its block, so a change
// renumbers the documents after it in its block and, while the cuts
// after it move, in the next few blocks (10 documents on average at
// 3,000 documents, TestStableNumbers), but when the number of blocks
// before a document changes (about one change in ten), every document
// from there on is renumbered, as dense numbers would be. Numbers keep URL
// order because slugs are made of title and region words: neighbours
// share terms and facet values, and their posting lists and columns
// compress well. (Numbering by a hash of the URL instead, which keeps
// almost every number, made the term shards of a 10,000-story corpusgen
// site 13% larger in gzip and its commonest-words first search 165 KB,
// against 146 KB; these blocks cost 0.4% and 1.2 KB.) The last tie-break
// of the default order, by number, is URL order.
//
// A document's position is its place in number order. The meta file's
// columns are by position; posting lists, pinyin lists and the document
// table are by number.
//
// A document's title, region, town, category and tags, summary and body are
// indexed as one bag of terms whose frequencies are weighted: a title
// occurrence counts [Options.TitleBoost] times, a region, town, category or
// tag occurrence [Options.MetaBoost] times. Each Han trigram of the text is
// also kept, as a plain document list, for phrase checks.
//
// Terms are hashed (FNV-1a, [ShardOf]) into a power-of-two number of term
// shards sized by [Options.ShardBytes]; a trigram is stored in the shards of
// both of its bigrams, so that a query finds it in a shard it loads anyway.
// A shard keeps the document lists of its rarest trigrams, as many as fit
// in [Options.TrigramBytes], and names the others with a document
// frequency of 0 and no list: the commonest trigrams mostly follow their
// bigrams anyway, and would otherwise make the shards of the commonest
// bigrams several times larger.
// A shard is a uvarint count of entries, then per entry the term (uvarint
// length, UTF-8), its document frequency and the uvarint length of its
// postings; postings are, per document in order, the gap from the previous
// document's number and, except for trigrams, the weighted frequency. The
// first gap is the number + 1; a gap into a later range leaves out the
// free numbers at the end of the previous document's range (clients know
// them from the occupancy column), so that a list of consecutive
// documents is a run of 1s, as with dense numbers: gzip finds the free
// numbers costly (counted, they made the term shards of 10,000 synthetic
// stories 16-32% larger in gzip with ranges of 8 numbers holding 6 or 4
// documents, and 97% larger with a URL hash in 8 numbers per document),
// left out, cheap. A gap depends only on the ranges of its two documents.
//
// Pinyin ([PinyinKeys]) of titles, region, town names and tags is indexed in
// separate shards, one per two-letter prefix: sorted keys, each with its
// document list (plain number gaps, the first the number + 1), matched by
// prefix.
//
// The document table stores, in one chunk per range (block), each of its
// documents' URL, title and excerpt ([Excerpt]) as JSON, in number order. The meta file, [MetaPath], holds a uvarint header length, a JSON
// header ([Meta]: format version, facet values, shard and pinyin prefix
// lists, BM25 average length, numbers per range, number of ranges), five
// byte columns by position: region, category, year (indexes into the
// header's lists), award-level bit mask ([Levels] order) and the document
// length as a rounded square root; a byte per range, its number of
// documents; then the directory of file hashes, 5 bytes each: every term
// shard's, every document chunk's (a range without documents has none),
// every pinyin shard's (in the header's prefix order).
//
// Every file but the meta file is named by its own content hash: term
// shard s is search/t/<s>-<hash>.bin, the document chunk of range c
// search/d/<c>-<hash>.json
// and the pinyin shard of a prefix search/p/<prefix>-<hash>.bin, where
// <hash> is the first 10 hex digits of the SHA-256 of the file's bytes
// (the directory's 5 bytes). A rebuild renames only the
// files whose bytes changed; every other file keeps its name, so that
// hosts, caches and deployments see only what changed. Every JSON file
// escapes <, > and & (\u003c, \u003e, \u0026). The meta file keeps its name,
// so that a page finds the index with one request; hosts make caches
// revalidate it. A tab that outlives a deployment keeps answering from the
// files it has; when it needs one that is gone, it reloads the meta file
// (bypassing the cache) and retries.
//
// # Incremental builds
//
// [Indexer] gives the same files as [Build] and keeps each document's
// analysis while the document stays equal; a rebuild after an edit in
// place re-encodes only the shards, pinyin shards and chunks that changed
// and reuses the bytes and hashes of the rest. An edit in place is any
// edit that keeps the document's URL: of its text, or of its date, year,
// region, category or award levels, which move it in the site's order but
// not in the index's. Adding, deleting or renaming a document renumbers
// the documents of the ranges whose blocks change: the lists of those
// ranges' documents are spliced.
//
// # Queries
//
// [ParseQuery] turns a query (its first [MaxQueryRunes] characters) into
// clauses: a run of Han characters becomes
// bigrams of the run, or its one character; a Latin word becomes itself
// and, if it is letters only, a pinyin prefix. A query is fitted into
// [MaxLookups] (5) shard lookups, counted from the query text alone as its
// distinct terms plus its distinct two-letter pinyin prefixes, so that a
// cold start costs at most 5 fixed requests (page, stylesheet, two
// scripts, meta file), 5 shards and 10 document chunks. Within the budget a
// run is covered exactly, by the bigrams at offsets 0, 2, 4, … (and n-2).
// Over it, the longest runs first switch to the bigrams at offsets 1, 5,
// 9, … (and n-2): the shard of the bigram at offset k also holds the
// trigrams at k-1 and k, so every character still lies in a looked-up
// bigram or trigram, with about n/4 lookups (a 12-character run needs 3, a
// 20-character one 5). If that is not enough, runs are thinned to evenly
// spaced bigrams, first and last kept. A query of more than five clauses
// (single characters, words or runs; a Latin word of letters counts two:
// the word and its pinyin prefix, which words with the same first two
// letters share) cannot fit and looks up what it needs.
//
// A document must match every clause: have every looked-up bigram of a run
// (its parts may lie apart), the character, or the word (or, for a word
// of letters, a pinyin key starting with it). A clause's score is the sum
// of its terms' BM25 scores ([K1], [B]), plus [PinyinWeight] times the IDF
// of the pinyin match set; a document's score is the sum over clauses.
// Results are ordered by the number of multi-character clauses found as
// phrases (every trigram whose list the looked-up shards hold present;
// under the exact cover every trigram of the run is in a looked-up shard),
// then by score, then by default order: newer year first (a smaller index
// into the header's years, which are newest first), then by document
// number. With no query, every document matches, in default order. Facet
// counts per value apply every other facet's filter.
package search
