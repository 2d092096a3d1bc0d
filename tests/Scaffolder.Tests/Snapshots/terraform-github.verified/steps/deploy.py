"""Deploy: serve the newest Approved model package of a group on a SageMaker endpoint.

Idempotent: when the endpoint already serves that version, nothing changes. Refuses any model package that is
not Approved, so nothing reaches an endpoint without a person's approval.

    python3 steps/deploy.py --group GROUP --endpoint-name NAME --role-arn ROLE [--model-package-arn ARN]
"""
import argparse
import os

from botocore.exceptions import ClientError

from common import StepError, logger, run

log = logger("deploy")


def newest_approved(client, group):
    response = client.list_model_packages(
        ModelPackageGroupName=group, ModelApprovalStatus="Approved", SortBy="CreationTime", SortOrder="Descending", MaxResults=1
    )
    packages = response.get("ModelPackageSummaryList", [])
    if not packages:
        raise StepError(f"model package group {group} has no Approved version; approve one first")
    return packages[0]["ModelPackageArn"]


def check_approved(client, arn):
    status = client.describe_model_package(ModelPackageName=arn)["ModelApprovalStatus"]
    if status != "Approved":
        raise StepError(f"{arn} is {status}, not Approved; only approved models are deployed")


def exists(call, **kwargs):
    try:
        return call(**kwargs)
    except ClientError as error:
        if error.response["Error"]["Code"] in ("ValidationException", "ResourceNotFound"):
            return None
        raise


def deploy(client, group, endpoint, role_arn, instance_type, arn=None):
    """Returns what it did: 'unchanged', 'created' or 'updated'."""
    arn = arn or newest_approved(client, group)
    check_approved(client, arn)
    version = arn.rsplit("/", 1)[-1]
    name = f"{endpoint}-v{version}"[:63]
    current = exists(client.describe_endpoint, EndpointName=endpoint)
    if current and current["EndpointConfigName"] == name:
        log.info("%s already serves %s", endpoint, arn)
        return "unchanged"
    if not exists(client.describe_model, ModelName=name):
        client.create_model(ModelName=name, ExecutionRoleArn=role_arn, PrimaryContainer={"ModelPackageName": arn})
    if not exists(client.describe_endpoint_config, EndpointConfigName=name):
        client.create_endpoint_config(
            EndpointConfigName=name,
            ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": name, "InitialInstanceCount": 1, "InstanceType": instance_type}],
        )
    if current:
        client.update_endpoint(EndpointName=endpoint, EndpointConfigName=name)
        log.info("updating %s to %s", endpoint, arn)
        return "updated"
    client.create_endpoint(EndpointName=endpoint, EndpointConfigName=name)
    log.info("creating %s with %s", endpoint, arn)
    return "created"


def main(argv=None, client=None):
    parser = argparse.ArgumentParser(description="Deploy the newest Approved model package to an endpoint.")
    parser.add_argument("--group", required=True, help="the model package group")
    parser.add_argument("--endpoint-name", required=True)
    parser.add_argument("--role-arn", required=True, help="the role the endpoint's model runs as")
    parser.add_argument("--instance-type", default="ml.m5.large")
    parser.add_argument("--model-package-arn", help="deploy this version instead of the newest approved one")
    parser.add_argument("--region", default=os.environ.get("AWS_REGION"))
    args = parser.parse_args(argv)
    if client is None:
        import boto3

        client = boto3.client("sagemaker", region_name=args.region)
    return deploy(client, args.group, args.endpoint_name, args.role_arn, args.instance_type, args.model_package_arn)


if __name__ == "__main__":
    run(main, log)
