// Loads index shards next to this module, with top-level await.
const base = new URL(".", import.meta.url);
const response = await fetch(new URL("index/meta.json", base));
export const meta = await response.json();

export async function shard(n) {
  const module = await import(`./index/shard-${n}.js`);
  return module.default ?? {};
}

export * from "./tokenize.js";
export * as ranking from "./rank.js";
