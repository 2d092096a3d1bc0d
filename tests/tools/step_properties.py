"""Prints, per pipeline step type, every property path a later step may read with {"Get": "Steps.NAME.PATH"} and its
botocore type: the members of the Describe (and, for tuning, List) response that SageMaker Pipelines exposes as the
step's properties, as the SageMaker Python SDK derives them (sagemaker/workflow/properties.py walks the same shapes).

Usage: python3 step_properties.py > src/SageMakerPipelines/Steps/Shared/StepProperties.json
A list item or map value is written [*]: Outputs[*].S3Output.S3Uri stands for Outputs['train'] and Outputs[0].
A shape that contains itself is listed once, not followed again.
"""
import json

import botocore
import botocore.session

SHAPES = {
    "Processing": ["DescribeProcessingJob"],
    "Training": ["DescribeTrainingJob"],
    "Tuning": ["DescribeHyperParameterTuningJob", "ListTrainingJobsForHyperParameterTuningJob"],
    "Model": ["DescribeModel"],
    "RegisterModel": ["DescribeModelPackage"],
    "Transform": ["DescribeTransformJob"],
}
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


def main():
    model = botocore.session.get_session().get_service_model("sagemaker")
    table = {"Source": f"botocore {botocore.__version__}, service model sagemaker (Apache-2.0)"}
    for step_type, operations in SHAPES.items():
        paths = {}
        for operation in operations:
            walk(model.operation_model(operation).output_shape, "", frozenset(), paths)
        table[step_type] = dict(sorted(paths.items()))
    print(json.dumps(table, indent=1, sort_keys=False))


if __name__ == "__main__":
    main()
