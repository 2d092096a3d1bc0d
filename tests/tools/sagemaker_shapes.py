"""Prints the shapes of botocore's service model for SageMaker that the library reads: the named shapes and every
shape they contain, each as the service description writes it, without its documentation. The library's step kinds
name the shapes they follow (the request their Arguments are, the responses their properties come from).

Usage: python3 sagemaker_shapes.py SHAPE... > src/SageMakerPipelines/Definition/ServiceModel/sagemaker-shapes.json
(SageMakerPipelines.Tests' ServiceModelTests prints the command with the shape names of today's step kinds.)
"""
import json
import sys

import botocore
import botocore.session


def strip(shape):
    """The shape without its documentation (and its members' documentation)."""
    shape = {key: value for key, value in shape.items() if key != "documentation"}
    if "members" in shape:
        shape["members"] = {name: {key: value for key, value in member.items() if key != "documentation"}
                            for name, member in shape["members"].items()}
    return shape


def main(roots):
    loader = botocore.session.get_session().get_component("data_loader")
    description = loader.load_service_model("sagemaker", "service-2")
    shapes = description["shapes"]
    kept = {}
    pending = list(roots)
    while pending:
        name = pending.pop()
        if name in kept:
            continue
        shape = shapes[name]
        kept[name] = strip(shape)
        pending.extend(member["shape"] for member in shape.get("members", {}).values())
        pending.extend(shape[key]["shape"] for key in ("member", "key", "value") if key in shape)
    print(json.dumps({
        "Source": f"botocore {botocore.__version__}, botocore/data/sagemaker/{description['metadata']['apiVersion']}/service-2.json, shapes",
        "Licence": "Apache-2.0",
        "Shapes": dict(sorted(kept.items())),
    }, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
