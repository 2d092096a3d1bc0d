#!/usr/bin/env bash
# The main job: generate a demo project and run its pipeline locally on the sample data, end to end.
#   ./demo.sh                        artifacts/demo/Churn with the default answers (scikit-learn, Terraform)
#   ./demo.sh --framework xgboost    any `mlpipeline new` option is passed through
# As a user would: pack the MlPipeline packages, install the mlpipeline tool from them (into artifacts/tool),
# generate the project with its own copy of the packages, build it and run its pipeline.
set -euo pipefail
cd "$(dirname "$0")"

./eng/install-python.sh
./eng/pack.sh
rm -rf artifacts/tool
dotnet tool install MlPipeline --tool-path artifacts/tool --add-source artifacts/packages >/dev/null

demo=artifacts/demo/Churn
rm -rf "$demo"    # the demo folder is ours; regenerate it from scratch every time
artifacts/tool/mlpipeline new "$demo" --package-source artifacts/packages "$@"

cd "$demo"
dotnet build --nologo --verbosity quiet
export MLPIPELINE_PYTHON="${MLPIPELINE_PYTHON:-/usr/bin/python3}"
dotnet run --no-build --project src/Churn.Pipeline -- run
