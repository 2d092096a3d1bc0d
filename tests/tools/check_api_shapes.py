"""Checks the Arguments of every step of a SageMaker pipeline definition against the API request shapes in
botocore's service model (the authority for step arguments), recursing into condition branches.

Usage: python3 check_api_shapes.py DEFINITION.json KIND=REQUESTSHAPE... (Processing=CreateProcessingJobRequest ...)
The step kinds' descriptors in the library name their request shapes; DefinitionTests passes them. Steps of kinds
not named (Condition, Fail) have no request to check.
Prints one line per problem and exits 1 if there is any; prints how many steps it checked otherwise.
Pipeline expressions ({"Get"}, {"Std:Join"}, {"Std:JsonGet"}) are accepted wherever the API takes a scalar.
"""
import json
import sys

import botocore.session

# Request members SageMaker Pipelines fills in itself, per operation.
SET_BY_PIPELINES = {"ProcessingJobName", "TrainingJobName", "HyperParameterTuningJobName", "ModelName", "TransformJobName"}
SCALARS = {"string", "integer", "long", "float", "double", "boolean", "timestamp"}
EXPRESSIONS = {"Get", "Std:Join", "Std:JsonGet"}


def is_expression(value):
    return isinstance(value, dict) and len(value) == 1 and next(iter(value)) in EXPRESSIONS


def check(shape, value, path, problems, top=False):
    kind = shape.type_name
    if is_expression(value):
        if kind not in SCALARS:
            problems.append(f"{path}: a pipeline expression where the API wants a {kind}")
        return
    if kind == "structure":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object ({shape.name})")
            return
        for key, item in value.items():
            if key not in shape.members:
                problems.append(f"{path}.{key}: {shape.name} has no member {key}")
            else:
                check(shape.members[key], item, f"{path}.{key}", problems)
        for required in shape.required_members:
            if required not in value and not (top and required in SET_BY_PIPELINES):
                problems.append(f"{path}: required member {required} of {shape.name} is missing")
    elif kind == "list":
        if not isinstance(value, list):
            problems.append(f"{path}: expected a list")
            return
        for index, item in enumerate(value):
            check(shape.member, item, f"{path}[{index}]", problems)
    elif kind == "map":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected a map")
            return
        for key, item in value.items():
            check(shape.value, item, f"{path}.{key}", problems)
    elif kind == "string":
        if not isinstance(value, str):
            problems.append(f"{path}: expected a string, got {json.dumps(value)}")
        elif shape.enum and value not in shape.enum:
            problems.append(f"{path}: {value!r} is not one of {shape.enum}")
        elif "max" in shape.metadata and len(value) > shape.metadata["max"]:
            problems.append(f"{path}: longer than {shape.metadata['max']}")
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{path}: expected an integer, got {json.dumps(value)}")
    elif kind in ("float", "double"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"{path}: expected a number, got {json.dumps(value)}")
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.append(f"{path}: expected a boolean, got {json.dumps(value)}")


def steps(items, path):
    for index, step in enumerate(items):
        yield step, f"{path}[{index}]"
        if step.get("Type") == "Condition":
            for branch in ("IfSteps", "ElseSteps"):
                yield from steps(step["Arguments"].get(branch, []), f"{path}[{index}].Arguments.{branch}")


def main(definition_path, kinds):
    with open(definition_path, encoding="utf-8") as handle:
        definition = json.load(handle)
    model = botocore.session.get_session().get_service_model("sagemaker")
    requests = dict(kind.split("=", 1) for kind in kinds)
    problems, checked = [], 0
    for step, path in steps(definition["Steps"], "Steps"):
        request = requests.get(step["Type"])
        if request is None:
            continue
        checked += 1
        check(model.shape_for(request), step["Arguments"], f"{path}.Arguments", problems, top=True)
    for problem in problems:
        print(problem)
    if problems:
        sys.exit(1)
    print(f"{checked} steps match the API request shapes")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
