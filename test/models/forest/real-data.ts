// The slices of credit-default and california-housing the forest tests use, read as
// test/fixtures/forest/make_fixtures.py reads them (first 3000 usable rows; 2000 train, 1000 test).

import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { matrix, type Matrix } from "../../../src/core/index.js";

const DATA = new URL("../../../../shared/datasets/", import.meta.url);

export interface Slice {
  readonly train: Matrix;
  readonly yTrain: Float64Array;
  readonly test: Matrix;
  readonly yTest: Float64Array;
}

function table(path: string): { header: string[]; rows: string[][] } {
  const lines = gunzipSync(readFileSync(new URL(path, DATA))).toString("utf8").trim().split("\n");
  return { header: lines[0].split(","), rows: lines.slice(1).map((line) => line.split(",")) };
}

function slice(rows: number[][], target: number, scale = 1): Slice {
  const usable = rows.slice(0, 3000);
  const cols = usable[0].length - 1;
  const part = (from: number, to: number) => {
    const X = new Float64Array((to - from) * cols);
    const y = new Float64Array(to - from);
    for (let i = from; i < to; i++) {
      const features = usable[i].filter((_, j) => j !== target);
      X.set(features, (i - from) * cols);
      y[i - from] = usable[i][target] / scale;
    }
    return { X: matrix(X, { rows: to - from, cols }), y };
  };
  const train = part(0, 2000);
  const test = part(2000, 3000);
  return { train: train.X, yTrain: train.y, test: test.X, yTest: test.y };
}

/** credit-default (Yeh & Lien 2009, UCI): 23 numeric features, default next month (0/1). */
export function creditDefault(): Slice {
  const { header, rows } = table("credit-default/UCI_Credit_Card.csv.gz");
  const numeric = rows.map((r) => r.slice(1).map(Number));
  return slice(numeric, header.length - 2);
}

/** california-housing (Pace & Barry 1997): 8 numeric features, median house value in 100k$. */
export function californiaHousing(): Slice {
  const { header, rows } = table("california-housing/housing.csv.gz");
  const target = header.indexOf("median_house_value");
  const numeric = rows.map((r) => r.slice(0, header.length - 1).map((v) => (v === "" ? NaN : Number(v)))).filter((r) => r.every(Number.isFinite));
  return slice(numeric, target, 1e5);
}

export function auc(score: ArrayLike<number>, y: ArrayLike<number>): number {
  const order = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && score[order[j]] === score[order[i]]) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (y[order[k]] === 1) (rankSum += rank), positives++;
    i = j;
  }
  const negatives = y.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
