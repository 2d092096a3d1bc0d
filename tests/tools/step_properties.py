"""Prints, per pipeline step type, every property path a later step may read with {"Get": "Steps.NAME.PATH"} and its
botocore type: the members of the Describe (and, for tuning, List) response that SageMaker Pipelines exposes as the
step's properties, as the SageMaker Python SDK derives them (sagemaker/workflow/properties.py walks the same shapes).

Usage: python3 step_properties.py KIND=SHAPE[,SHAPE]... (Processing=DescribeProcessingJobResponse ...)
The step kinds' descriptors in the library name their response shapes; ServiceModelTests passes them and compares this
walk over the machine's botocore with the library's own walk over its vendored shapes.
A list item or map value is written [*]: Outputs[*].S3Output.S3Uri stands for Outputs['train'] and Outputs[0].
A shape that contains itself is listed once, not followed again.
"""
import json
import sys

import botocore
import botocore.session

# Response members that describe the call, not the job.
SKIPPED = {"NextToken"}


def walk(shape, path, seen, paths):
    if path:
        paths[path] = shape.type_name
    if shape.type_name == "structure":
        if shape.name in seen:
            return
        for name, member in shape.members.items():
            if not path and name in SKIPPED:
                continue
            walk(member, f"{path}.{name}" if path else name, seen | {shape.name}, paths)
    elif shape.type_name == "list":
        walk(shape.member, f"{path}[*]", seen, paths)
    elif shape.type_name == "map":
        walk(shape.value, f"{path}[*]", seen, paths)


def main(kinds):
    model = botocore.session.get_session().get_service_model("sagemaker")
    table = {"Source": f"botocore {botocore.__version__}"}
    for kind in kinds:
        step_type, shapes = kind.split("=", 1)
        paths = {}
        for shape in shapes.split(","):
            walk(model.shape_for(shape), "", frozenset(), paths)
        table[step_type] = dict(sorted(paths.items()))
    print(json.dumps(table, indent=1, sort_keys=False))


if __name__ == "__main__":
    main(sys.argv[1:])
