// The search page's 筛选 disclosure (layouts/search.html): open beside the
// results on a wide screen, folded below them on a narrow one (below
// 600 px, as the stylesheet lays it out), its summary counting the active
// filters. search.js builds the facets inside it and keeps the filters in
// the address (?region=…&year=…); this file only shows the disclosure
// and counts them. Without JavaScript there is no search, and the
// disclosure stays hidden.

const FILTERS = ['region', 'year', 'category', 'level'];

function start() {
  const box = document.getElementById('search-filter');
  const count = document.getElementById('search-filter-count');
  const results = document.getElementById('search-results');
  if (!box || !count || location.protocol === 'file:') return;
  const narrow = matchMedia('(max-width: 37.49rem)');
  const place = () => { box.open = !narrow.matches; };
  const recount = () => {
    const p = new URLSearchParams(location.search);
    const n = FILTERS.filter((k) => p.get(k)).length;
    count.textContent = n ? '（已选 ' + n + ' 项）' : '';
  };
  place();
  recount();
  box.hidden = false;
  narrow.addEventListener('change', place);
  // search.js re-renders the results after every change of the query or
  // the filters, and writes them into the address first.
  addEventListener('popstate', recount);
  box.addEventListener('change', () => queueMicrotask(recount));
  if (results) new MutationObserver(recount).observe(results, { childList: true });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
