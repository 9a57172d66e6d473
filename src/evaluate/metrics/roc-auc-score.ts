// Area under the ROC curve. Binary: scores of the positive class (a Float64Array, or a two-column
// probability matrix). Multiclass: a rows × classes probability matrix, one-vs-rest (macro,
// prevalence-weighted or micro average) or one-vs-one (Hand & Till). Ties are averaged exactly:
// one sort per class, O(n log n) at worst and linear passes in practice (see descending-order.ts).

import { InvalidInput, type Matrix } from "../../core/index.js";
import { type BinaryCurve, binaryCurve, curveArea } from "./binary-curve.js";
import { type ClassLabel, checkedLabelList, describeLabels, labelCodes, sortedLabels } from "./class-labels.js";
import { checkedSampleWeight } from "./sample-weight.js";
import { checkLengths, checkedProbabilities, checkedScores, column, isMatrix } from "./score-inputs.js";

export interface RocAucOptions {
  readonly sampleWeight?: ArrayLike<number>;
  /** The classes in the order of the score columns (a model's `classes`); by default yTrue's, sorted. */
  readonly classes?: readonly ClassLabel[];
  /** Multiclass scheme: one-vs-rest (default) or one-vs-one, which takes no sample weights. */
  readonly multiClass?: "ovr" | "ovo";
  /** Multiclass average: macro (default), weighted by class prevalence, or micro (ovr only). */
  readonly average?: "macro" | "weighted" | "micro";
  /**
   * Binary only: the area up to this false positive rate in (0, 1], McClish-standardised so 0.5
   * is chance and 1 perfect — for when only the low-FPR end of the curve matters.
   */
  readonly maxFpr?: number;
}

const METRIC = "rocAucScore";

export function rocAucScore(yTrue: ArrayLike<ClassLabel>, yScore: ArrayLike<number> | Matrix, options: RocAucOptions = {}): number {
  const n = checkLengths(yTrue, isMatrix(yScore) ? { length: yScore.rows } : yScore, "yScore", METRIC);
  checkChoices(options);
  const weight = checkedSampleWeight(options.sampleWeight, n, METRIC);
  const classes = options.classes === undefined ? sortedLabels([{ y: yTrue, name: "yTrue" }], METRIC) : checkedLabelList(options.classes, "classes", METRIC);
  if (!isMatrix(yScore) || yScore.cols === 2) {
    if (classes.length !== 2) {
      throw new InvalidInput(
        classes.length < 2
          ? `ROC AUC is undefined with one class: yTrue holds only ${describeLabels(classes)} (${METRIC})`
          : `yScore ${isMatrix(yScore) ? "has two columns" : "gives one score per row"} but there are ${classes.length} classes ${describeLabels(classes)} (${METRIC})`,
        { hint: classes.length < 2 ? "score on data holding both classes, e.g. a stratified split" : "pass a rows × classes probability matrix for a multiclass AUC" },
      );
    }
    const scores = isMatrix(yScore) ? column(checkedColumns(yScore, n), 1) : yScore;
    const checked = checkedScores(scores, n, { name: "yScore", metric: METRIC, probability: false });
    const codes = labelCodes(yTrue, classes, { name: "yTrue", metric: METRIC, missing: null });
    const curve = binaryCurve(checked, Uint8Array.from(codes), weight);
    const area = curveArea(curve, METRIC);
    return options.maxFpr === undefined || options.maxFpr === 1 ? area : partialArea(curve, checkedMaxFpr(options.maxFpr));
  }
  if (options.maxFpr !== undefined && options.maxFpr !== 1) throw new InvalidInput(`maxFpr is for a binary ROC AUC only (${METRIC}): yScore has ${yScore.cols} columns`);
  const proba = checkedProbabilities(yScore, n, { name: "yScore", metric: METRIC, nClasses: classes.length });
  const codes = labelCodes(yTrue, classes, { name: "yTrue", metric: METRIC, missing: null });
  if ((options.multiClass ?? "ovr") === "ovo") {
    if (weight !== null) throw new InvalidInput(`sampleWeight is not supported by the one-vs-one ROC AUC (${METRIC}): use multiClass "ovr"`);
    if (options.average === "micro") throw new InvalidInput(`The one-vs-one ROC AUC has no micro average (${METRIC}): use "macro" or "weighted"`);
    return oneVsOne(codes, proba, options.average === "weighted");
  }
  if (options.average === "micro") return microOneVsRest(codes, proba, weight);
  return oneVsRest(codes, proba, weight, classes, options.average === "weighted");
}

function checkChoices(options: RocAucOptions): void {
  if (options.multiClass !== undefined && options.multiClass !== "ovr" && options.multiClass !== "ovo") {
    throw new InvalidInput(`multiClass must be "ovr" or "ovo": received ${JSON.stringify(options.multiClass)} (${METRIC})`);
  }
  if (options.average !== undefined && !["macro", "weighted", "micro"].includes(options.average)) {
    throw new InvalidInput(`average must be "macro", "weighted" or "micro": received ${JSON.stringify(options.average)} (${METRIC})`);
  }
}

