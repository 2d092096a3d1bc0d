"""Deploy on approval: the function EventBridge calls when a model package of the group becomes Approved.

It serves that version on the staging endpoint (ENDPOINT_NAME) with deploy.py's logic, which checks the
approval status and the group again itself, so a package that is not Approved can never reach the endpoint,
whatever the event says. The endpoint captures DATA_CAPTURE_PERCENTAGE % of its requests and answers under
DATA_CAPTURE_URI (the stack's sampling input and artifact bucket); with capture on, a version without a
data-quality baseline is refused. With the stack's customer-managed key (MLPIPELINE_KMS_KEY_ARN) the endpoint's
volume and captured data are encrypted with it. Production is not touched here: CI promotes a version that passed
staging through its manual gate. An endpoint that is being created or updated is waited for while the function has
time left; a failure goes to the function's dead-letter queue after Lambda's retries. The infrastructure stack packs
this file with deploy.py and common.py into the function.
"""

from __future__ import annotations

import os
from typing import Any

from common import StepError
from deploy import DATA_CAPTURE_PERCENTAGE, deploy


def handler(event: dict[str, Any], context: Any, client: Any = None) -> dict[str, str]:
    detail = event.get("detail") or {}
    arn = detail.get("ModelPackageArn")
    if detail.get("ModelApprovalStatus") != "Approved" or not arn:
        return {"status": "ignored", "reason": "not an approval"}
    group = os.environ["MODEL_PACKAGE_GROUP"]
    if detail.get("ModelPackageGroupName") != group:
        return {"status": "ignored", "reason": f"not a model of {group}"}
    percentage = os.environ.get("DATA_CAPTURE_PERCENTAGE", str(DATA_CAPTURE_PERCENTAGE))
    if not percentage.isdigit():
        raise StepError(f"DATA_CAPTURE_PERCENTAGE is {percentage!r}; set a whole number from 0 (off) to 100")
    if client is None:
        import boto3

        client = boto3.client("sagemaker")
    result = deploy(
        client,
        group,
        os.environ["ENDPOINT_NAME"],
        os.environ["MODEL_ROLE_ARN"],
        os.environ.get("INSTANCE_TYPE", "ml.m5.large"),
        arn=arn,
        capture_percentage=int(percentage),
        capture_uri=os.environ.get("DATA_CAPTURE_URI"),
        kms_key=os.environ.get("MLPIPELINE_KMS_KEY_ARN") or None,
        # Leave a minute of the function's time for the calls after the wait.
        wait_seconds=max(0, context.get_remaining_time_in_millis() // 1000 - 60) if context else 600,
    )
    return {"status": result, "modelPackageArn": arn}
