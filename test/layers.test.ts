// The one direction of dependency (DESIGN.md §1): a folder under src/ imports only its own folder
// and the folders below it, never a sibling of the same rank; the algorithm layers do no I/O and
// never log. This test reads every .ts file under src/ and checks each import against the order.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, test } from "node:test";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

/** DESIGN.md §1, bottom to top; folders on one line share a rank. */
const LAYERS: readonly (readonly string[])[] = [
  ["core"],
  ["data"],
  ["features"],
  ["models"],
  ["evaluate"],
  ["tune", "explain"],
  ["automl"],
  ["report"],
  ["store"],
  ["registry"],
  ["serve", "monitor"],
  ["pipeline"],
  ["cli", "ui"],
];
const RANK = new Map(LAYERS.flatMap((names, rank) => names.map((name) => [name, rank] as const)));

/** Layers that take typed arrays and plain objects and run in a worker or a browser as they are. */
const ALGORITHM_LAYERS = new Set(["core", "features", "models", "evaluate", "tune", "explain", "automl"]);
const IO_MODULES = new Set(["fs", "fs/promises", "net", "http", "https", "http2", "child_process", "dgram", "tls"]);

interface Found {
  readonly specifier: string;
  readonly line: number;
}

/**
 * Blanks comments (and, when asked, the contents of string and template literals) while keeping
 * every line break, so positions in the result are positions in the source.
 */
