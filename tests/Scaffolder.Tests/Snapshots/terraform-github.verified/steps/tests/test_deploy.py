from datetime import datetime

import boto3
import pytest
from botocore.stub import ANY, Stubber

from common import StepError
from deploy import deploy

ARN = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/3"
ROLE = "arn:aws:iam::123456789012:role/Endpoint"


@pytest.fixture
def client():
    return boto3.client("sagemaker", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")


def approved(stub, status="Approved"):
    stub.add_response("describe_model_package", {
        "ModelPackageName": "churn-models", "ModelPackageArn": ARN, "CreationTime": datetime(2026, 1, 1),
        "ModelPackageStatus": "Completed", "ModelApprovalStatus": status, "ModelPackageStatusDetails": {"ValidationStatuses": []},
    }, {"ModelPackageName": ARN})


def newest(stub, packages):
    stub.add_response("list_model_packages", {"ModelPackageSummaryList": packages}, {
        "ModelPackageGroupName": "churn-models", "ModelApprovalStatus": "Approved", "SortBy": "CreationTime", "SortOrder": "Descending", "MaxResults": 1,
    })


def test_creates_the_endpoint_for_the_newest_approved_version(client):
    with Stubber(client) as stub:
        newest(stub, [{"ModelPackageName": "churn-models", "ModelPackageArn": ARN, "CreationTime": datetime(2026, 1, 1), "ModelPackageStatus": "Completed", "ModelApprovalStatus": "Approved"}])
        approved(stub)
        stub.add_client_error("describe_endpoint", "ValidationException", "Could not find endpoint")
        stub.add_client_error("describe_model", "ValidationException", "Could not find model")
        stub.add_response("create_model", {"ModelArn": "arn:aws:sagemaker:us-east-1:123456789012:model/churn-v3"},
                          {"ModelName": "churn-v3", "ExecutionRoleArn": ROLE, "PrimaryContainer": {"ModelPackageName": ARN}})
        stub.add_client_error("describe_endpoint_config", "ValidationException", "Could not find endpoint configuration")
        stub.add_response("create_endpoint_config", {"EndpointConfigArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn-v3"},
                          {"EndpointConfigName": "churn-v3", "ProductionVariants": ANY})
        stub.add_response("create_endpoint", {"EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn"},
                          {"EndpointName": "churn", "EndpointConfigName": "churn-v3"})

        assert deploy(client, "churn-models", "churn", ROLE, "ml.m5.large") == "created"
        stub.assert_no_pending_responses()


def test_does_nothing_when_the_endpoint_already_serves_that_version(client):
    with Stubber(client) as stub:
        approved(stub)
        stub.add_response("describe_endpoint", {
            "EndpointName": "churn", "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn", "EndpointConfigName": "churn-v3",
            "EndpointStatus": "InService", "CreationTime": datetime(2026, 1, 1), "LastModifiedTime": datetime(2026, 1, 1),
        }, {"EndpointName": "churn"})

        assert deploy(client, "churn-models", "churn", ROLE, "ml.m5.large", arn=ARN) == "unchanged"
        stub.assert_no_pending_responses()


def test_refuses_a_version_that_is_not_approved(client):
    with Stubber(client) as stub:
        approved(stub, status="PendingManualApproval")

        with pytest.raises(StepError, match="PendingManualApproval, not Approved"):
            deploy(client, "churn-models", "churn", ROLE, "ml.m5.large", arn=ARN)


def test_a_group_without_an_approved_version_is_a_clear_error(client):
    with Stubber(client) as stub:
        newest(stub, [])

        with pytest.raises(StepError, match="no Approved version"):
            deploy(client, "churn-models", "churn", ROLE, "ml.m5.large")
