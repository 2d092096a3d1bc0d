#!/usr/bin/env bash
# Packs every MlPipeline package into a folder (default artifacts/packages), replacing earlier packs there: the
# mlpipeline tool (MlPipeline: a pointer package and one package per platform), the dotnet new template package
# (MlPipeline.Templates) and the libraries generated projects reference (MlPipeline.SageMakerPipelines,
# MlPipeline.SageMakerPipelines.Cli), with their symbol packages. It then drops copies of the same version from
# the NuGet cache, so the next restore or tool install takes these builds.
#   eng/pack.sh [OUTPUT_FOLDER]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
output="${1:-$root/artifacts/packages}"
# The tool gets a ReadyToRun build for this machine's platform (and a portable one); MLPIPELINE_TOOL_PLATFORMS
# names others (the release workflow packs every platform it supports). This machine's platform is then packed
# again as native code (Native AOT: starts without a runtime, nothing compiled at run time), which needs a C
# toolchain (clang or gcc, and zlib): MLPIPELINE_TOOL_NATIVE=auto (default) does it when one is on PATH and says so
# when not, 1 requires it, 0 skips it.
here="$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)"
platforms="${MLPIPELINE_TOOL_PLATFORMS:-$here}"
native="${MLPIPELINE_TOOL_NATIVE:-auto}"
mkdir -p "$output"
rm -f "$output"/MlPipeline.*nupkg
for project in src/SageMakerPipelines src/SageMakerPipelines.Cli TemplatePack.csproj; do
  dotnet pack "$root/$project" --configuration Release --output "$output" --nologo --verbosity quiet
done
dotnet pack "$root/src/Scaffolder" --configuration Release --output "$output" --nologo --verbosity quiet "-p:MlPipelineToolPlatforms=\"$platforms\""
if [ "$native" = auto ] && ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
  echo "pack: no clang or gcc on PATH, so the tool for $here stays a ReadyToRun build (slower to start); install clang for the native one." >&2
  native=0
fi
if [ "$native" != 0 ]; then
  # Replaces the ReadyToRun package of this platform (same name) with the native one, which has no symbol package.
  rm -f "$output/MlPipeline.$here."*.snupkg
  dotnet pack "$root/src/Scaffolder" --configuration Release --output "$output" --nologo --verbosity quiet --runtime "$here" \
    "-p:MlPipelineToolPlatforms=\"$platforms\"" -p:MlPipelineToolAot=true
fi
cache="$(dotnet nuget locals global-packages --list | sed 's/^[^:]*: *//')"
rm -rf "$cache"/mlpipeline "$cache"/mlpipeline.*
