"""Deploy: serve the newest Approved model package of a group (or a given one) on a SageMaker endpoint.

Idempotent: when the endpoint already serves that version, nothing changes. Refuses any model package that is
not Approved, so nothing reaches an endpoint without a person's approval. An endpoint that is being created or
updated is waited for, up to --wait-seconds; a failed one is reported with its reason.

Monitoring is on unless --data-capture-percentage is 0: the endpoint captures that share of its requests and
answers under --data-capture-uri (the artifact bucket), and only a version registered with a data-quality
baseline (DriftCheckBaselines.ModelDataQuality, which the pipeline's Baseline step writes) is deployed, since
captured data is worth only what it can be compared with.

    python3 steps/deploy.py --group GROUP --endpoint-name NAME --role-arn ROLE --data-capture-uri S3_URI
                            [--data-capture-percentage N] [--model-package-arn ARN] [--output-file FILE]
                            [--kms-key-arn ARN]

--output-file appends MODEL_PACKAGE_ARN=ARN to FILE (a GitHub step's $GITHUB_OUTPUT, a GitLab dotenv report),
so a later gate promotes exactly the version this deployment served.

The endpoint's storage volume and what it captures are encrypted with the customer-managed KMS key the artifact
bucket encrypts with by default (the stack's key, when it has one), or with --kms-key-arn / MLPIPELINE_KMS_KEY_ARN
when given (--kms-key-arn "": none).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import time
from typing import Any, Callable

from botocore.exceptions import ClientError

from common import StepError, logger, run

log = logger("deploy")

# The share of requests a monitored endpoint captures unless told otherwise (the stacks' default too).
DATA_CAPTURE_PERCENTAGE = 20


def newest_approved(client: Any, group: str) -> str:
    response = client.list_model_packages(
        ModelPackageGroupName=group,
        ModelApprovalStatus="Approved",
        SortBy="CreationTime",
        SortOrder="Descending",
        MaxResults=1,
    )
    packages = response.get("ModelPackageSummaryList", [])
    if not packages:
        raise StepError(f"model package group {group} has no Approved version; approve one first")
    return packages[0]["ModelPackageArn"]


def check_approved(client: Any, arn: str, group: str) -> dict[str, Any]:
    """The version's description, once it is known to be Approved and of the group."""
    package = client.describe_model_package(ModelPackageName=arn)
    # The group by name, or by ARN from another account (the build account's registry, with separate accounts).
    if package.get("ModelPackageGroupName") != group.rsplit("/", 1)[-1]:
        raise StepError(f"{arn} belongs to the group {package.get('ModelPackageGroupName')}, not {group}")
    if package["ModelApprovalStatus"] != "Approved":
        raise StepError(f"{arn} is {package['ModelApprovalStatus']}, not Approved; only approved models are deployed")
    return package


BASELINE_PARTS = ("Statistics", "Constraints")


def data_quality_baseline(package: dict[str, Any]) -> dict[str, str]:
    """The S3 URIs of the version's data-quality baseline (DriftCheckBaselines.ModelDataQuality) that it has, by part:
    Statistics and Constraints."""
    baseline = (package.get("DriftCheckBaselines") or {}).get("ModelDataQuality") or {}
    uris = {part: (baseline.get(part) or {}).get("S3Uri") for part in BASELINE_PARTS}
    return {part: uri for part, uri in uris.items() if uri}


def check_baseline(package: dict[str, Any], arn: str, percentage: int) -> None:
    """Refuses a version without the data-quality baseline its monitoring compares captured requests with."""
    missing = [part for part in BASELINE_PARTS if part not in data_quality_baseline(package)]
    if missing:
        raise StepError(
            f"{arn} has no data-quality baseline ({' and '.join(missing)} of DriftCheckBaselines.ModelDataQuality "
            f"missing), and monitoring is on (data capture {percentage} %); register the model from a pipeline run, "
            "whose Baseline step writes it, or deploy with --data-capture-percentage 0 to serve it unmonitored"
        )


def data_capture(percentage: int, destination: str | None) -> dict[str, Any] | None:
    """The endpoint configuration's DataCaptureConfig: requests and answers to destination (None when off)."""
    if not 0 <= percentage <= 100:
        raise StepError(f"the data capture percentage is {percentage}; give a whole number from 0 (off) to 100")
    if percentage == 0:
        return None
    if not destination or not destination.startswith("s3://"):
        raise StepError(
            f"data capture ({percentage} %) needs the S3 URI to write to (--data-capture-uri, DATA_CAPTURE_URI), "
            f"such as s3://BUCKET/PREFIX/data-capture, not {destination or 'nothing'}; "
            "or a percentage of 0 to serve without capture and monitoring"
        )
    return {
        "EnableCapture": True,
        "InitialSamplingPercentage": percentage,
        "DestinationS3Uri": destination.rstrip("/"),
        "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],
        "CaptureContentTypeHeader": {"CsvContentTypes": ["text/csv"], "JsonContentTypes": ["application/json"]},
    }


