#!/usr/bin/env bash
# The main job: generate a demo project and run its pipeline locally on the sample data, end to end.
#   ./demo.sh                        artifacts/demo/Churn with the default answers (scikit-learn, Terraform)
#   ./demo.sh --framework xgboost    any `mlpipeline new` option is passed through
set -euo pipefail
cd "$(dirname "$0")"

./eng/install-python.sh
./eng/pack.sh
dotnet build src/Scaffolder/Scaffolder.csproj --configuration Release --nologo --verbosity quiet
mlpipeline() { dotnet src/Scaffolder/bin/Release/net10.0/mlpipeline.dll "$@"; }

demo=artifacts/demo/Churn
rm -rf "$demo"    # the demo folder is ours; regenerate it from scratch every time
mlpipeline new "$demo" --package-source "$PWD/artifacts/packages" "$@"

cd "$demo"
dotnet build --nologo --verbosity quiet
export MLPIPELINE_PYTHON="${MLPIPELINE_PYTHON:-/usr/bin/python3}"
dotnet run --no-build --project src/Churn.Pipeline -- run
