#!/usr/bin/env bash
# The main job: build the generator, generate a demo project and check it.
#   ./demo.sh                       generates artifacts/demo/Churn with the default answers
#   ./demo.sh --iac cloudformation  any `mlpipeline new` option is passed through
set -euo pipefail
cd "$(dirname "$0")"

dotnet build src/Scaffolder/Scaffolder.csproj --configuration Release --nologo --verbosity quiet
mlpipeline() { dotnet src/Scaffolder/bin/Release/net10.0/mlpipeline.dll "$@"; }

demo=artifacts/demo/Churn
rm -rf "$demo"    # the demo folder is ours; regenerate it from scratch every time
mlpipeline new "$demo" "$@"
echo
mlpipeline validate "$demo/mlpipeline.yaml"
echo
echo "Generated files:"
(cd "$demo" && find . -type f -not -path './.git/*' | sort | sed 's|^\./|  |')
