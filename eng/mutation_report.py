"""Reads a Stryker JSON report (mutation-testing-elements schema) for eng/mutation.sh: every surviving or uncovered
mutant goes to stderr as file:line, status, mutator, replacement and the source line; one summary row of the score
table goes to stdout."""
import json
import os
import sys

scope, report = sys.argv[1], sys.argv[2]
with open(report, encoding="utf-8") as f:
    files = json.load(f)["files"]

counts = {}
survivors = []
root = os.getcwd()
for path, file in sorted(files.items()):
    lines = file.get("source", "").split("\n")
    for mutant in file["mutants"]:
        status = mutant["status"]
        counts[status] = counts.get(status, 0) + 1
        if status in ("Survived", "NoCoverage"):
            line = mutant["location"]["start"]["line"]
            code = lines[line - 1].strip() if line <= len(lines) else ""
            survivors.append(f"  {os.path.relpath(path, root)}:{line} {status} {mutant['mutatorName']}: "
                             f"{mutant.get('replacement', '')!r} in `{code[:100]}`")

detected = counts.get("Killed", 0) + counts.get("Timeout", 0)
undetected = counts.get("Survived", 0) + counts.get("NoCoverage", 0)
score = f"{100 * detected / (detected + undetected):.1f} %" if detected + undetected else "n/a"
for s in survivors:
    print(s, file=sys.stderr)
print(f"{scope} | {score} | {detected} | {counts.get('Survived', 0)} | {counts.get('NoCoverage', 0)} | "
      f"{counts.get('CompileError', 0)} | {counts.get('Ignored', 0)}")
