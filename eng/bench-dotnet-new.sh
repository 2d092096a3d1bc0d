#!/usr/bin/env bash
# Wall time of `dotnet new mlpipeline` against `dotnet new console` on this machine, in one run: packs the
# template package, installs it into an isolated hive, then alternates the two commands N times (default 7)
# and prints each median. `console` is measured with and without its restore post-action, and a template
# package with one file shows what the engine spends on any template installed from a .nupkg.
#   eng/bench-dotnet-new.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet pack "$root/TemplatePack.csproj" --configuration Release --output "$work/package" --nologo --verbosity quiet >/dev/null
dotnet new install "$work"/package/MlPipeline.Templates.*.nupkg --debug:custom-hive "$work/hive" >/dev/null
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
dotnet new install "$work/tiny/out/Bench.Tiny.1.0.0.nupkg" --debug:custom-hive "$work/hive" >/dev/null
# The first call of each warms the engine's template cache; it is not counted.
dotnet new mlpipeline -o "$work/warm1" --debug:custom-hive "$work/hive" >/dev/null
dotnet new console -o "$work/warm2" --no-restore --debug:custom-hive "$work/hive" >/dev/null

declare -A times
measure() { # label, command...
  local label="$1"; shift
  local start end
  start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N)
  times[$label]+="$(( (end - start) / 1000000 )) "
}
for i in $(seq "$runs"); do
  measure mlpipeline dotnet new mlpipeline -n "Churn$i" -o "$work/m$i" --debug:custom-hive "$work/hive"
  measure console-no-restore dotnet new console -n "App$i" -o "$work/c$i" --no-restore --debug:custom-hive "$work/hive"
  measure console dotnet new console -n "Rst$i" -o "$work/r$i" --debug:custom-hive "$work/hive"
  measure tiny dotnet new benchtiny -n "Tiny$i" -o "$work/t$i" --debug:custom-hive "$work/hive"
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m=$(echo "${times[mlpipeline]}" | median)
cn=$(echo "${times[console-no-restore]}" | median)
c=$(echo "${times[console]}" | median)
t=$(echo "${times[tiny]}" | median)
echo "runs: $runs (median wall time)"
echo "dotnet new mlpipeline:               ${m} ms  (${times[mlpipeline]})"
echo "dotnet new console --no-restore:     ${cn} ms  (${times[console-no-restore]})"
echo "dotnet new console (with restore):   ${c} ms  (${times[console]})"
echo "a one-file template package:        ${t} ms  (${times[tiny]})"
awk -v m="$m" -v cn="$cn" -v c="$c" -v t="$t" 'BEGIN { printf "ratio mlpipeline / console: %.2f; / console --no-restore: %.2f; / one-file package: %.2f\n", m / c, m / cn, m / t }'
