#!/usr/bin/env bash
# The generated pipeline at a realistic size, for both frameworks: generates a project, replaces its sample data
# with ROWS rows from its own data/generate.py, runs the whole pipeline locally (no cache) and prints each step's
# wall time and the run's total.
#   benchmarks/pipeline-at-scale.sh [ROWS]        default 1,000,000; MLPIPELINE_PYTHON picks the Python (/usr/bin/python3)
# The goal on a 2-core machine: 1,000,000 rows end to end within 150 s for each framework.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${1:-1000000}"
python="${MLPIPELINE_PYTHON:-/usr/bin/python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

"$root/eng/pack.sh" "$work/packages" >/dev/null
dotnet build "$root/src/Scaffolder/Scaffolder.csproj" --configuration Release --nologo --verbosity quiet >/dev/null
echo "rows: $rows; python: $python ($("$python" --version 2>&1)); cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for framework in sklearn xgboost; do
  project="$work/$framework/Churn"
  dotnet "$root/src/Scaffolder/bin/Release/net10.0/mlpipeline.dll" new "$project" --framework "$framework" \
    --package-source "$work/packages" --no-git >/dev/null
  start=$(date +%s%N)
  "$python" "$project/data/generate.py" --rows "$rows" --seed 7 --out "$project/data/sample.csv" >/dev/null
  generated=$(( ($(date +%s%N) - start) / 1000000 ))
  dotnet build "$project" --configuration Release --nologo --verbosity quiet >/dev/null
  (cd "$project" && MLPIPELINE_PYTHON="$python" dotnet run --configuration Release --no-build --project src/Churn.Pipeline -- run --json --no-cache > "$work/$framework.json") \
    || { echo "$framework: the run failed:"; cat "$work/$framework.json"; exit 1; }
  "$python" - "$framework" "$work/$framework.json" "$generated" <<'PY'
import json, sys
framework, path, generated = sys.argv[1], sys.argv[2], int(sys.argv[3])
run = json.load(open(path))
print(f"\n{framework}: data/generate.py {generated / 1000:.1f} s")
for step in run["steps"]:
    print(f"  {step['name']:<10} {step['status']:<10} {step['elapsedSeconds']:7.1f} s")
print(f"  {'total':<21} {run['elapsedSeconds']:7.1f} s  ({run['status']})")
PY
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
