"""The conformance suite's stand-in for a step's script (see README.md beside it).

Processing: python3 stub.py --root /opt/ml/processing [--out NAME]... [--file NAME/FILE=JSON]... [-- VALUE...]
  writes {"values": [VALUE, ...]} to args.json in every --out output, and each JSON text to its file (property files).
Training (SM_MODEL_DIR is set): saves the hyperparameters as the model and prints the hyperparameter "print", so
  metric definitions can read a value from the log.
Standard library only; runs in the SageMaker scikit-learn and XGBoost containers and in any local Python 3.
"""
import json
import os
import sys


def process(argv):
    root, outputs, files, values = None, [], [], []
    i = 0
    while i < len(argv):
        if argv[i] == "--":
            values = argv[i + 1:]
            break
        if argv[i] not in ("--root", "--out", "--file") or i + 1 == len(argv):
            sys.exit(f"stub.py: unexpected argument {argv[i]!r}; see the usage at the top of the script")
        if argv[i] == "--root":
            root = argv[i + 1]
        elif argv[i] == "--out":
            outputs.append(argv[i + 1])
        else:
            files.append(argv[i + 1])
        i += 2
    if root is None:
        sys.exit("stub.py: --root is required")
    for output in outputs:
        with open(os.path.join(root, output, "args.json"), "w") as f:
            json.dump({"values": values}, f)
    for spec in files:
        target, _, text = spec.partition("=")
        path = os.path.join(root, target)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    print(f"stub: {len(values)} value(s), {len(outputs)} output(s), {len(files)} file(s)")


def train():
    hyperparameters = json.loads(os.environ.get("SM_HPS", "{}"))
    if "print" in hyperparameters:
        print(hyperparameters["print"])
    with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.json"), "w") as f:
        json.dump(hyperparameters, f, sort_keys=True)


if __name__ == "__main__":
    if os.environ.get("SM_MODEL_DIR"):
        train()
    else:
        process(sys.argv[1:])
