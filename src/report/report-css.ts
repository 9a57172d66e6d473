// The report's one stylesheet, inlined into every page so the file opens anywhere offline. System
// fonts only: a report must not reach out to a font CDN.

export const REPORT_CSS = `
:root {
  --ink: #18181b; --muted: #52525b; --faint: #71717a; --line: #e4e4e7; --panel: #fafafa;
  --accent: #2563eb; --accent-soft: #93b4f5; --warn: #b45309; --warn-bg: #fffbeb; --info: #1d4ed8;
  --info-bg: #eff6ff; --bar: #3b6fd8; --bar-other: #a1a1aa; --bar-missing: #d4d4d8;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: #f4f4f5;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
}
main { max-width: 1200px; margin: 0 auto; padding: 0 32px 64px; }
main > section:first-child h2 { margin-top: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; letter-spacing: -0.01em; overflow-wrap: anywhere; }
h2 { font-size: 19px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 0; overflow-wrap: anywhere; }
h4 { font-size: 13px; margin: 16px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
p { margin: 6px 0; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
.muted { color: var(--muted); }
.note { color: var(--muted); font-style: italic; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px; }

header.report-header { background: #fff; border-bottom: 1px solid var(--line); }
header.report-header .inner { max-width: 1200px; margin: 0 auto; padding: 24px 32px 16px; }
.source { color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
.facts { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0 8px; padding: 0; list-style: none; }
.facts li { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 120px; }
.facts .k { display: block; font-size: 11px; color: var(--faint); text-transform: uppercase; letter-spacing: 0.05em; }
.facts .v { display: block; font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
nav.toc { display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 13px; margin-top: 8px; }

.alerts { display: grid; gap: 12px; }
.alert-group { border-radius: 10px; padding: 10px 16px 6px; border: 1px solid; }
.alert-group.warning { background: var(--warn-bg); border-color: #fcd34d; }
.alert-group.info { background: var(--info-bg); border-color: #bfdbfe; }
.alert-group h3 { font-size: 14px; margin-bottom: 4px; }
.alert-group.warning h3 { color: var(--warn); }
.alert-group.info h3 { color: var(--info); }
table.alert-table th, table.alert-table td { background: transparent; border-bottom: 1px solid rgba(0, 0, 0, 0.06); padding: 5px 10px 5px 0; position: static; }
table.alert-table tr:last-child td, table.alert-table tr:last-child th { border-bottom: none; }
table.alert-table th { width: 170px; font-size: 13px; color: var(--ink); vertical-align: top; }
table.alert-table td.subject { width: 220px; overflow-wrap: anywhere; vertical-align: top; }
.badge {
  display: inline-block; font-size: 11px; line-height: 18px; padding: 0 7px; border-radius: 9px; margin-right: 4px;
  background: #f4f4f5; color: var(--muted); border: 1px solid var(--line); white-space: nowrap; vertical-align: 1px;
}
.badge.kind { background: #eef2ff; color: #3730a3; border-color: #c7d2fe; }
.badge.flag { background: #fef3c7; color: #92400e; border-color: #fcd34d; }
.badge.alert-warning { background: #fff7ed; color: #9a3412; border-color: #fdba74; }
.badge.alert-info { background: #eff6ff; color: #1e40af; border-color: #bfdbfe; }
.badge.target { background: #dcfce7; color: #166534; border-color: #86efac; }

table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: middle; }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: var(--panel); position: sticky; top: 0; }
td.num, th.num { text-align: right; white-space: nowrap; }
.overview td.name { max-width: 280px; overflow-wrap: anywhere; font-weight: 500; }
.overview td.spark-cell { width: 132px; padding-top: 3px; padding-bottom: 3px; }
.overview tr:hover td { background: #f8fafc; }
.table-wrap { background: #fff; border: 1px solid var(--line); border-radius: 10px; overflow: auto; max-height: 900px; }
.table-wrap table tr:last-child td { border-bottom: none; }

section.column { margin: 16px 0; }
section.column .head { display: flex; align-items: baseline; gap: 10px; flex-wrap: wrap; margin-bottom: 12px; }
section.column .body { display: grid; grid-template-columns: 400px minmax(0, 1fr); gap: 24px; align-items: start; }
.stats-groups { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 0 20px; align-items: start; }
table.stats td { padding: 3px 8px; }
table.stats td:first-child { color: var(--muted); white-space: nowrap; }
table.stats tr.sep td { border-bottom: 2px solid var(--line); }
.chart-box { min-width: 0; }

svg { display: block; max-width: 100%; height: auto; overflow: visible; }
svg text { font-family: inherit; }
svg .tick-label { font-size: 11px; fill: var(--muted); font-variant-numeric: tabular-nums; }
svg .axis-title { font-size: 11.5px; fill: var(--muted); font-weight: 600; }
svg .grid { stroke: #ececef; stroke-width: 1; }
svg .tick { stroke: #a1a1aa; }
svg .baseline { stroke: #71717a; stroke-width: 1; }
svg .bar { fill: var(--bar); }
svg .bar:hover, svg .bar-row:hover .bar, svg .assoc-bar:hover .bar { fill: #1e40af; }
svg .bar-row.other .bar { fill: var(--bar-other); }
svg .bar-row.missing .bar { fill: var(--bar-missing); }
svg .bar-label { font-size: 12px; fill: var(--ink); }
svg .bar-value { font-size: 11px; fill: var(--muted); font-variant-numeric: tabular-nums; }
svg .empty-frame { fill: var(--panel); stroke: var(--line); stroke-dasharray: 4 3; }
svg .empty-message { font-size: 13px; fill: var(--faint); }
svg.spark rect { fill: var(--bar); }
svg.spark .spark-base { stroke: #d4d4d8; }
svg.spark .spark-empty { stroke: #d4d4d8; stroke-dasharray: 3 2; }
svg.heatmap .row-label, svg.heatmap .col-label { fill: var(--ink); }
svg.heatmap .cell:hover { stroke: #18181b; stroke-width: 1.5; }
svg.heatmap .cell-value { font-size: 11px; fill: #27272a; pointer-events: none; font-variant-numeric: tabular-nums; }
svg.heatmap .cell-value.light { fill: #fff; }
svg.heatmap .grid-frame, svg.heatmap .legend-frame { fill: none; stroke: #a1a1aa; }
svg .zebra { fill: #f8fafc; }
svg .panel-axis { stroke: #a1a1aa; }
svg .panel-title { font-size: 12.5px; font-weight: 600; fill: var(--ink); }
svg .assoc-bar.u .bar { fill: #7c3aed; }
svg .assoc-bar.power .bar { fill: #0d9488; }

.heatmaps { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
.heatmaps.wide { grid-template-columns: minmax(0, 1fr); }
.heatmaps.three { grid-template-columns: repeat(3, minmax(0, 1fr)); }
.heatmap-card svg { margin: 0 auto; }
.heatmap-card h3 { margin-bottom: 2px; }
.heatmap-card p { margin: 0 0 10px; }
table.tokens { width: auto; min-width: 320px; }
footer { margin-top: 48px; font-size: 12px; color: var(--faint); }
@media print { body { background: #fff; } .card, .table-wrap { border-color: #ccc; } section.column { break-inside: avoid; } }
`;
