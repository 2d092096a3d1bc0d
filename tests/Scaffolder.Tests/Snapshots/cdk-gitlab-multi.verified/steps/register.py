"""Register: attach a run's lineage to a registered model package, as customer metadata.

The pipeline's RegisterModel step creates the model package version; it cannot say which data, code and commit
made the model. This script can, from the run's lineage.json, against the local registry or SageMaker:

    python3 steps/register.py local --registry .mlpipeline/registry --group GROUP --version 1 --lineage RUN/lineage.json
    python3 steps/register.py sagemaker --model-package-arn ARN --lineage lineage.json --region REGION
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
from typing import Any

from common import StepError, logger, run

log = logger("register")
ALLOWED = re.compile(r"^[\w\s.:/=+\-@]{0,256}$")


def metadata(lineage: dict[str, Any]) -> dict[str, str]:
    """The customer metadata of a run: run, definition, data, code and model hashes, framework, commit."""
    steps = lineage.get("Steps", {})
    values = {
        "mlpipeline_run_id": lineage.get("RunId"),
        "definition_sha256": lineage.get("DefinitionSha256"),
        "python_version": (lineage.get("Python") or {}).get("Version"),
        "git_commit": (lineage.get("Git") or {}).get("Commit"),
        "git_dirty": str((lineage.get("Git") or {}).get("Dirty", "")).lower() or None,
    }
    for step in steps.values():
        for item in step.get("Inputs", []):
            if item.get("Name") == "data":
                values["data_sha256"] = item.get("Sha256")
        if "ModelArtifact" in step:
            values["model_sha256"] = step["ModelArtifact"].get("Sha256")
            values["code_sha256"] = (step.get("Code") or {}).get("Sha256")
            framework = step.get("Framework") or {}
            values["framework"] = f"{framework.get('Name')}-{framework.get('Version')}" if framework else None
    result = {key: str(value) for key, value in values.items() if value not in (None, "")}
    bad = [key for key, value in result.items() if not ALLOWED.match(value)]
    if bad:
        raise StepError(f"metadata value(s) {', '.join(bad)} have characters SageMaker does not accept")
    return result


def register_local(registry: str, group: str, version: int, properties: dict[str, str]) -> None:
    path = os.path.join(registry, group, f"{version:04d}.json")
    if not os.path.exists(path):
        raise StepError(f"the local registry has no {group} version {version} ({path})")
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    document["CustomerMetadataProperties"] = {**(document.get("CustomerMetadataProperties") or {}), **properties}
    # Write a new file and move it into place, so a crash never leaves half a registry entry.
    descriptor, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump(document, out, indent=2)
    os.replace(temporary, path)


def register_sagemaker(client: Any, arn: str, properties: dict[str, str]) -> None:
    client.update_model_package(ModelPackageArn=arn, CustomerMetadataProperties=properties)


def main(argv: list[str] | None = None, client: Any = None) -> None:
    parser = argparse.ArgumentParser(description="Attach a run's lineage to a model package.")
    where = parser.add_subparsers(dest="where", required=True)
    local = where.add_parser("local", help="the local registry under .mlpipeline/registry")
    local.add_argument("--registry", default=os.path.join(".mlpipeline", "registry"))
    local.add_argument("--group", required=True)
    local.add_argument("--version", type=int, required=True)
    cloud = where.add_parser("sagemaker", help="the SageMaker model registry")
    cloud.add_argument("--model-package-arn", required=True)
    cloud.add_argument("--region", default=os.environ.get("AWS_REGION"))
    for sub in (local, cloud):
        sub.add_argument("--lineage", required=True, help="the run's lineage.json")
    args = parser.parse_args(argv)

    try:
        with open(args.lineage, encoding="utf-8") as handle:
            properties = metadata(json.load(handle))
    except (OSError, json.JSONDecodeError) as error:
        raise StepError(f"cannot read the lineage file {args.lineage}: {error}") from error
    if args.where == "local":
        register_local(args.registry, args.group, args.version, properties)
        log.info("attached %d lineage properties to %s version %d", len(properties), args.group, args.version)
    else:
        import boto3

        register_sagemaker(
            client or boto3.client("sagemaker", region_name=args.region), args.model_package_arn, properties
        )
        log.info("attached %d lineage properties to %s", len(properties), args.model_package_arn)


if __name__ == "__main__":
    run(main, log)
