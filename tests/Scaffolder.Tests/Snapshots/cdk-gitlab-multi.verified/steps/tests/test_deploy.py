from datetime import datetime

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.stub import ANY, Stubber

from common import StepError
from deploy import deploy, has_local_storage, main

ARN = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/3"
ROLE = "arn:aws:iam::123456789012:role/Endpoint"
CAPTURE = "s3://churn-123456789012-us-east-1-ml/churn/data-capture"
BASELINE = {
    "Statistics": {"ContentType": "application/json", "S3Uri": "s3://b/churn/runs/x/Baseline/statistics.json"},
    "Constraints": {"ContentType": "application/json", "S3Uri": "s3://b/churn/runs/x/Baseline/constraints.json"},
}


def stubbed(service):
    """A client whose calls the tests answer (Stubber): no credentials, nothing leaves the machine."""
    return boto3.client(service, region_name="us-east-1", config=Config(signature_version=UNSIGNED))


@pytest.fixture
def client():
    return stubbed("sagemaker")


def approved(stub, status="Approved", group="churn-models", baseline=BASELINE):
    """DescribeModelPackage of version 3, registered with a data-quality baseline unless `baseline` says otherwise."""
    package = {
        "ModelPackageName": group,
        "ModelPackageGroupName": group,
        "ModelPackageArn": ARN,
        "CreationTime": datetime(2026, 1, 1),
        "ModelPackageStatus": "Completed",
        "ModelApprovalStatus": status,
        "ModelPackageStatusDetails": {"ValidationStatuses": []},
    }
    if baseline:
        package["DriftCheckBaselines"] = {"ModelDataQuality": baseline}
    stub.add_response("describe_model_package", package, {"ModelPackageName": ARN})


def newest(stub, packages, group="churn-models"):
    stub.add_response(
        "list_model_packages",
        {"ModelPackageSummaryList": packages},
        {
            "ModelPackageGroupName": group,
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


def serves(stub, config="churn-v3", capture=None, volume_key=None):
    """The calls that make the model (churn-v3) and the endpoint configuration of version 3."""
    stub.add_client_error("describe_model", "ValidationException", "Could not find model")
    stub.add_response(
        "create_model",
        {"ModelArn": "arn:aws:sagemaker:us-east-1:123456789012:model/churn-v3"},
        {"ModelName": "churn-v3", "ExecutionRoleArn": ROLE, "PrimaryContainer": {"ModelPackageName": ARN}},
    )
    stub.add_client_error("describe_endpoint_config", "ValidationException", "Could not find endpoint configuration")
    expected = {"EndpointConfigName": config, "ProductionVariants": ANY}
    if capture:
        expected["DataCaptureConfig"] = capture
    if volume_key:
        expected["KmsKeyId"] = volume_key
    stub.add_response(
        "create_endpoint_config",
        {"EndpointConfigArn": f"arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/{config}"},
        expected,
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


def test_serves_a_version_of_the_build_accounts_group_named_by_arn(client):
    """With separate accounts the staging and production accounts read the build account's registry by its ARN."""
    group = "arn:aws:sagemaker:us-east-1:111122223333:model-package-group/churn-models"
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
            group=group,
        )
        approved(stub)
        stub.add_client_error("describe_endpoint", "ValidationException", "Could not find endpoint")
        serves(stub)
        stub.add_response(
            "create_endpoint",
            {"EndpointArn": "arn:aws:sagemaker:us-east-1:444455556666:endpoint/churn"},
            {"EndpointName": "churn", "EndpointConfigName": "churn-v3"},
        )

        assert deploy(client, group, "churn", ROLE, "ml.m5.large") == "created"
        stub.assert_no_pending_responses()


def test_refuses_a_version_of_another_group_named_by_arn(client):
    with Stubber(client) as stub:
        approved(stub, group="fraud-models")

        with pytest.raises(StepError, match="belongs to the group fraud-models"):
            group = "arn:aws:sagemaker:us-east-1:111122223333:model-package-group/churn-models"
            deploy(client, group, "churn", ROLE, "ml.m5.large", arn=ARN)


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
            {"EndpointName": "churn", "EndpointConfigName": "churn-v3", "RetainAllVariantProperties": True},
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


def encryption(stub, key=None):
    """GetBucketEncryption of the capture bucket: S3's own keys, or a customer-managed KMS key."""
    default = {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key} if key else {"SSEAlgorithm": "AES256"}
    stub.add_response(
        "get_bucket_encryption",
        {"ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault": default}]}},
        {"Bucket": "churn-123456789012-us-east-1-ml"},
    )


def test_the_output_file_names_the_version_served_for_the_next_gate(client, tmp_path, monkeypatch):
    monkeypatch.delenv("MLPIPELINE_KMS_KEY_ARN", raising=False)
    output = tmp_path / "outputs"
    output.write_text("earlier=1\n")
    s3 = stubbed("s3")
    with Stubber(client) as stub, Stubber(s3) as storage:
        encryption(storage)
        approved(stub)
        endpoint(stub, "InService", config="churn-v3-capture20")

        main(
            [
                "--group",
                "churn-models",
                "--endpoint-name",
                "churn",
                "--role-arn",
                ROLE,
                "--data-capture-uri",
                CAPTURE,
                "--model-package-arn",
                ARN,
                "--output-file",
                str(output),
            ],
            client=client,
            s3=s3,
        )

    assert output.read_text() == f"earlier=1\nMODEL_PACKAGE_ARN={ARN}\n"


