// Search for the showcase: an ES module.
import { tokenize } from "./tokenize.js";
import * as shards from './shards.js';

const cache = new Map();

export async function search(query, root = "/") {
  const terms = tokenize(query);
  const results = [];
  for (const term of terms) {
    const postings = await shards.load(root, term, cache);
    results.push(...postings);
  }
  return results;
}

export default search;
export { cache as shardCache };
