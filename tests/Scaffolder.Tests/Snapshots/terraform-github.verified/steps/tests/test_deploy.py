from datetime import datetime

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.stub import ANY, Stubber

from common import StepError
from deploy import deploy, main

ARN = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/3"
ROLE = "arn:aws:iam::123456789012:role/Endpoint"


def stubbed(service):
    """A client whose calls the tests answer (Stubber): no credentials, nothing leaves the machine."""
    return boto3.client(service, region_name="us-east-1", config=Config(signature_version=UNSIGNED))


@pytest.fixture
def client():
    return stubbed("sagemaker")


def approved(stub, status="Approved", group="churn-models"):
    stub.add_response(
        "describe_model_package",
        {
            "ModelPackageName": group,
            "ModelPackageGroupName": group,
            "ModelPackageArn": ARN,
            "CreationTime": datetime(2026, 1, 1),
            "ModelPackageStatus": "Completed",
            "ModelApprovalStatus": status,
            "ModelPackageStatusDetails": {"ValidationStatuses": []},
        },
        {"ModelPackageName": ARN},
    )


def newest(stub, packages):
    stub.add_response(
        "list_model_packages",
        {"ModelPackageSummaryList": packages},
        {
            "ModelPackageGroupName": "churn-models",
            "ModelApprovalStatus": "Approved",
            "SortBy": "CreationTime",
            "SortOrder": "Descending",
            "MaxResults": 1,
        },
    )


def endpoint(stub, status, config="churn-v2", reason=None):
    response = {
        "EndpointName": "churn",
        "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn",
        "EndpointConfigName": config,
        "EndpointStatus": status,
        "CreationTime": datetime(2026, 1, 1),
        "LastModifiedTime": datetime(2026, 1, 1),
    }
    if reason:
        response["FailureReason"] = reason
    stub.add_response("describe_endpoint", response, {"EndpointName": "churn"})


def serves(stub, config="churn-v3"):
    """The calls that make the model and the endpoint configuration of version 3."""
    stub.add_client_error("describe_model", "ValidationException", "Could not find model")
    stub.add_response(
        "create_model",
        {"ModelArn": f"arn:aws:sagemaker:us-east-1:123456789012:model/{config}"},
        {"ModelName": config, "ExecutionRoleArn": ROLE, "PrimaryContainer": {"ModelPackageName": ARN}},
    )
    stub.add_client_error("describe_endpoint_config", "ValidationException", "Could not find endpoint configuration")
    stub.add_response(
        "create_endpoint_config",
        {"EndpointConfigArn": f"arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/{config}"},
        {"EndpointConfigName": config, "ProductionVariants": ANY},
    )


class Clock:
    """A clock that sleep() moves forward, so waiting takes no real time."""

    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def test_creates_the_endpoint_for_the_newest_approved_version(client):
    with Stubber(client) as stub:
        newest(
            stub,
            [
                {
                    "ModelPackageName": "churn-models",
                    "ModelPackageArn": ARN,
                    "CreationTime": datetime(2026, 1, 1),
                    "ModelPackageStatus": "Completed",
                    "ModelApprovalStatus": "Approved",
                }
            ],
        )
        approved(stub)
        stub.add_client_error("describe_endpoint", "ValidationException", "Could not find endpoint")
        serves(stub)
        stub.add_response(
            "create_endpoint",
            {"EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn"},
            {"EndpointName": "churn", "EndpointConfigName": "churn-v3"},
        )

        assert deploy(client, "churn-models", "churn", ROLE, "ml.m5.large") == "created"
        stub.assert_no_pending_responses()


def test_does_nothing_when_the_endpoint_already_serves_that_version(client):
    with Stubber(client) as stub:
        approved(stub)
        endpoint(stub, "InService", config="churn-v3")

        assert deploy(client, "churn-models", "churn", ROLE, "ml.m5.large", arn=ARN) == "unchanged"
        stub.assert_no_pending_responses()


def test_waits_for_an_endpoint_that_is_updating_then_updates_it(client):
    clock = Clock()
    with Stubber(client) as stub:
        approved(stub)
        endpoint(stub, "Updating")
        endpoint(stub, "Updating")
        endpoint(stub, "Creating")
        endpoint(stub, "InService")
        serves(stub)
        stub.add_response(
            "update_endpoint",
            {"EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn"},
            {"EndpointName": "churn", "EndpointConfigName": "churn-v3"},
        )

        assert (
            deploy(
                client,
                "churn-models",
                "churn",
                ROLE,
                "ml.m5.large",
                arn=ARN,
                wait_seconds=600,
                poll_seconds=30,
                sleep=clock.sleep,
                clock=clock,
            )
            == "updated"
        )
        stub.assert_no_pending_responses()
    assert clock.sleeps == [30, 30]


def test_gives_up_after_the_wait_and_names_the_state(client):
    clock = Clock()
    with Stubber(client) as stub:
        approved(stub)
        for _ in range(5):
            endpoint(stub, "Creating")

        with pytest.raises(
            StepError, match=r"endpoint churn is still Creating after waiting 90 s.*wait endpoint-in-service"
        ):
            deploy(
                client,
                "churn-models",
                "churn",
                ROLE,
                "ml.m5.large",
                arn=ARN,
                wait_seconds=90,
                poll_seconds=30,
                sleep=clock.sleep,
                clock=clock,
            )
    assert clock.now <= 90


def test_a_failed_endpoint_is_reported_with_its_reason_and_the_fix(client):
    with Stubber(client) as stub:
        approved(stub)
        endpoint(stub, "Failed", reason="The model container failed its ping health check")
        endpoint(stub, "Failed", reason="The model container failed its ping health check")

        with pytest.raises(
            StepError, match=r"churn is Failed: The model container failed its ping health check; delete it"
        ):
            deploy(client, "churn-models", "churn", ROLE, "ml.m5.large", arn=ARN)


def test_refuses_a_version_that_is_not_approved(client):
    with Stubber(client) as stub:
        approved(stub, status="PendingManualApproval")

        with pytest.raises(StepError, match="PendingManualApproval, not Approved"):
            deploy(client, "churn-models", "churn", ROLE, "ml.m5.large", arn=ARN)


def test_refuses_a_version_of_another_group(client):
    with Stubber(client) as stub:
        approved(stub, group="fraud-models")

        with pytest.raises(StepError, match="belongs to the group fraud-models, not churn-models"):
            deploy(client, "churn-models", "churn", ROLE, "ml.m5.large", arn=ARN)


def test_a_group_without_an_approved_version_is_a_clear_error(client):
    with Stubber(client) as stub:
        newest(stub, [])

        with pytest.raises(StepError, match="no Approved version"):
            deploy(client, "churn-models", "churn", ROLE, "ml.m5.large")


def test_the_output_file_names_the_version_served_for_the_next_gate(client, tmp_path):
    output = tmp_path / "outputs"
    output.write_text("earlier=1\n")
    with Stubber(client) as stub:
        approved(stub)
        endpoint(stub, "InService", config="churn-v3")

        main(
            [
                "--group",
                "churn-models",
                "--endpoint-name",
                "churn",
                "--role-arn",
                ROLE,
                "--model-package-arn",
                ARN,
                "--output-file",
                str(output),
            ],
            client=client,
        )

    assert output.read_text() == f"earlier=1\nMODEL_PACKAGE_ARN={ARN}\n"