# Instances with their own NVMe storage encrypt it in hardware, and SageMaker refuses a KmsKeyId for them
# (CreateEndpointConfig): a "d" after the generation (ml.m5d, ml.g4dn, ml.p4d, ml.c6id) or a family that always has it.
LOCAL_STORAGE_FAMILIES = ("g5", "g6", "g6e", "p5", "p5e", "p5en", "trn1", "trn1n")


def has_local_storage(instance_type: str) -> bool:
    match = re.fullmatch(r"ml\.([a-z]+\d+)([a-z-]*)\.\w+", instance_type)
    if match is None:
        return False
    return "d" in match.group(2) or match.group(1) + match.group(2) in LOCAL_STORAGE_FAMILIES


def keyed(name: str, kms_key: str | None) -> str:
    """A name of something SageMaker cannot change later, within 63 characters: another KMS key makes another one."""
    if not kms_key:
        return name[:63]
    return f"{name[:53]}-k{hashlib.sha256(kms_key.encode()).hexdigest()[:8]}"


def exists(call: Callable[..., Any], **kwargs: Any) -> Any:
    try:
        return call(**kwargs)
    except ClientError as error:
        if error.response["Error"]["Code"] in ("ValidationException", "ResourceNotFound"):
            return None
        raise


# Endpoint states that end by themselves: wait for them. Others that are not InService need a person.
BUSY = ("Creating", "Updating", "SystemUpdating", "RollingBack", "Deleting")


def settled(
    client: Any,
    endpoint: str,
    wait_seconds: float,
    poll_seconds: float,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
) -> Any:
    """The endpoint's description once it is not busy (None if it does not exist), waiting at most wait_seconds."""
    deadline = clock() + wait_seconds
    while True:
        current = exists(client.describe_endpoint, EndpointName=endpoint)
        status = current and current["EndpointStatus"]
        if status not in BUSY:
            return current
        if clock() + poll_seconds > deadline:
            raise StepError(
                f"endpoint {endpoint} is still {status} after waiting {wait_seconds} s; "
                "deploy again once it is InService "
                f"(aws sagemaker wait endpoint-in-service --endpoint-name {endpoint})"
            )
        log.info("endpoint %s is %s; waiting", endpoint, status)
        sleep(poll_seconds)