function blank(source: string, options: { strings: boolean }): string {
  let out = "";
  let i = 0;
  // Brace depth of each open template literal's `${ … }`: a `}` at that depth resumes the template.
  const templates: number[] = [];
  let depth = 0;
  const keep = (ch: string, isString: boolean): string => (ch === "\n" || !(isString && options.strings) ? ch : " ");
  const template = (): void => {
    // Inside a template literal, just after its opening backtick or a closing `}`.
    while (i < source.length) {
      const ch = source[i];
      if (ch === "\\") {
        out += keep(ch, true) + keep(source[i + 1] ?? "", true);
        i += 2;
      } else if (ch === "`") {
        out += ch;
        i++;
        return;
      } else if (ch === "$" && source[i + 1] === "{") {
        out += "${";
        i += 2;
        templates.push(depth);
        depth++;
        return;
      } else {
        out += keep(ch, true);
        i++;
      }
    }
  };
  while (i < source.length) {
    const ch = source[i];
    const next = source[i + 1];
    if (ch === "/" && next === "/") {
      while (i < source.length && source[i] !== "\n") {
        out += " ";
        i++;
      }
    } else if (ch === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end < 0 ? source.length : end + 2;
      for (; i < stop; i++) out += source[i] === "\n" ? "\n" : " ";
    } else if (ch === '"' || ch === "'") {
      out += ch;
      i++;
      while (i < source.length && source[i] !== ch && source[i] !== "\n") {
        if (source[i] === "\\") {
          out += keep("\\", true);
          i++;
        }
        out += keep(source[i] ?? "", true);
        i++;
      }
      if (i < source.length) out += source[i++];
    } else if (ch === "`") {
      out += ch;
      i++;
      template();
    } else if (ch === "{") {
      depth++;
      out += ch;
      i++;
    } else if (ch === "}") {
      depth--;
      out += ch;
      i++;
      if (templates.length > 0 && templates[templates.length - 1] === depth) {
        templates.pop();
        template();
      }
    } else {
      // Regular expression literals are rare in import lines; a quote inside one would confuse the
      // string scan, so skip a regex literal when the previous token cannot end an expression.
      if (ch === "/" && /[=(,:;!&|?{}[+\-*%<>~^]\s*$|^\s*$|\breturn\s*$/.test(out.slice(-20))) {
        out += ch;
        i++;
        let inClass = false;
        while (i < source.length && source[i] !== "\n") {
          const c = source[i];
          out += c;
          i++;
          if (c === "\\") {
            out += source[i] ?? "";
            i++;
          } else if (c === "[") inClass = true;
          else if (c === "]") inClass = false;
          else if (c === "/" && !inClass) break;
        }
        continue;
      }
      out += ch;
      i++;
    }
  }
  return out;
}

const IMPORT_PATTERNS = [
  // import x from "m"; import { a, b } from "m"; import * as m from "m"; import type { T } from "m"
  /\bimport\s+(?:type\s+)?[\w$*{}\s,]+?\s*from\s*(["'])([^"']+)\1/g,
  // import "m" (for its side effects)
  /\bimport\s*(["'])([^"']+)\1/g,
  // export * from "m"; export * as m from "m"; export { a } from "m"; export type { T } from "m"
  /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*(["'])([^"']+)\1/g,
  // import("m"), await import('m')
  /\bimport\s*\(\s*(["'`])([^"'`]+)\1\s*\)/g,
];

/** The module specifiers a TypeScript source imports or re-exports, with their line numbers. */
function findImports(source: string): Found[] {
  const code = blank(source, { strings: false });
  // The same text with string contents blanked too: a keyword that survives it is code, not text.
  const bare = blank(source, { strings: true });
  const found = new Map<number, Found>();
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of code.matchAll(pattern)) {
      if (bare.slice(match.index, match.index + 6) !== code.slice(match.index, match.index + 6)) continue;
      const at = match.index + match[0].lastIndexOf(match[2]);
      if (!found.has(at)) found.set(at, { specifier: match[2], line: lineAt(code, at) });
    }
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, f]) => f);
}

/** Lines that use the console, outside comments and strings. */
function findConsole(source: string): number[] {
  const code = blank(source, { strings: true });
  return [...code.matchAll(/\bconsole\s*(\.|\[)/g)].map((m) => lineAt(code, m.index));
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(path));
    else if (entry.isFile() && /\.(m|c)?tsx?$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}

/** The top-level folder under src/ a path belongs to: "" for src/ itself, undefined outside src/. */
function folderOf(path: string): string | undefined {
  const rel = relative(SRC, path);
  if (rel.startsWith("..") || rel === "") return undefined;
  const parts = rel.split(sep);
  return parts.length === 1 ? "" : parts[0];
}

interface Edge {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  readonly from: string;
  /** Undefined when the specifier is a package, not a relative path. */
  readonly to: string | undefined;
}

function scan(): { files: string[]; edges: Edge[] } {
  const files = listTs(SRC);
  const edges: Edge[] = [];
  for (const file of files) {
    const from = folderOf(file) ?? "";
    for (const { specifier, line } of findImports(readFileSync(file, "utf8"))) {
      const relativeTo = specifier.startsWith("./") || specifier.startsWith("../");
      const to = relativeTo ? (folderOf(resolve(dirname(file), specifier)) ?? "<outside src>") : undefined;
      edges.push({ file: relative(SRC, file), line, specifier, from, to });
    }
  }
  return { files, edges };
}

function where(edge: Edge): string {
  return `src/${edge.file}:${edge.line} imports "${edge.specifier}"`;
}

function layerViolations(edges: readonly Edge[]): string[] {
  const violations: string[] = [];
  for (const edge of edges) {
    if (edge.to === undefined || edge.from === "") continue; // packages; src/index.ts may import anything
    if (edge.to === edge.from) continue;
    if (edge.to === "<outside src>") {
      violations.push(`${where(edge)}: outside src/`);
      continue;
    }
    if (edge.to === "") {
      violations.push(`${where(edge)}: the public index is above every layer`);
      continue;
    }
    const fromRank = RANK.get(edge.from);
    const toRank = RANK.get(edge.to);
    if (fromRank === undefined || toRank === undefined) {
      violations.push(`${where(edge)}: ${edge.from} → ${edge.to}, a folder not in the layer order`);
    } else if (toRank >= fromRank) {
      const why = toRank === fromRank ? "a sibling of the same rank" : "a layer above";
      violations.push(`${where(edge)}: ${edge.from} → ${edge.to} is ${why}`);
    }
  }
  return violations;
}

function ioViolations(edges: readonly Edge[]): string[] {
  return edges
    .filter((e) => ALGORITHM_LAYERS.has(e.from) && e.to === undefined && IO_MODULES.has(e.specifier.replace(/^node:/, "")))
    .map((e) => `${where(e)}: I/O in an algorithm layer`);
}

describe("layers", () => {
  const { files, edges } = scan();

  test("the scanner finds the files and their imports", () => {
    assert.ok(files.length >= 10, `only ${files.length} files under src/`);
    const read = edges.filter((e) => e.file === join("data", "read.ts"));
    assert.ok(read.some((e) => e.to === "core" && e.specifier === "../core/index.js"), JSON.stringify(read));
    assert.ok(read.some((e) => e.to === "data" && e.specifier === "./frame.js"));
    assert.ok(edges.some((e) => e.file === "index.ts" && e.to === "data"), "src/index.ts re-exports data");
    assert.ok(edges.some((e) => e.to === undefined && e.specifier.startsWith("node:")), "node: imports are seen");
  });

  test("the parser reads every form of import and skips comments", () => {
    const source = [
      'import a from "./a.js";',
      "import { b,",
      "  c } from '../b/index.js';",
      'import type { T } from "../t.js";',
      'import * as ns from "node:fs";',
      'import "./side-effect.js";',
      'export * from "../e/index.js";',
      'export { f, type G } from "./f.js";',
      'export * as h from "./h.js";',
      "const m = await import('../models/index.js');",
      "// import x from \"../commented.js\";",
      "/* export * from \"../block.js\"; */",
      "const s = \"import y from '../in-a-string.js'\";",
      "const t = `${await import(\"./in-template.js\")} import z from '../template-text.js'`;",
      "const r = /\"/; import last from \"./after-regex.js\";",
    ].join("\n");
    assert.deepEqual(findImports(source), [
      { specifier: "./a.js", line: 1 },
      { specifier: "../b/index.js", line: 3 },
      { specifier: "../t.js", line: 4 },
      { specifier: "node:fs", line: 5 },
      { specifier: "./side-effect.js", line: 6 },
      { specifier: "../e/index.js", line: 7 },
      { specifier: "./f.js", line: 8 },
      { specifier: "./h.js", line: 9 },
      { specifier: "../models/index.js", line: 10 },
      // The string on line 13 and the template text on line 14 are not code: only the real
      // dynamic import in the template's placeholder counts.
      { specifier: "./in-template.js", line: 14 },
      { specifier: "./after-regex.js", line: 15 },
    ]);
    assert.deepEqual(findConsole("// console.log(1)\nconst a = 'console.log';\nconsole.error(a);\n"), [3]);
  });

  test("every folder under src/ has a place in the layer order", () => {
    const folders = new Set(files.map((f) => folderOf(f)).filter((f): f is string => f !== undefined && f !== ""));
    for (const folder of folders) assert.ok(RANK.has(folder), `src/${folder}/ is not in DESIGN.md §1's layer order`);
  });

  test("the rules catch what they should (synthetic imports)", () => {
    const edge = (from: string, to: string | undefined, specifier = "x"): Edge => ({ file: `${from}/f.ts`, line: 7, specifier, from, to });
    assert.deepEqual(layerViolations([edge("data", "core"), edge("cli", "core"), edge("", "cli"), edge("models", "models")]), []);
    assert.deepEqual(layerViolations([edge("data", "features", "../features/index.js")]), [
      'src/data/f.ts:7 imports "../features/index.js": data → features is a layer above',
    ]);
    assert.equal(layerViolations([edge("tune", "explain")]).length, 1);
    assert.equal(layerViolations([edge("serve", "monitor")]).length, 1);
    assert.equal(layerViolations([edge("core", "data")]).length, 1);
    assert.equal(layerViolations([edge("data", "")]).length, 1);
    assert.equal(layerViolations([edge("data", "<outside src>")]).length, 1);
    assert.equal(layerViolations([edge("data", "widgets")]).length, 1);
    assert.equal(ioViolations([edge("models", undefined, "node:fs"), edge("core", undefined, "child_process")]).length, 2);
    assert.deepEqual(ioViolations([edge("data", undefined, "node:fs"), edge("core", undefined, "node:worker_threads")]), []);
  });

  test("a folder imports only itself and the folders below it", () => {
    const violations = layerViolations(edges);
    assert.deepEqual(violations, [], `\n${violations.join("\n")}`);
  });

  test("the algorithm layers do no I/O and never log", () => {
    const violations = ioViolations(edges);
    for (const file of files) {
      if (!ALGORITHM_LAYERS.has(folderOf(file) ?? "")) continue;
      for (const line of findConsole(readFileSync(file, "utf8"))) {
        violations.push(`src/${relative(SRC, file)}:${line} uses console in an algorithm layer`);
      }
    }
    assert.deepEqual(violations, [], `\n${violations.join("\n")}`);
  });
});
