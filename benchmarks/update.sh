#!/usr/bin/env bash
# Wall time of `mlpipeline update` on an unchanged, committed project against `mlpipeline new` of the same project,
# with the Release build of the tool. Each runs N times (default 7) after one warm-up; prints the medians and the ratio.
# The goal: update ≤ 2 × new.
#   benchmarks/update.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$root/src/Scaffolder" --configuration Release --nologo --verbosity quiet >/dev/null
tool="$root/src/Scaffolder/bin/Release/net10.0/mlpipeline"
"$tool" new "$work/warm" >/dev/null
"$tool" update "$work/warm" >/dev/null

declare -A times
measure() { # label, command...
  local label="$1"; shift
  local start end
  start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N)
  times[$label]+="$(( (end - start) / 1000000 )) "
}
for i in $(seq "$runs"); do
  measure new "$tool" new "$work/p$i"
  measure update "$tool" update "$work/p$i"
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
n=$(echo "${times[new]}" | median)
u=$(echo "${times[update]}" | median)
echo "mlpipeline new (with git init and commit): ${n} ms (runs: ${times[new]})"
echo "mlpipeline update, unchanged project:      ${u} ms (runs: ${times[update]})"
awk -v u="$u" -v n="$n" 'BEGIN { printf "update / new = %.2f (goal <= 2)\n", u / n }'
