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
# names others (the release workflow packs every platform it supports).
platforms="${MLPIPELINE_TOOL_PLATFORMS:-$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)}"
mkdir -p "$output"
rm -f "$output"/MlPipeline.*nupkg
for project in src/SageMakerPipelines src/SageMakerPipelines.Cli TemplatePack.csproj; do
  dotnet pack "$root/$project" --configuration Release --output "$output" --nologo --verbosity quiet
done
dotnet pack "$root/src/Scaffolder" --configuration Release --output "$output" --nologo --verbosity quiet "-p:MlPipelineToolPlatforms=\"$platforms\""
cache="$(dotnet nuget locals global-packages --list | sed 's/^[^:]*: *//')"
rm -rf "$cache"/mlpipeline "$cache"/mlpipeline.*
