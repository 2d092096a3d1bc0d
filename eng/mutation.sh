#!/usr/bin/env bash
# Mutation testing of the core with Stryker.NET (a local .NET tool, see dotnet-tools.json): how many of the small
# bugs Stryker plants in the code do the tests catch? On demand only (minutes per scope), not part of ./test.sh.
#
#   eng/mutation.sh                      every scope below
#   eng/mutation.sh local spec           named scopes
#   eng/mutation.sh src/Scaffolder/Rendering/Escaping.cs   one source file (its project is found from the path)
#
# Environment:
#   MUTATION_TESTS       the tests that may kill a mutant (a `dotnet test --filter` expression); default: every test
#                        that is not Category=Slow. A narrower filter is faster and gives a lower bound of the score.
#   MUTATION_CONCURRENCY test processes Stryker runs at once (default: the number of cores).
#
# Prints per scope: the score (killed, timed out) / (killed + timed out + survived + no coverage), Stryker's own
# measure, the counts, and every surviving or uncovered mutant as file:line, mutator and replacement. Reports (JSON,
# HTML) go to artifacts/mutation/<scope>/. Exit code 0 when every scope ran (whatever its score), 1 when Stryker failed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# scope -> "source project|test project|files to mutate (relative to the source project, space-separated globs)"
declare -A scopes=(
  [rendering]="src/Scaffolder/Scaffolder.csproj|tests/Scaffolder.Tests/Scaffolder.Tests.csproj|Rendering/Escaping.cs Rendering/NameForms.cs"
  [spec]="src/Scaffolder/Scaffolder.csproj|tests/Scaffolder.Tests/Scaffolder.Tests.csproj|Spec/*.cs"
  [manifest]="src/Scaffolder/Scaffolder.csproj|tests/Scaffolder.Tests/Scaffolder.Tests.csproj|Manifest/*.cs"
  [writing]="src/Scaffolder/Scaffolder.csproj|tests/Scaffolder.Tests/Scaffolder.Tests.csproj|Writing/*.cs"
  [packing]="src/Scaffolder/Scaffolder.csproj|tests/Scaffolder.Tests/Scaffolder.Tests.csproj|Packing/*.cs"
  [validation]="src/SageMakerPipelines/SageMakerPipelines.csproj|tests/SageMakerPipelines.Tests/SageMakerPipelines.Tests.csproj|Validation/*.cs Steps/*/PipelineValidator.*.cs Definition/*.cs"
  [local]="src/SageMakerPipelines/SageMakerPipelines.csproj|tests/SageMakerPipelines.Tests/SageMakerPipelines.Tests.csproj|Steps/Condition/ConditionEvaluator.cs Local/RunValues.cs Local/StepCache.cs Local/LocalObjectStore.cs Local/LocalModelRegistry.cs"
  [serialization]="src/SageMakerPipelines/SageMakerPipelines.csproj|tests/SageMakerPipelines.Tests/SageMakerPipelines.Tests.csproj|Serialization/*.cs"
)
order=(rendering spec manifest writing packing validation local serialization)

usage() {
  echo "usage: eng/mutation.sh [SCOPE...]   (SCOPE: ${order[*]}, or a .cs file under src/Scaffolder or src/SageMakerPipelines)" >&2
  exit 64
}

resolve() { # a scope name or a source file -> "source|tests|files"
  local scope="$1"
  if [ -n "${scopes[$scope]:-}" ]; then
    echo "${scopes[$scope]}"
  elif [[ "$scope" == src/Scaffolder/*.cs && -f "$scope" ]]; then
    echo "src/Scaffolder/Scaffolder.csproj|tests/Scaffolder.Tests/Scaffolder.Tests.csproj|${scope#src/Scaffolder/}"
  elif [[ "$scope" == src/SageMakerPipelines/*.cs && -f "$scope" ]]; then
    echo "src/SageMakerPipelines/SageMakerPipelines.csproj|tests/SageMakerPipelines.Tests/SageMakerPipelines.Tests.csproj|${scope#src/SageMakerPipelines/}"
  else
    echo "eng/mutation.sh: unknown scope '$scope'" >&2
    usage
  fi
}

case "${1:-}" in -h|--help) usage ;; esac
requested=("$@")
[ ${#requested[@]} -gt 0 ] || requested=("${order[@]}")
for scope in "${requested[@]}"; do resolve "$scope" >/dev/null; done

dotnet tool restore >/dev/null
filter="${MUTATION_TESTS:-Category!=Slow}"
concurrency="${MUTATION_CONCURRENCY:-$(nproc)}"
summary=()
status=0
for scope in "${requested[@]}"; do
  IFS='|' read -r source tests files <<<"$(resolve "$scope")"
  name="$(basename "$scope" .cs)"
  out="$root/artifacts/mutation/$name"
  rm -rf "$out"
  mkdir -p "$root/artifacts/mutation"
  mutate=()
  for file in $files; do mutate+=(--mutate "**/$file"); done
  echo "== $scope: mutating $files in $source, tests: $filter"
  if ! (cd "$(dirname "$tests")" && dotnet stryker --project "$(basename "$source")" "${mutate[@]}" \
      --test-case-filter "$filter" --concurrency "$concurrency" --reporter Json --reporter Html --reporter Progress \
      --output "$out" --skip-version-check --break-on-initial-test-failure >"$root/artifacts/mutation/$name.log" 2>&1); then
    echo "Stryker failed on $scope; its log: artifacts/mutation/$name.log" >&2
    tail -20 "$root/artifacts/mutation/$name.log" >&2
    status=1
    continue
  fi
  line="$(python3 "$root/eng/mutation_report.py" "$scope" "$out/reports/mutation-report.json")"
  summary+=("$line")
done

echo
echo "scope | score | killed | survived | no coverage | not mutable (compile error) | ignored"
printf '%s\n' "${summary[@]}"
exit $status
