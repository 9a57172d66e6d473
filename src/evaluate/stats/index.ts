// Statistics for honest comparisons: distributions, bootstrap intervals for any metric, and paired
// tests of two models (corrected resampled t-test over folds, McNemar on a holdout, DeLong on AUCs).

export * from "../../core/index.js";
export { bootstrapCi, pairedBootstrap, type BootstrapOptions, type BootstrapResult, type MetricFunction, type PairedBootstrapResult } from "./bootstrap.js";
export { correctedTTest, type CorrectedTTestOptions, type PairedTestResult } from "./corrected-t-test.js";
export { mcnemarFromCounts, mcnemarTest, type McNemarOptions, type McNemarResult } from "./mcnemar.js";
export { delongTest, midranks, type DeLongOptions, type DeLongResult } from "./delong.js";
export { quantileSorted } from "./quantile.js";
export { takeRows, type Rows } from "./resample.js";
