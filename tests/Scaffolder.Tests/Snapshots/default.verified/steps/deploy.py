"""Deploy: serve the newest Approved model package of a group (or a given one) on a SageMaker endpoint.

Idempotent: when the endpoint already serves that version, nothing changes. Refuses any model package that is
not Approved, so nothing reaches an endpoint without a person's approval. An endpoint that is being created or
updated is waited for, up to --wait-seconds; a failed one is reported with its reason.

    python3 steps/deploy.py --group GROUP --endpoint-name NAME --role-arn ROLE [--model-package-arn ARN]
                            [--output-file FILE]

--output-file appends MODEL_PACKAGE_ARN=ARN to FILE (a GitHub step's $GITHUB_OUTPUT, a GitLab dotenv report),
so a later gate promotes exactly the version this deployment served.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any, Callable

from botocore.exceptions import ClientError

from common import StepError, logger, run

log = logger("deploy")


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


def check_approved(client: Any, arn: str, group: str) -> None:
    package = client.describe_model_package(ModelPackageName=arn)
    if package.get("ModelPackageGroupName") != group:
        raise StepError(f"{arn} belongs to the group {package.get('ModelPackageGroupName')}, not {group}")
    if package["ModelApprovalStatus"] != "Approved":
        raise StepError(f"{arn} is {package['ModelApprovalStatus']}, not Approved; only approved models are deployed")


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
    wait_seconds: float = 1200,
    poll_seconds: float = 30,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> str:
    """Returns what it did: 'unchanged', 'created' or 'updated'."""
    arn = arn or newest_approved(client, group)
    check_approved(client, arn, group)
    version = arn.rsplit("/", 1)[-1]
    name = f"{endpoint}-v{version}"[:63]
    current = exists(client.describe_endpoint, EndpointName=endpoint)
    if (
        current
        and current["EndpointConfigName"] == name
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
    if current and current["EndpointConfigName"] == name:
        log.info("%s already serves %s", endpoint, arn)
        return "unchanged"
    if not exists(client.describe_model, ModelName=name):
        client.create_model(ModelName=name, ExecutionRoleArn=role_arn, PrimaryContainer={"ModelPackageName": arn})
    if not exists(client.describe_endpoint_config, EndpointConfigName=name):
        client.create_endpoint_config(
            EndpointConfigName=name,
            ProductionVariants=[
                {
                    "VariantName": "AllTraffic",
                    "ModelName": name,
                    "InitialInstanceCount": 1,
                    "InstanceType": instance_type,
                }
            ],
        )
    if current:
        client.update_endpoint(EndpointName=endpoint, EndpointConfigName=name)
        log.info("updating %s to %s", endpoint, arn)
        return "updated"
    client.create_endpoint(EndpointName=endpoint, EndpointConfigName=name)
    log.info("creating %s with %s", endpoint, arn)
    return "created"


def main(argv: list[str] | None = None, client: Any = None) -> str:
    parser = argparse.ArgumentParser(description="Deploy the newest Approved model package to an endpoint.")
    parser.add_argument("--group", required=True, help="the model package group")
    parser.add_argument("--endpoint-name", required=True)
    parser.add_argument("--role-arn", required=True, help="the role the endpoint's model runs as")
    parser.add_argument("--instance-type", default="ml.m5.large")
    parser.add_argument("--model-package-arn", help="deploy this version instead of the newest approved one")
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
        client, args.group, args.endpoint_name, args.role_arn, args.instance_type, arn, wait_seconds=args.wait_seconds
    )
    if args.output_file:
        with open(args.output_file, "a", encoding="utf-8") as handle:
            handle.write(f"MODEL_PACKAGE_ARN={arn}\n")
    return result


if __name__ == "__main__":
    run(main, log)
