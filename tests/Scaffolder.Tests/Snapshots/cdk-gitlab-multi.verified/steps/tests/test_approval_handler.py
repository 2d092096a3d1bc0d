from datetime import datetime

import pytest
from botocore.stub import Stubber
from test_deploy import ARN, CAPTURE, approved, stubbed

from approval_handler import handler
from common import StepError


@pytest.fixture(autouse=True)
def environment(monkeypatch):
    monkeypatch.setenv("MODEL_PACKAGE_GROUP", "churn-models")
    monkeypatch.setenv("ENDPOINT_NAME", "churn-staging")
    monkeypatch.setenv("MODEL_ROLE_ARN", "arn:aws:iam::123456789012:role/Endpoint")
    monkeypatch.setenv("DATA_CAPTURE_PERCENTAGE", "35")
    monkeypatch.setenv("DATA_CAPTURE_URI", CAPTURE)


@pytest.fixture
def client():
    return stubbed("sagemaker")


class Context:
    def get_remaining_time_in_millis(self):
        return 900_000


def event(status, group="churn-models"):
    return {"detail": {"ModelPackageArn": ARN, "ModelPackageGroupName": group, "ModelApprovalStatus": status}}


def test_ignores_events_that_are_not_approvals():
    assert handler(event("Rejected"), Context(), client=object())["status"] == "ignored"


def test_ignores_approvals_in_another_group():
    assert handler(event("Approved", group="fraud-models"), Context(), client=object()) == {
        "status": "ignored",
        "reason": "not a model of churn-models",
    }


def test_serves_the_approved_version_on_the_staging_endpoint_it_is_given(client):
    with Stubber(client) as stub:
        approved(stub)
        stub.add_response(
            "describe_endpoint",
            {
                "EndpointName": "churn-staging",
                "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-staging",
                "EndpointConfigName": "churn-staging-v3-capture35",
                "EndpointStatus": "InService",
                "CreationTime": datetime(2026, 1, 1),
                "LastModifiedTime": datetime(2026, 1, 1),
            },
            {"EndpointName": "churn-staging"},
        )

        assert handler(event("Approved"), Context(), client=client) == {"status": "unchanged", "modelPackageArn": ARN}
        stub.assert_no_pending_responses()


def test_checks_the_status_again_and_refuses_a_package_that_is_not_approved(client):
    with Stubber(client) as stub:
        approved(stub, status="Rejected")

        with pytest.raises(StepError, match="not Approved"):
            handler(event("Approved"), Context(), client=client)


def test_refuses_an_approved_version_without_a_baseline_while_capture_is_on(client):
    with Stubber(client) as stub:
        approved(stub, baseline=None)

        with pytest.raises(StepError, match=r"no data-quality baseline.*data capture 35 %"):
            handler(event("Approved"), Context(), client=client)


def test_a_sampling_percentage_that_is_not_a_number_is_named(monkeypatch):
    monkeypatch.setenv("DATA_CAPTURE_PERCENTAGE", "20%")

    with pytest.raises(StepError, match="DATA_CAPTURE_PERCENTAGE is '20%'; set a whole number from 0"):
        handler(event("Approved"), Context(), client=object())