# The DataCaptureConfig of an endpoint that captures 20 % under CAPTURE.
CAPTURED = {
    "EnableCapture": True,
    "InitialSamplingPercentage": 20,
    "DestinationS3Uri": CAPTURE,
    "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],
    "CaptureContentTypeHeader": {"CsvContentTypes": ["text/csv"], "JsonContentTypes": ["application/json"]},
}


def test_a_monitored_endpoint_captures_requests_and_answers_to_the_bucket(client):
    capture = CAPTURED
    with Stubber(client) as stub:
        approved(stub)
        endpoint(stub, "InService", config="churn-v3")
        endpoint(stub, "InService", config="churn-v3")
        serves(stub, config="churn-v3-capture20", capture=capture)
        stub.add_response(
            "update_endpoint",
            {"EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn"},
            {"EndpointName": "churn", "EndpointConfigName": "churn-v3-capture20", "RetainAllVariantProperties": True},
        )

        # The same version served without capture gets a configuration with it: configurations cannot change.
        uri = f"{CAPTURE}/"
        result = deploy(client, "churn-models", "churn", ROLE, "m", arn=ARN, capture_percentage=20, capture_uri=uri)

        assert result == "updated"
        stub.assert_no_pending_responses()


@pytest.mark.parametrize(
    "baseline, missing",
    [(None, "Statistics and Constraints"), ({"Statistics": BASELINE["Statistics"]}, "Constraints")],
)
def test_refuses_a_version_without_a_baseline_when_monitoring_is_on(client, baseline, missing):
    with Stubber(client) as stub:
        approved(stub, baseline=baseline)

        with pytest.raises(StepError, match=rf"{ARN} has no data-quality baseline \({missing} of Drift.*capture 20 %"):
            deploy(client, "churn-models", "churn", ROLE, "m", arn=ARN, capture_percentage=20, capture_uri=CAPTURE)
        stub.assert_no_pending_responses()


def test_without_capture_a_version_without_a_baseline_is_served_unmonitored(client):
    with Stubber(client) as stub:
        approved(stub, baseline=None)
        endpoint(stub, "InService", config="churn-v3")

        assert deploy(client, "churn-models", "churn", ROLE, "m", arn=ARN, capture_percentage=0) == "unchanged"


@pytest.mark.parametrize(
    "percentage, uri, says",
    [
        (101, CAPTURE, "percentage is 101; give a whole number from 0"),
        (-1, CAPTURE, "percentage is -1"),
        (20, None, r"needs the S3 URI to write to \(--data-capture-uri, DATA_CAPTURE_URI\).*not nothing"),
        (20, "churn/data-capture", "not churn/data-capture"),
    ],
)
def test_capture_settings_are_checked_before_any_call(client, percentage, uri, says):
    with Stubber(client), pytest.raises(StepError, match=says):
        deploy(client, "churn-models", "churn", ROLE, "m", arn=ARN, capture_percentage=percentage, capture_uri=uri)


KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


@pytest.mark.parametrize(
    "instance_type, volume_key, source",
    [("ml.m5.large", KEY, "bucket"), ("ml.m5.large", KEY, "environment"), ("ml.g4dn.xlarge", None, "bucket")],
)
def test_with_the_stacks_key_the_volume_and_captured_data_are_encrypted_with_it(
    client, monkeypatch, instance_type, volume_key, source
):
    # The key is the capture bucket's default one, or the one the environment names (the approval function's); an
    # instance with its own storage encrypts that in hardware, and SageMaker refuses a key for it, so only the
    # captured data names the key then.
    s3 = stubbed("s3")
    if source == "environment":
        monkeypatch.setenv("MLPIPELINE_KMS_KEY_ARN", KEY)
    else:
        monkeypatch.delenv("MLPIPELINE_KMS_KEY_ARN", raising=False)
    capture = {**CAPTURED, "KmsKeyId": KEY}
    with Stubber(client) as stub, Stubber(s3) as storage:
        if source == "bucket":
            encryption(storage, KEY)
        approved(stub)
        # Served before without the key: another key is another configuration, since configurations cannot change.
        endpoint(stub, "InService", config="churn-v3-capture20")
        endpoint(stub, "InService", config="churn-v3-capture20")
        serves(stub, config="churn-v3-capture20-k7ac1cf39", capture=capture, volume_key=volume_key)
        stub.add_response(
            "update_endpoint",
            {"EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn"},
            {
                "EndpointName": "churn",
                "EndpointConfigName": "churn-v3-capture20-k7ac1cf39",
                "RetainAllVariantProperties": True,
            },
        )

        args = ["--group", "churn-models", "--endpoint-name", "churn", "--role-arn", ROLE, "--model-package-arn", ARN]
        args += ["--instance-type", instance_type, "--data-capture-uri", CAPTURE]
        assert main(args, client=client, s3=s3) == "updated"
        stub.assert_no_pending_responses()
        storage.assert_no_pending_responses()


@pytest.mark.parametrize(
    "instance_type, local",
    [
        ("ml.m5.large", False),
        ("ml.c5.2xlarge", False),
        ("ml.inf1.xlarge", False),
        ("ml.m5d.large", True),
        ("ml.c6id.xlarge", True),
        ("ml.g4dn.xlarge", True),
        ("ml.p4d.24xlarge", True),
        ("ml.g5.2xlarge", True),
        ("ml.trn1.32xlarge", True),
    ],
)
def test_instances_with_their_own_storage_are_known(instance_type, local):
    assert has_local_storage(instance_type) is local
