"""Deploy on approval: the function EventBridge calls when a model package of the group becomes Approved.

It serves that version with deploy.py's logic, which checks the approval status again itself, so a package
that is not Approved can never reach the endpoint, whatever the event says. The infrastructure stack packs
this file with deploy.py and common.py into the function.
"""
import os

from deploy import deploy


def handler(event, context, client=None):  # noqa: ARG001 - the Lambda signature
    detail = event.get("detail") or {}
    arn = detail.get("ModelPackageArn")
    if detail.get("ModelApprovalStatus") != "Approved" or not arn:
        return {"status": "ignored", "reason": "not an approval"}
    if client is None:
        import boto3

        client = boto3.client("sagemaker")
    result = deploy(
        client,
        detail["ModelPackageGroupName"],
        os.environ["ENDPOINT_NAME"],
        os.environ["MODEL_ROLE_ARN"],
        os.environ.get("INSTANCE_TYPE", "ml.m5.large"),
        arn=arn,
    )
    return {"status": result, "modelPackageArn": arn}
