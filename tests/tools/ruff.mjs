// Lints and format-checks Python files with Ruff (the npm WebAssembly build), configured by the [tool.ruff] table of a
// pyproject.toml exactly as the Ruff command line reads it (python3's tomllib parses the file; Ruff refuses an unknown
// setting). Prints one line per finding and per file the formatter would change (with its first changed line), and
// exits 1 if there is any. Usage: node ruff.mjs TOOLS_DIR PYPROJECT FILE...
//
// The WebAssembly build checks one file's text with no file system around it, so what the command line derives from
// paths does not apply here: first-party modules come only from lint.isort.known-first-party, and per-file-ignores
// and excludes are not read. The generated configuration uses none of the path-dependent settings for that reason.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

const [toolsDir, pyproject, ...files] = process.argv.slice(2);
const ruff = createRequire(`${toolsDir}/package.json`)("@astral-sh/ruff-wasm-nodejs");
const settings = JSON.parse(execFileSync("python3", ["-c",
  "import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], 'rb'))['tool']['ruff']))", pyproject],
  { encoding: "utf8" }));
const workspace = new ruff.Workspace(settings, ruff.PositionEncoding.Utf16);
console.log(`ruff ${ruff.Workspace.version()}`);

let findings = 0;
for (const file of files) {
  const text = readFileSync(file, "utf8");
  for (const d of workspace.check(text)) {
    console.log(`${file}:${d.start_location.row}:${d.start_location.column}: ${d.code ?? "syntax"} ${d.message}`);
    findings++;
  }
  const formatted = workspace.format(text);
  if (formatted !== text) {
    const before = text.split("\n");
    const after = formatted.split("\n");
    let line = 0;
    while (line < before.length && before[line] === after[line]) line++;
    console.log(`${file}:${line + 1}: would be reformatted: ${JSON.stringify(before[line] ?? "")} -> ${JSON.stringify(after[line] ?? "")}`);
    findings++;
  }
}
console.log(`${findings} finding(s) in ${files.length} file(s)`);
process.exit(findings === 0 ? 0 : 1);
