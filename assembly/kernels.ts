// Hot loops of the boosting engine, compiled to WebAssembly with SIMD (AssemblyScript): the
// module's exports, one file per concept. All arrays live in the module's linear memory, laid out
// by the JavaScript side (src/models/gbdt/arena.ts), which passes byte offsets.

export * from "./histogram";
export * from "./partition";
export * from "./scan";
export * from "./predict";
export * from "./gradients";
export * from "./binning";
export * from "./scores";
export * from "./prepare";
