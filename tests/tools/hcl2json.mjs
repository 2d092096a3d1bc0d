// Parses HCL files with HashiCorp's parser (the @cdktf/hcl2json WebAssembly build) and prints one JSON
// object: file name -> parsed body. Exits 1 with the parser's message when a file does not parse.
// Usage: node hcl2json.mjs TOOLS_DIR FILE...
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { basename } from "node:path";

const [toolsDir, ...files] = process.argv.slice(2);
const { parse } = createRequire(`${toolsDir}/package.json`)("@cdktf/hcl2json");
const result = {};
for (const file of files) {
  try {
    result[file] = await parse(basename(file), readFileSync(file, "utf8"));
  } catch (error) {
    console.error(`${file}: ${error.message ?? error}`);
    process.exit(1);
  }
}
console.log(JSON.stringify(result));
