# The local runner's batch transform: what a SageMaker framework container does for a transform job, with the
# inference toolkit's contract. The runner starts it as
#     python transform.py JOB.json
# JOB.json: {"model_dir", "code_dir", "program", "content_type", "accept", "split_type", "batch_strategy",
#            "max_payload_bytes", "assemble_with", "inputs": [{"path", "out"}]}.
# The model's script (SAGEMAKER_PROGRAM in code_dir) gives model_fn(model_dir) and may give input_fn(body, content_type),
# predict_fn(data, model) and output_fn(prediction, accept); the missing ones are the toolkit's defaults for CSV and
# JSON. Each input file is split into records (SplitType Line: one per line, empty lines skipped; None: the whole
# file), records are sent one per request (SingleRecord) or as many as fit in MaxPayloadInMB (MultiRecord), and the
# responses are written to one .out file per input file, each followed by a newline when AssembleWith is Line.
import importlib
import io
import json
import os
import sys


def fail(message):
    print(f"ERROR batch transform: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def default_input_fn(body, content_type):
    import numpy as np

    text = body.decode("utf-8") if isinstance(body, (bytes, bytearray)) else body
    if content_type == "text/csv":
        return np.genfromtxt(io.StringIO(text), delimiter=",", ndmin=2)
    if content_type == "application/json":
        return np.array(json.loads(text))
    fail(f"the model's script has no input_fn, and the default one reads text/csv and application/json, not {content_type}")


def default_predict_fn(data, model):
    return model.predict(data)


def default_output_fn(prediction, accept):
    import numpy as np

    values = np.asarray(prediction).tolist()
    if accept == "application/json":
        return json.dumps(values), accept
    rows = values if isinstance(values, list) else [values]
    return "".join((",".join(str(v) for v in row) if isinstance(row, list) else str(row)) + "\n" for row in rows), "text/csv"


def records(data, split_type):
    if split_type in (None, "None"):
        return [data] if data else []
    if split_type == "Line":
        return [line if line.endswith(b"\n") else line + b"\n" for line in data.splitlines(keepends=True) if line.strip()]
    fail(f"SplitType {split_type} is not run locally; use Line or None")


def batches(items, strategy, limit):
    if strategy != "MultiRecord":
        return [[item] for item in items]
    groups, current, size = [], [], 0
    for item in items:
        if current and limit and size + len(item) > limit:
            groups.append(current)
            current, size = [], 0
        current.append(item)
        size += len(item)
    return groups + ([current] if current else [])


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        job = json.load(f)
    sys.path.insert(0, job["code_dir"])
    name, extension = os.path.splitext(job["program"])
    if extension != ".py" or not os.path.isfile(os.path.join(job["code_dir"], job["program"])):
        fail(f"the model's script {job['program']} (SAGEMAKER_PROGRAM) is not a Python file of its code")
    module = importlib.import_module(name.replace("/", "."))
    if not hasattr(module, "model_fn"):
        fail(f"{job['program']} has no model_fn(model_dir); the framework container needs one to load the model")
    input_fn = getattr(module, "input_fn", default_input_fn)
    predict_fn = getattr(module, "predict_fn", default_predict_fn)
    output_fn = getattr(module, "output_fn", default_output_fn)
    model = module.model_fn(job["model_dir"])
    limit = job["max_payload_bytes"]
    for item in job["inputs"]:
        with open(item["path"], "rb") as f:
            data = f.read()
        responses = []
        for group in batches(records(data, job["split_type"]), job["batch_strategy"], limit):
            body = b"".join(group)
            if limit and len(body) > limit:
                fail(f"a record of {item['path']} is {len(body)} bytes, more than MaxPayloadInMB allows ({limit} bytes)")
            result = output_fn(predict_fn(input_fn(body, job["content_type"]), model), job["accept"])
            content = result[0] if isinstance(result, tuple) else result
            content = content.encode("utf-8") if isinstance(content, str) else bytes(content)
            if job["assemble_with"] == "Line" and not content.endswith(b"\n"):
                content += b"\n"
            responses.append(content)
        os.makedirs(os.path.dirname(item["out"]), exist_ok=True)
        with open(item["out"], "wb") as f:
            f.write(b"".join(responses))
        print(f"[mlpipeline] {os.path.basename(item['path'])}: {len(responses)} request(s) -> {os.path.basename(item['out'])}", flush=True)


main()
