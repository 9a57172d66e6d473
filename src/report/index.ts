// HTML reports and the SVG charts they are drawn with.
export { renderProfileHtml, type ProfileHtmlOptions } from "./profile-report.js";
export { escapeHtml } from "./escape-html.js";
export { histogramSvg, type HistogramSvgOptions } from "./histogram-svg.js";
export { barChartSvg, type Bar, type BarChartSvgOptions } from "./bar-chart-svg.js";
export { heatmapSvg, type HeatmapSvgOptions } from "./heatmap-svg.js";
export { associationChartSvg, type AssociationChartSvgOptions } from "./association-chart-svg.js";
export { sparklineSvg, type SparklineSvgOptions } from "./sparkline-svg.js";
export { renderTrainingReport, type TrainingReportOptions } from "./training-report.js";
export { lineChartSvg, type LineChartSvgOptions, type LineSeries, type ReferenceLine } from "./line-chart-svg.js";
export { scatterSvg, type ScatterSvgOptions } from "./scatter-svg.js";
export { confusionMatrixSvg, type ConfusionMatrixSvgOptions } from "./confusion-matrix-svg.js";
export { shapStripSvg, type ShapStripRow, type ShapStripSvgOptions } from "./shap-strip-svg.js";
