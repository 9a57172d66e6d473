// The resolver a server or a batch run uses: bundle files resolve by themselves; registry URIs
// (models:/churn@champion, models:/churn/3, runs:/<id>/model) go to the registry, opened only when
// one is named, so serving a file never creates a store.

import { openRegistry, parseModelUri } from "../registry/index.js";
import { fileResolver, type ModelResolver } from "./resolved-model.js";

export interface OpenResolver {
  readonly resolve: ModelResolver;
  close(): Promise<void>;
}

export async function openResolver(uris: readonly string[], options: { store?: string; home?: string } = {}): Promise<OpenResolver> {
  if (uris.every((uri) => parseModelUri(uri).kind === "file")) return { resolve: fileResolver(), close: async () => {} };
  const registry = await openRegistry({ store: options.store, home: options.home });
  return { resolve: (uri) => registry.resolve(uri), close: () => registry.close() };
}
