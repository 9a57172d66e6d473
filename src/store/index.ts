// Where Orchard keeps things: model bundles on disk (and, later, the metadata store).

export { loadBundle, saveBundle, writeAtomically } from "./bundle-file.js";
