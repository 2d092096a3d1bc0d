#!/usr/bin/env bash
# Wall time of generating a project, side by side in one run, as users start it:
#   - `mlpipeline new` from the installed tool (packed and installed as a user would, into a temporary tool path)
#   - `dotnet new mlpipeline` from the template package (installed into an isolated hive)
#   - `dotnet new console`, with and without its restore, and a one-file template package (what the engine
#     spends on any template installed from a .nupkg)
# Each command runs N times (default 7), alternating, after one warm-up call each; prints each median and the
# ratios. The goal: mlpipeline new ≤ 0.5 × dotnet new console --no-restore.
#   benchmarks/startup.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
hive=(--debug:custom-hive "$work/hive")

"$root/eng/pack.sh" "$work/packages" >/dev/null
dotnet tool install MlPipeline --tool-path "$work/tool" --add-source "$work/packages" >/dev/null
dotnet new install "$work"/packages/MlPipeline.Templates.*.nupkg "${hive[@]}" >/dev/null
mkdir -p "$work/tiny/content/tiny/.template.config"
echo '{"identity": "Bench.Tiny", "name": "Tiny", "shortName": "benchtiny", "sourceName": "Tiny", "tags": {"type": "project"}}' \
  > "$work/tiny/content/tiny/.template.config/template.json"
echo 'Tiny' > "$work/tiny/content/tiny/Tiny.txt"
cat > "$work/tiny/Tiny.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <PackageType>Template</PackageType><PackageId>Bench.Tiny</PackageId><Version>1.0.0</Version><TargetFramework>net10.0</TargetFramework>
    <IncludeBuildOutput>false</IncludeBuildOutput><IncludeContentInPack>true</IncludeContentInPack><ContentTargetFolders>content</ContentTargetFolders>
    <NoDefaultExcludes>true</NoDefaultExcludes><EnableDefaultItems>false</EnableDefaultItems><NoWarn>NU5128</NoWarn>
  </PropertyGroup>
  <ItemGroup><Content Include="content/**/*" /></ItemGroup>
</Project>
XML
dotnet pack "$work/tiny/Tiny.csproj" --output "$work/tiny/out" --nologo --verbosity quiet >/dev/null
dotnet new install "$work/tiny/out/Bench.Tiny.1.0.0.nupkg" "${hive[@]}" >/dev/null

# The first call of each warms caches (the engine's template cache, the file system); it is not counted.
(cd "$work" && "$work/tool/mlpipeline" new warm0 >/dev/null)
dotnet new mlpipeline -o "$work/warm1" "${hive[@]}" >/dev/null
dotnet new console -o "$work/warm2" --no-restore "${hive[@]}" >/dev/null

declare -A times
measure() { # label, command...
  local label="$1"; shift
  local start end
  start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N)
  times[$label]+="$(( (end - start) / 1000000 )) "
}
for i in $(seq "$runs"); do
  measure tool "$work/tool/mlpipeline" new "$work/n$i"
  measure console-no-restore dotnet new console -n "App$i" -o "$work/c$i" --no-restore "${hive[@]}"
  measure template dotnet new mlpipeline -n "Churn$i" -o "$work/m$i" "${hive[@]}"
  measure console dotnet new console -n "Rst$i" -o "$work/r$i" "${hive[@]}"
  measure tiny dotnet new benchtiny -n "Tiny$i" -o "$work/t$i" "${hive[@]}"
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
n=$(echo "${times[tool]}" | median)
m=$(echo "${times[template]}" | median)
cn=$(echo "${times[console-no-restore]}" | median)
c=$(echo "${times[console]}" | median)
t=$(echo "${times[tiny]}" | median)
echo "runs: $runs (median wall time, ms; every run listed)"
echo "mlpipeline new (the tool, with git):  ${n} ms  (${times[tool]})"
echo "dotnet new mlpipeline:                ${m} ms  (${times[template]})"
echo "dotnet new console --no-restore:      ${cn} ms  (${times[console-no-restore]})"
echo "dotnet new console (with restore):    ${c} ms  (${times[console]})"
echo "a one-file template package:          ${t} ms  (${times[tiny]})"
awk -v n="$n" -v m="$m" -v cn="$cn" -v c="$c" -v t="$t" 'BEGIN {
  printf "mlpipeline new / console --no-restore: %.2f (goal <= 0.50)\n", n / cn
  printf "dotnet new mlpipeline / console: %.2f; / console --no-restore: %.2f; / one-file package: %.2f\n", m / c, m / cn, m / t }'
