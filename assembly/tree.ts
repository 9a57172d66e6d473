// Hot loops of CART growth (src/models/tree), compiled to WebAssembly: scoring the cuts of one
// feature in one node, partitioning a node's rows, and ranking a training column. The same
// arithmetic, in the same order, as the TypeScript it replaces, so trees are unchanged; compiled
// ahead of time because a fit runs these loops once per process and JavaScript paid more to
// compile them than to run them (see splitter.ts). The module's exports, one file per concept;
// all arrays live in one grower's linear memory (tree/memory.ts).

export { layout, configure } from "./tree/memory";
export { tryBest } from "./tree/split";
export { sortByKey } from "./tree/sort";
export { partitionRows } from "./tree/partition";
export { rankColumn } from "./tree/rank";
