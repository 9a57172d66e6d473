// Partitioning a node's rows by the chosen cut, summing each child's statistics on the way.

import { geti, seti, getf, setf, addSample, nRows, ranks, columns, samples, sampleClass, sampleY, sampleW, leftChild, rightChild, nClasses, S } from "./memory";

/**
 * Partitions the node's rows [start, end) in place, left rows first (rank ≤ rankCut, or value ≤
 * threshold when rankCut is -1), moving their targets and weights along and summing each side's
 * statistics and weight (slot S) into leftChild and rightChild. Returns where the right rows start.
 */
export function partitionRows(start: i32, end: i32, feature: i32, rankCut: i32, threshold: f64): i32 {
  for (let k = 0; k <= S; k++) {
    setf(leftChild, k, 0);
    setf(rightChild, k, 0);
  }
  const rankBase = ranks + ((<usize>feature * <usize>nRows) << 2);
  const valueBase = columns + ((<usize>feature * <usize>nRows) << 3);
  let i = start;
  let j = end - 1;
  // Each turn settles the row at i: it stays (left) or swaps with the row at j (right).
  while (i <= j) {
    const row = geti(samples, i);
    const goesLeft = rankCut >= 0 ? geti(rankBase, row) <= rankCut : getf(valueBase, row) <= threshold;
    const wi = getf(sampleW, i);
    if (goesLeft) {
      setf(leftChild, S, getf(leftChild, S) + wi);
      addSample(leftChild, i, wi);
      i++;
      continue;
    }
    setf(rightChild, S, getf(rightChild, S) + wi);
    seti(samples, i, geti(samples, j));
    seti(samples, j, row);
    setf(sampleW, i, getf(sampleW, j));
    setf(sampleW, j, wi);
    if (nClasses > 0) {
      const c = geti(sampleClass, i);
      setf(rightChild, c, getf(rightChild, c) + wi);
      seti(sampleClass, i, geti(sampleClass, j));
      seti(sampleClass, j, c);
    } else {
      const yi = getf(sampleY, i);
      setf(rightChild, 0, getf(rightChild, 0) + wi * yi);
      setf(rightChild, 1, getf(rightChild, 1) + wi * yi * yi);
      setf(sampleY, i, getf(sampleY, j));
      setf(sampleY, j, yi);
    }
    j--;
  }
  return i;
}