def deploy(
    client: Any,
    group: str,
    endpoint: str,
    role_arn: str,
    instance_type: str,
    arn: str | None = None,
    capture_percentage: int = 0,
    capture_uri: str | None = None,
    kms_key: str | None = None,
    wait_seconds: float = 1200,
    poll_seconds: float = 30,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> str:
    """Returns what it did: 'unchanged', 'created' or 'updated'.

    With capture_percentage above 0 the endpoint captures that share of its requests and answers under capture_uri,
    and the version must have a data-quality baseline. With kms_key, the endpoint's volume (unless the instance type
    has its own hardware-encrypted storage) and the captured data are encrypted with that key.
    """
    capture = data_capture(capture_percentage, capture_uri)
    arn = arn or newest_approved(client, group)
    package = check_approved(client, arn, group)
    if capture:
        check_baseline(package, arn, capture_percentage)
    version = arn.rsplit("/", 1)[-1]
    name = f"{endpoint}-v{version}"[:63]
    # Endpoint configurations cannot change: another capture setting is another configuration of the same model.
    config = keyed(f"{endpoint}-v{version}-capture{capture_percentage}" if capture else name, kms_key)
    current = exists(client.describe_endpoint, EndpointName=endpoint)
    if (
        current
        and current["EndpointConfigName"] == config
        and current["EndpointStatus"] not in ("Failed", "UpdateRollbackFailed")
    ):
        log.info("%s already serves %s (%s)", endpoint, arn, current["EndpointStatus"])
        return "unchanged"
    current = settled(client, endpoint, wait_seconds, poll_seconds, sleep, clock) if current else None
    if current and current["EndpointStatus"] != "InService":
        raise StepError(
            f"endpoint {endpoint} is {current['EndpointStatus']}"
            + (f": {current['FailureReason']}" if current.get("FailureReason") else "")
            + f"; delete it (aws sagemaker delete-endpoint --endpoint-name {endpoint}) and deploy again"
        )
    if current and current["EndpointConfigName"] == config:
        log.info("%s already serves %s", endpoint, arn)
        return "unchanged"
    if not exists(client.describe_model, ModelName=name):
        client.create_model(ModelName=name, ExecutionRoleArn=role_arn, PrimaryContainer={"ModelPackageName": arn})
    if not exists(client.describe_endpoint_config, EndpointConfigName=config):
        variant: dict[str, Any] = {"VariantName": "AllTraffic", "ModelName": name, "InitialInstanceCount": 1}
        encryption: dict[str, Any] = {}
        if kms_key and not has_local_storage(instance_type):
            encryption["KmsKeyId"] = kms_key
        if capture and kms_key:
            capture = {**capture, "KmsKeyId": kms_key}
        client.create_endpoint_config(
            EndpointConfigName=config,
            ProductionVariants=[{**variant, "InstanceType": instance_type}],
            **({"DataCaptureConfig": capture} if capture else {}),
            **encryption,
        )
    if capture:
        log.info("%s captures %d %% of its requests and answers under %s", endpoint, capture_percentage, capture_uri)
    if current:
        # The variant keeps the instance count autoscaling gave it (steps/monitor.py) instead of falling back to the new
        # configuration's initial count while it serves traffic.
        client.update_endpoint(EndpointName=endpoint, EndpointConfigName=config, RetainAllVariantProperties=True)
        log.info("updating %s to %s", endpoint, arn)
        return "updated"
    client.create_endpoint(EndpointName=endpoint, EndpointConfigName=config)
    log.info("creating %s with %s", endpoint, arn)
    return "created"


def add_kms_key_argument(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--kms-key-arn",
        default=os.environ.get("MLPIPELINE_KMS_KEY_ARN") or None,
        help=f"the customer-managed KMS key of {what}; an empty value for AWS-managed keys (default: "
        "MLPIPELINE_KMS_KEY_ARN, or else the key the bucket encrypts with by default)",
    )


def bucket_key(s3: Any, uri: str) -> str | None:
    """The customer-managed KMS key the bucket of an S3 URI encrypts new objects with (None: S3's own keys)."""
    bucket = uri[len("s3://") :].split("/", 1)[0]
    rules = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    for rule in rules:
        default = rule.get("ApplyServerSideEncryptionByDefault") or {}
        if default.get("SSEAlgorithm", "").startswith("aws:kms") and default.get("KMSMasterKeyID"):
            return str(default["KMSMasterKeyID"])
    return None


def kms_key_of(given: str | None, uri: str | None, s3: Any) -> str | None:
    """The key given (empty: none), or else the default key of the bucket the endpoint or its jobs write to."""
    if given is not None:
        return given or None
    if not uri or not uri.startswith("s3://"):
        return None
    if s3 is None:
        import boto3

        s3 = boto3.client("s3")
    return bucket_key(s3, uri)


def main(argv: list[str] | None = None, client: Any = None, s3: Any = None) -> str:
    parser = argparse.ArgumentParser(description="Deploy the newest Approved model package to an endpoint.")
    parser.add_argument(
        "--group", required=True, help="the model package group: its name, or its ARN when it is in another account"
    )
    parser.add_argument("--endpoint-name", required=True)
    parser.add_argument("--role-arn", required=True, help="the role the endpoint's model runs as")
    parser.add_argument("--instance-type", default="ml.m5.large")
    parser.add_argument("--model-package-arn", help="deploy this version instead of the newest approved one")
    parser.add_argument(
        "--data-capture-percentage",
        type=int,
        default=DATA_CAPTURE_PERCENTAGE,
        help="the share of requests and answers the endpoint captures for monitoring; 0 serves without capture, "
        f"monitoring or the need for a baseline (default {DATA_CAPTURE_PERCENTAGE})",
    )
    parser.add_argument("--data-capture-uri", help="where the endpoint writes what it captures: s3://BUCKET/PREFIX/...")
    add_kms_key_argument(parser, "the endpoint's volume and captured data")
    parser.add_argument(
        "--wait-seconds",
        type=int,
        default=1200,
        help="how long to wait for an endpoint that is being created or updated",
    )
    parser.add_argument(
        "--output-file", help="append MODEL_PACKAGE_ARN=ARN to this file (GitHub step outputs, GitLab dotenv)"
    )
    parser.add_argument("--region", default=os.environ.get("AWS_REGION"))
    args = parser.parse_args(argv)
    if client is None:
        import boto3

        client = boto3.client("sagemaker", region_name=args.region)
    arn = args.model_package_arn or newest_approved(client, args.group)
    result = deploy(
        client,
        args.group,
        args.endpoint_name,
        args.role_arn,
        args.instance_type,
        arn,
        capture_percentage=args.data_capture_percentage,
        capture_uri=args.data_capture_uri,
        kms_key=kms_key_of(args.kms_key_arn, args.data_capture_uri if args.data_capture_percentage else None, s3),
        wait_seconds=args.wait_seconds,
    )
    if args.output_file:
        with open(args.output_file, "a", encoding="utf-8") as handle:
            handle.write(f"MODEL_PACKAGE_ARN={arn}\n")
    return result


if __name__ == "__main__":
    run(main, log)
