import boto3
import pytest
from botocore.stub import Stubber

from approval_handler import handler
from common import StepError
from test_deploy import ARN, approved


@pytest.fixture(autouse=True)
def environment(monkeypatch):
    monkeypatch.setenv("ENDPOINT_NAME", "churn")
    monkeypatch.setenv("MODEL_ROLE_ARN", "arn:aws:iam::123456789012:role/Endpoint")


def event(status):
    return {"detail": {"ModelPackageArn": ARN, "ModelPackageGroupName": "churn-models", "ModelApprovalStatus": status}}


def test_ignores_events_that_are_not_approvals():
    assert handler(event("Rejected"), None, client=object())["status"] == "ignored"


def test_checks_the_status_again_and_refuses_a_package_that_is_not_approved():
    client = boto3.client("sagemaker", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    with Stubber(client) as stub:
        approved(stub, status="Rejected")

        with pytest.raises(StepError, match="not Approved"):
            handler(event("Approved"), None, client=client)
