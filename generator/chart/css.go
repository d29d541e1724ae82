package chart

// CSS is the stylesheet the charts' class names refer to. Serve it as a
// file (the charts never use inline styles). Text is drawn in currentColor;
// every other colour is a custom property on .chart, so a theme may
// override any of them. The light scheme assumes a light page background
// (tested against #fff and #f6f8fa), the dark scheme a dark one (tested
// against #0d1117, #121212 and #1e1e1e): bars, segments and tile edges
// have a contrast of at least 3:1 with the page, text in tiles at least
// 4.5:1 with the tile. An ancestor with class "high-contrast" switches to
// a black-and-white palette with stronger edges; forced-colors mode uses
// the system colours.
const CSS = `.chart{margin:1.5rem 0;
--chart-bar:#1d4ed8;--chart-focus:#b45309;--series-default:#4b5563;
--series-national:#9f1239;--series-provincial:#b45309;--series-municipal:#0e7490;--series-county:#4338ca;--series-5:#15803d;--series-6:#7e22ce;
--tile-0:#f3f4f6;--tile-1:#dbeafe;--tile-2:#93c5fd;--tile-3:#2563eb;--tile-4:#1e3a8a;
--tile-edge:#1e3a8a;--tile-edge-0:#6b7280;--tile-ink:#111827;--tile-ink-strong:#ffffff}
.chart figcaption{font-weight:600;margin:0 0 .5rem}
.chart-svg{display:block;width:100%;height:auto;max-width:32rem;overflow:visible}
.chart-tiles .chart-svg{max-width:26rem}
.chart-spark .chart-svg{max-width:15rem}
.chart text{fill:currentColor}
.chart .grid{stroke:currentColor;stroke-opacity:.2;stroke-width:1}
.chart .axis,.chart .tick{stroke:currentColor;stroke-width:1}
.chart .frame{stroke:currentColor;stroke-opacity:.6;stroke-dasharray:4 3}
.chart .bar{fill:var(--chart-bar)}
.chart .seg,.chart .swatch{fill:var(--series-default)}
.chart .series-national,.chart .series-1{fill:var(--series-national)}
.chart .series-provincial,.chart .series-2{fill:var(--series-provincial)}
.chart .series-municipal,.chart .series-3{fill:var(--series-municipal)}
.chart .series-county,.chart .series-4{fill:var(--series-county)}
.chart .series-5{fill:var(--series-5)}
.chart .series-6{fill:var(--series-6)}
.chart .tile>rect,.chart rect.swatch[class*=tile-]{stroke:var(--tile-edge);stroke-width:1.5}
.chart .tile-0>rect,.chart rect.tile-0{fill:var(--tile-0);stroke:var(--tile-edge-0);stroke-dasharray:4 3}
.chart .tile-1>rect,.chart rect.tile-1{fill:var(--tile-1)}
.chart .tile-2>rect,.chart rect.tile-2{fill:var(--tile-2)}
.chart .tile-3>rect,.chart rect.tile-3{fill:var(--tile-3)}
.chart .tile-4>rect,.chart rect.tile-4{fill:var(--tile-4)}
.chart .tile text{fill:var(--tile-ink)}
.chart .tile-3 text,.chart .tile-4 text{fill:var(--tile-ink-strong)}
.chart .tile-short{font-weight:700}
.chart a{cursor:pointer}
.chart a:focus{outline:none}
.chart a:hover .bar-label,.chart a:hover .tile-short{text-decoration:underline}
.chart a.tile:hover>rect{stroke-width:3}
.chart a:focus-visible>rect{stroke:var(--chart-focus);stroke-width:4;stroke-dasharray:none}
.chart-data{margin-top:.5rem;overflow-x:auto}
.chart-data summary{cursor:pointer}
.chart-data table{border-collapse:collapse;margin:.5rem 0;font-variant-numeric:tabular-nums}
.chart-data th,.chart-data td{padding:.25rem .75rem .25rem 0;border-bottom:1px solid;border-color:rgba(128,128,128,.5);text-align:left;font-weight:normal}
.chart-data thead th,.chart-data tfoot th,.chart-data tfoot td{font-weight:600}
.chart-data td,.chart-data thead th+th{text-align:right}
@media (prefers-color-scheme:dark){.chart{
--chart-bar:#60a5fa;--chart-focus:#fbbf24;--series-default:#9ca3af;
--series-national:#fb7185;--series-provincial:#fbbf24;--series-municipal:#2dd4bf;--series-county:#a5b4fc;--series-5:#4ade80;--series-6:#c084fc;
--tile-0:#1f2937;--tile-1:#1e3a8a;--tile-2:#1d4ed8;--tile-3:#60a5fa;--tile-4:#bfdbfe;
--tile-edge:#93c5fd;--tile-edge-0:#9ca3af;--tile-ink:#f9fafb;--tile-ink-strong:#0b1220}}
.high-contrast .chart{
--chart-bar:#000000;--chart-focus:#b45309;--series-default:#000000;
--series-national:#000000;--series-provincial:#7f1d1d;--series-municipal:#1e3a8a;--series-county:#14532d;--series-5:#4c1d95;--series-6:#713f12;
--tile-0:#ffffff;--tile-1:#e5e7eb;--tile-2:#9ca3af;--tile-3:#374151;--tile-4:#000000;
--tile-edge:#000000;--tile-edge-0:#000000;--tile-ink:#000000;--tile-ink-strong:#ffffff}
.high-contrast .chart .tile>rect,.high-contrast .chart rect.swatch[class*=tile-]{stroke-width:2.5}
@media (prefers-color-scheme:dark){.high-contrast .chart{
--chart-bar:#ffffff;--chart-focus:#fbbf24;--series-default:#ffffff;
--series-national:#ffffff;--series-provincial:#fde68a;--series-municipal:#a5f3fc;--series-county:#bbf7d0;--series-5:#ddd6fe;--series-6:#fecaca;
--tile-0:#000000;--tile-1:#374151;--tile-2:#6b7280;--tile-3:#d1d5db;--tile-4:#ffffff;
--tile-edge:#ffffff;--tile-edge-0:#ffffff;--tile-ink:#ffffff;--tile-ink-strong:#000000}}
@media (forced-colors:active){
.chart .bar,.chart .seg,.chart rect.swatch{fill:CanvasText}
.chart .tile>rect,.chart rect.swatch[class*=tile-]{fill:Canvas;stroke:CanvasText}
.chart .tile text{fill:CanvasText}
.chart a:focus-visible>rect{stroke:Highlight}}
`
