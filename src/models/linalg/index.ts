// Dense linear algebra in WebAssembly for the classic models: a workspace holding the data, and
// the products built on its kernels (assembly/linalg.ts).
export * from "./workspace.js";
export * from "./gram.js";
export * from "./kmeans-steps.js";
export * from "./seeding-trials.js";
