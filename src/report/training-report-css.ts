// Styles the training report adds to the profile report's sheet: curve and series colours
// (Tableau 10, colour-blind friendlier than the defaults of most plotting tools), chart grids,
// the leaderboard and the verdict on the runner-up.

export const TRAINING_CSS = `
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; margin: 12px 0; }
.chart-card { min-width: 0; margin: 12px 0; }
.charts .chart-card { margin: 0; }
.chart-card h3 { margin-bottom: 2px; }
.chart-card p { margin: 0 0 10px; }
.chart-card svg { margin: 0 auto; }
svg .plot-frame { fill: none; stroke: #d4d4d8; }
svg .curve { fill: none; stroke-width: 2; stroke-linejoin: round; }
svg .reference { stroke: #71717a; stroke-width: 1.2; stroke-dasharray: 5 4; }
svg .legend-label { font-size: 12px; fill: var(--ink); }
svg .mark { stroke: #fff; stroke-width: 1; }
svg .s0 { stroke: #4e79a7; } svg .mark.s0 { fill: #4e79a7; }
svg .s1 { stroke: #f28e2b; } svg .mark.s1 { fill: #f28e2b; }
svg .s2 { stroke: #59a14f; } svg .mark.s2 { fill: #59a14f; }
svg .s3 { stroke: #e15759; } svg .mark.s3 { fill: #e15759; }
svg .s4 { stroke: #76b7b2; } svg .mark.s4 { fill: #76b7b2; }
svg .s5 { stroke: #b07aa1; } svg .mark.s5 { fill: #b07aa1; }
svg .s6 { stroke: #edc948; } svg .mark.s6 { fill: #edc948; }
svg .s7 { stroke: #9c755f; } svg .mark.s7 { fill: #9c755f; }
svg .curve.best { stroke: #18181b; stroke-width: 2; }
svg line.best { stroke: #18181b; stroke-width: 2; }
svg .mark.done { fill: #4e79a7; }
svg .mark.pruned { fill: #fff; stroke: #e15759; stroke-width: 1.6; }
svg .dots circle { fill: #4e79a7; fill-opacity: 0.45; }
svg.confusion-matrix .row-label, svg.confusion-matrix .col-label { font-size: 12px; fill: var(--ink); }
svg.confusion-matrix .grid-frame { fill: none; stroke: #a1a1aa; }
svg.confusion-matrix .cell-value { font-size: 12px; fill: #27272a; pointer-events: none; font-variant-numeric: tabular-nums; }
svg.confusion-matrix .cell-value.light { fill: #fff; }
svg.confusion-matrix .cm-cell:hover { stroke: #18181b; stroke-width: 1.5; }
svg .interval { stroke: #18181b; stroke-width: 2.5; stroke-linecap: round; }
svg .mark.cv { fill: #a1a1aa; }
svg .mark.test { fill: #2563eb; }
svg .mark.runner-up { fill: #f28e2b; }
table.leaderboard td.config { font-size: 12px; }
table.leaderboard .param { white-space: nowrap; margin-right: 8px; }
table.leaderboard tr.kept td { background: #f0fdf4; }
table.leaderboard tr.pruned td, table.leaderboard tr.failed td { color: var(--muted); }
.badge.kept { background: #dcfce7; color: #166534; border-color: #86efac; margin-left: 6px; }
.status.failed { color: #b91c1c; font-weight: 600; }
.status.pruned { color: var(--warn); }
p.headline { font-size: 16px; }
p.verdict { font-size: 15px; padding: 8px 12px; border-radius: 8px; background: var(--panel); border: 1px solid var(--line); }
p.verdict[data-verdict="real"] { background: #f0fdf4; border-color: #86efac; }
p.verdict[data-verdict="not-significant"] { background: var(--warn-bg); border-color: #fcd34d; }
ul.warning-list { margin: 4px 0 8px; padding-left: 20px; }
.feature-list { overflow-wrap: anywhere; }
.lineage { font-size: 12px; color: var(--faint); margin-top: 6px; overflow-wrap: anywhere; }
`;
