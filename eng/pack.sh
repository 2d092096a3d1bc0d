#!/usr/bin/env bash
# Packs every MlPipeline package into a folder (default artifacts/packages): the mlpipeline tool (MlPipeline), the
# dotnet new template package (MlPipeline.Templates) and the libraries generated projects reference
# (MlPipeline.SageMakerPipelines, MlPipeline.SageMakerPipelines.Cli), with their symbol packages. It then drops
# copies of the same version from the NuGet cache, so the next restore or tool install takes these builds.
#   eng/pack.sh [OUTPUT_FOLDER]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
output="${1:-$root/artifacts/packages}"
for project in src/SageMakerPipelines src/SageMakerPipelines.Cli src/Scaffolder TemplatePack.csproj; do
  dotnet pack "$root/$project" --configuration Release --output "$output" --nologo --verbosity quiet
done
cache="$(dotnet nuget locals global-packages --list | sed 's/^[^:]*: *//')"
rm -rf "$cache"/mlpipeline "$cache"/mlpipeline.templates "$cache"/mlpipeline.sagemakerpipelines "$cache"/mlpipeline.sagemakerpipelines.cli
