"""Checks recorded SageMaker responses (the answers moto_server cannot give) against botocore's service model.

Usage: python3 check_recorded_responses.py FILE.json...
Each file is {"operation": NAME, "status": HTTP-STATUS, "body": {...}}. A 200 body must match the operation's output
shape (members, types, enums; timestamps as epoch seconds, as the JSON protocol sends them); an error body must
carry __type and a message, its code one the operation declares or one every AWS JSON service may answer.
Prints one line per problem and exits 1 if there is any.
"""
import json
import os
import sys

import botocore.session

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_api_shapes import check  # noqa: E402

# Errors any AWS JSON-protocol service answers without declaring them per operation.
COMMON_ERRORS = {"ThrottlingException", "AccessDeniedException", "UnrecognizedClientException", "ValidationException",
                 "InternalFailure", "ServiceUnavailable", "ExpiredTokenException", "InvalidSignatureException"}


def timestamps(shape, value, path, problems):
    kind = shape.type_name
    if kind == "timestamp" and not (isinstance(value, (int, float)) and not isinstance(value, bool)):
        problems.append(f"{path}: a timestamp is epoch seconds in the JSON protocol, got {json.dumps(value)}")
    elif kind == "structure" and isinstance(value, dict):
        for key, item in value.items():
            if key in shape.members:
                timestamps(shape.members[key], item, f"{path}.{key}", problems)
    elif kind == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            timestamps(shape.member, item, f"{path}[{index}]", problems)


def main():
    model = botocore.session.get_session().get_service_model("sagemaker")
    problems = []
    for name in sys.argv[1:]:
        with open(name, encoding="utf-8") as handle:
            recorded = json.load(handle)
        operation = model.operation_model(recorded["operation"])
        body, label = recorded["body"], os.path.basename(name)
        if recorded["status"] == 200:
            check(operation.output_shape, body, label, problems)
            timestamps(operation.output_shape, body, label, problems)
        else:
            code = body.get("__type", "").split("#")[-1]
            declared = {error.name for error in operation.error_shapes}
            if code not in declared | COMMON_ERRORS:
                problems.append(f"{label}: {recorded['operation']} does not answer {code!r} (declared: {sorted(declared)})")
            if not (body.get("message") or body.get("Message")):
                problems.append(f"{label}: an error without a message")
    for problem in problems:
        print(problem)
    if problems:
        sys.exit(1)
    print(f"{len(sys.argv) - 1} recorded responses match botocore's service model")


if __name__ == "__main__":
    main()
