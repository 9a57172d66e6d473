// Model URIs, as MLflow users know them: models:/churn/3 (a version), models:/churn@champion (an
// alias), models:/churn/latest, runs:/<run id>/model (an artifact of a run). Anything else is a
// file path. `churn/3` and `churn@champion` are accepted as shorthands where a model is expected.

import { InvalidInput } from "../core/index.js";

export type ModelRef =
  | { readonly kind: "version"; readonly name: string; readonly version: number }
  | { readonly kind: "alias"; readonly name: string; readonly alias: string }
  | { readonly kind: "latest"; readonly name: string }
  | { readonly kind: "run"; readonly runId: string; readonly artifact: string }
  | { readonly kind: "file"; readonly path: string };

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const ALIAS = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export function parseModelUri(uri: string): ModelRef {
  if (uri.startsWith("models:/")) return parseModelPart(uri.slice("models:/".length), uri);
  if (uri.startsWith("runs:/")) {
    const match = /^runs:\/([0-9a-f]{4,64})\/([A-Za-z0-9_.-]+)$/.exec(uri);
    if (!match) throw new InvalidInput(`Run URI "${uri}" is not runs:/<run id>/<artifact>`, { hint: "e.g. runs:/3f2a9c…/model (orchard runs list shows the ids)" });
    return { kind: "run", runId: match[1], artifact: match[2] };
  }
  return { kind: "file", path: uri };
}

/** `churn/3`, `churn@champion` or a models:/ URI: a registered model, never a file. */
export function parseModelReference(text: string): Exclude<ModelRef, { kind: "file" | "run" }> {
  if (text.startsWith("runs:/")) throw new InvalidInput(`"${text}" is a run, not a registered model version`, { hint: "register it first, or name a version like churn/3" });
  return parseModelPart(text.startsWith("models:/") ? text.slice("models:/".length) : text, text);
}

function parseModelPart(rest: string, uri: string): Exclude<ModelRef, { kind: "file" | "run" }> {
  const at = rest.indexOf("@");
  if (at >= 0) {
    const name = checkModelName(rest.slice(0, at), uri);
    return { kind: "alias", name, alias: checkAlias(rest.slice(at + 1), uri) };
  }
  const slash = rest.indexOf("/");
  if (slash < 0) throw new InvalidInput(`Model URI "${uri}" names no version or alias`, { hint: `use ${rest}/<version>, ${rest}@<alias> or ${rest}/latest` });
  const name = checkModelName(rest.slice(0, slash), uri);
  const tail = rest.slice(slash + 1);
  if (tail === "latest") return { kind: "latest", name };
  if (!/^[1-9][0-9]{0,8}$/.test(tail)) throw new InvalidInput(`Model URI "${uri}": version "${tail}" is not a positive whole number`, { hint: `e.g. models:/${name}/3 or models:/${name}@champion` });
  return { kind: "version", name, version: Number(tail) };
}

export function checkModelName(name: string, where = name): string {
  if (!NAME.test(name)) throw new InvalidInput(`Model name "${name}" (in "${where}") is not allowed`, { hint: "use letters, digits, '.', '_' and '-', starting with a letter or digit" });
  return name;
}

export function checkAlias(alias: string, where = alias): string {
  if (!ALIAS.test(alias)) throw new InvalidInput(`Alias "${alias}" (in "${where}") is not allowed`, { hint: "use letters, digits, '_' and '-', starting with a letter, e.g. champion" });
  return alias;
}

export function formatModelUri(name: string, version: number): string {
  return `models:/${name}/${version}`;
}
