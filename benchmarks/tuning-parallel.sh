#!/usr/bin/env bash
# A local Tuning step's parallelism: generates a project with --tuning (4 training jobs, 2 at once), replaces its
# sample data with ROWS rows from its own data/generate.py, runs the pipeline (no cache) and takes the Train step's
# wall time; then sets the tuner's MaxParallelJobs to 1 in the project's pipeline class, rebuilds, runs again and
# prints both times and their ratio. The goal: 2 at once takes at most 0.6 of the time of the same 4 jobs one by one.
#   benchmarks/tuning-parallel.sh [ROWS] [FRAMEWORK]   defaults 200,000 and xgboost; MLPIPELINE_PYTHON picks the Python
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${1:-200000}"
framework="${2:-xgboost}"
python="${MLPIPELINE_PYTHON:-/usr/bin/python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

MLPIPELINE_TOOL_NATIVE=0 "$root/eng/pack.sh" "$work/packages" >/dev/null
dotnet build "$root/src/Scaffolder/Scaffolder.csproj" --configuration Release --nologo --verbosity quiet >/dev/null
project="$work/Tuned"
dotnet "$root/src/Scaffolder/bin/Release/net10.0/mlpipeline.dll" new "$project" --framework "$framework" --tuning \
  --package-source "$work/packages" --no-git >/dev/null
"$python" "$project/data/generate.py" --rows "$rows" --seed 7 --out "$project/data/sample.csv" >/dev/null
echo "rows: $rows; framework: $framework; python: $python; cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"

pipeline="$project/src/Tuned.Pipeline/TunedPipeline.cs"
for parallel in 2 1; do
  sed -i "s/MaxParallelJobs = [0-9]*,/MaxParallelJobs = $parallel,/" "$pipeline"
  grep -q "MaxParallelJobs = $parallel," "$pipeline" || { echo "no MaxParallelJobs in $pipeline"; exit 1; }
  dotnet build "$project" --configuration Release --nologo --verbosity quiet >/dev/null
  (cd "$project" && MLPIPELINE_PYTHON="$python" dotnet run --configuration Release --no-build --project src/Tuned.Pipeline -- run --json --no-cache > "$work/run-$parallel.json") \
    || { echo "the run with $parallel at once failed:"; cat "$work/run-$parallel.json"; exit 1; }
done

"$python" - "$work/run-2.json" "$work/run-1.json" <<'PY'
import json, sys
from datetime import datetime
def train(path, label):
    run = json.load(open(path))
    assert run["status"] == "Succeeded", run["status"]
    jobs = json.load(open(run["lineage"]))["Steps"]["Train"]["TrainingJobs"]
    times = [(datetime.fromisoformat(j["TrainingStartTime"].replace("Z", "+00:00")), datetime.fromisoformat(j["TrainingEndTime"].replace("Z", "+00:00"))) for j in jobs]
    first = min(start for start, _ in times)
    print(f"{label}: " + ", ".join(f"{(s - first).total_seconds():.1f}-{(e - first).total_seconds():.1f} s" for s, e in times))
    return next(s["elapsedSeconds"] for s in run["steps"] if s["name"] == "Train"), [(e - s).total_seconds() for s, e in times]
def tuned(path):
    run = json.load(open(path))
    return [j["TunedHyperParameters"] for j in json.load(open(run["lineage"]))["Steps"]["Train"]["TrainingJobs"]]
# The same four trainings both times, or the times compare different work.
assert tuned(sys.argv[1]) == tuned(sys.argv[2]), (tuned(sys.argv[1]), tuned(sys.argv[2]))
print("the same 4 candidates both times: " + "; ".join(" ".join(f"{k}={v[:6]}" for k, v in sorted(c.items())) for c in tuned(sys.argv[1])))
(two, side), (one, alone) = train(sys.argv[1], "2 at once"), train(sys.argv[2], "one by one")
print(f"Train (4 jobs), 2 at once: {two:.1f} s; one by one: {one:.1f} s; ratio {two / one:.2f} (goal: at most 0.60)")
# What the runner's schedule can change and what it cannot: each job's own time side by side against alone (two
# processes sharing this machine's caches and memory), and the best any schedule of these side-by-side times could
# reach (half their sum, or the longest job).
best = max(sum(side) / 2, max(side))
print(f"jobs side by side took {sum(side) / sum(alone):.2f} x their time alone ({sum(side):.1f} s against {sum(alone):.1f} s); "
      f"the best schedule of these times: {best:.1f} s, ratio {best / one:.2f}; the runner's schedule added {two - best:.1f} s")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