function checkedMaxFpr(maxFpr: number): number {
  if (typeof maxFpr !== "number" || !(maxFpr > 0 && maxFpr <= 1)) throw new InvalidInput(`maxFpr must be in (0, 1]: received ${String(maxFpr)} (${METRIC})`);
  return maxFpr;
}

/**
 * The ROC area left of maxFpr, the curve cut by linear interpolation at maxFpr, then McClish's
 * correction: 0.5 · (1 + (area − min) / (max − min)) with min = maxFpr²/2 (the diagonal's area)
 * and max = maxFpr (a perfect ranking's).
 */
function partialArea(curve: BinaryCurve, maxFpr: number): number {
  const { fps, tps } = curve;
  const negatives = fps[fps.length - 1];
  const positives = tps[tps.length - 1];
  let area = 0;
  let x0 = 0;
  let y0 = 0;
  for (let i = 0; i < fps.length; i++) {
    const x1 = fps[i] / negatives;
    const y1 = tps[i] / positives;
    if (x1 > maxFpr) {
      const yCut = y0 + ((y1 - y0) * (maxFpr - x0)) / (x1 - x0);
      area += ((maxFpr - x0) * (y0 + yCut)) / 2;
      break;
    }
    area += ((x1 - x0) * (y0 + y1)) / 2;
    x0 = x1;
    y0 = y1;
  }
  const minArea = (maxFpr * maxFpr) / 2;
  return 0.5 * (1 + (area - minArea) / (maxFpr - minArea));
}

function checkedColumns(m: Matrix, n: number): Matrix {
  if (m.rows !== n) throw new InvalidInput(`yScore has ${m.rows} rows but yTrue has ${n} (${METRIC})`);
  if (m.data.length !== m.rows * m.cols) throw new InvalidInput(`yScore data holds ${m.data.length} values but its shape ${m.rows} × ${m.cols} needs ${m.rows * m.cols} (${METRIC})`);
  return m;
}

/** Each class against the rest; the average weights classes equally or by their (weighted) count. */
function oneVsRest(codes: Int32Array, proba: Matrix, weight: Float64Array | null, classes: readonly ClassLabel[], byPrevalence: boolean): number {
  const isPositive = new Uint8Array(codes.length);
  let sum = 0;
  let total = 0;
  for (let k = 0; k < proba.cols; k++) {
    let prevalence = 0;
    for (let i = 0; i < codes.length; i++) {
      isPositive[i] = codes[i] === k ? 1 : 0;
      if (codes[i] === k) prevalence += weight === null ? 1 : weight[i];
    }
    if (prevalence === 0) {
      throw new InvalidInput(`ROC AUC is undefined for class ${JSON.stringify(classes[k])}: yTrue holds no row of it with positive weight (${METRIC})`, {
        hint: "score on data holding every class, or pass only the classes present",
      });
    }
    const area = curveArea(binaryCurve(column(proba, k), isPositive, weight), METRIC);
    const w = byPrevalence ? prevalence : 1;
    sum += w * area;
    total += w;
  }
  return sum / total;
}

/** Every (row, class) cell as one binary decision, the cells of a row sharing its weight. */
function microOneVsRest(codes: Int32Array, proba: Matrix, weight: Float64Array | null): number {
  const K = proba.cols;
  const isPositive = new Uint8Array(codes.length * K);
  const cellWeight = weight === null ? null : new Float64Array(codes.length * K);
  for (let i = 0; i < codes.length; i++) {
    isPositive[i * K + codes[i]] = 1;
    if (cellWeight !== null) cellWeight.fill(weight![i], i * K, (i + 1) * K);
  }
  return curveArea(binaryCurve(Float64Array.from(proba.data), isPositive, cellWeight), METRIC);
}

/**
 * Hand & Till: for each pair of classes present, the mean of the AUC of a against b (scored by a's
 * column) and of b against a (by b's column), on the rows of either class.
 */
function oneVsOne(codes: Int32Array, proba: Matrix, byPrevalence: boolean): number {
  const K = proba.cols;
  const counts = new Float64Array(K);
  for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  const present = [...counts.keys()].filter((k) => counts[k] > 0);
  if (present.length < 2) throw new InvalidInput(`ROC AUC is undefined with one class: yTrue holds a single class (${METRIC})`);
  let sum = 0;
  let total = 0;
  for (let x = 0; x < present.length; x++) {
    for (let y = x + 1; y < present.length; y++) {
      const a = present[x];
      const b = present[y];
      const size = counts[a] + counts[b];
      const scoreA = new Float64Array(size);
      const scoreB = new Float64Array(size);
      const isA = new Uint8Array(size);
      for (let i = 0, j = 0; i < codes.length; i++) {
        if (codes[i] !== a && codes[i] !== b) continue;
        scoreA[j] = proba.data[i * K + a];
        scoreB[j] = proba.data[i * K + b];
        isA[j++] = codes[i] === a ? 1 : 0;
      }
      const isB = isA.map((v) => 1 - v);
      const pair = (curveArea(binaryCurve(scoreA, isA, null), METRIC) + curveArea(binaryCurve(scoreB, isB, null), METRIC)) / 2;
      const w = byPrevalence ? size / codes.length : 1;
      sum += w * pair;
      total += w;
    }
  }
  return sum / total;
}
