// Dense linear algebra for the classic models (linear, clustering, decomposition), compiled to
// WebAssembly with SIMD (AssemblyScript): the module's exports, one file per concept. All arrays
// live in the module's linear memory, laid out by src/models/linalg/workspace.ts, which passes
// byte offsets. Every kernel's result depends only on its inputs and the rows or outputs it is
// given, never on how many threads share the work.

export * from "./linalg/products";
export * from "./linalg/gram";
export * from "./linalg/columns";
export * from "./linalg/logistic";
export * from "./linalg/kmeans";
export * from "./linalg/seeding";
