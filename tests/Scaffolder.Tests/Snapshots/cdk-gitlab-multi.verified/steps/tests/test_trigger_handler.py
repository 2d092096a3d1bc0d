import pytest
from botocore.stub import Stubber
from test_deploy import stubbed

from trigger_handler import handler, input_for_object

DATA = "s3://churn-123456789012-us-east-1-ml/churn/data/"
EXECUTION = "arn:aws:sagemaker:us-east-1:123456789012:pipeline/churn/execution/abc123"
EVENT_ID = "4f9c1b2e-8a0d-4c4e-9c53-2f1e0b7a6d11"


@pytest.fixture(autouse=True)
def environment(monkeypatch):
    monkeypatch.setenv("PIPELINE_NAME", "churn")
    monkeypatch.setenv("DATA_PREFIX", DATA)


def client(service):
    return stubbed(service)


def object_created(key, bucket="churn-123456789012-us-east-1-ml"):
    return {
        "id": EVENT_ID,
        "source": "aws.s3",
        "detail-type": "Object Created",
        "detail": {"bucket": {"name": bucket}, "object": {"key": key}},
    }


def starts(stub, uri, reason, token=EVENT_ID):
    request = {
        "PipelineName": "churn",
        "PipelineExecutionDescription": f"Started by {reason} for {uri}",
        "PipelineParameters": [{"Name": "InputData", "Value": uri}],
    }
    if token:
        request["ClientRequestToken"] = token
    stub.add_response("start_pipeline_execution", {"PipelineExecutionArn": EXECUTION}, request)


@pytest.mark.parametrize(
    "key, expected",
    [
        ("churn/data/2026-01-05/part-1.csv", DATA + "2026-01-05/"),
        ("churn/data/2026-01-05/day/part-1.csv", DATA + "2026-01-05/"),
        ("churn/data/latest.csv", DATA + "latest.csv"),
        ("churn/data/", None),
        ("churn/data/2026-01-05/", None),
        ("churn/models/model.tar.gz", None),
        ("churn-other/data/x.csv", None),
    ],
)
def test_new_data_names_its_version_folder_or_itself(key, expected):
    assert input_for_object(DATA, "churn-123456789012-us-east-1-ml", key) == expected


def test_an_object_in_another_bucket_is_not_data():
    assert input_for_object(DATA, "someone-else", "churn/data/2026-01-05/part-1.csv") is None


def test_new_data_starts_the_pipeline_on_its_version_so_the_cache_key_changes():
    sagemaker = client("sagemaker")
    with Stubber(sagemaker) as stub:
        starts(stub, DATA + "2026-01-05/", "new data")

        result = handler(object_created("churn/data/2026-01-05/part-1.csv"), None, sagemaker=sagemaker)

        stub.assert_no_pending_responses()
    assert result == {"status": "started", "execution": EXECUTION, "inputData": DATA + "2026-01-05/"}


def test_other_objects_start_nothing():
    assert (
        handler(object_created("churn/runs/x/Clean/cleaned/part.csv"), None, sagemaker=object())["status"] == "ignored"
    )


def test_the_schedule_starts_the_pipeline_on_the_newest_version():
    s3, sagemaker = client("s3"), client("sagemaker")
    with Stubber(s3) as s3_stub, Stubber(sagemaker) as stub:
        s3_stub.add_response(
            "list_objects_v2",
            {
                "CommonPrefixes": [
                    {"Prefix": "churn/data/2026-01-05/"},
                    {"Prefix": "churn/data/2026-02-01/"},
                    {"Prefix": "churn/data/2025-12-24/"},
                ]
            },
            {"Bucket": "churn-123456789012-us-east-1-ml", "Prefix": "churn/data/", "Delimiter": "/"},
        )
        starts(stub, DATA + "2026-02-01/", "schedule")

        result = handler(
            {"id": EVENT_ID, "source": "aws.events", "detail-type": "Scheduled Event", "detail": {}},
            None,
            sagemaker=sagemaker,
            s3=s3,
        )

    assert result["inputData"] == DATA + "2026-02-01/"


def test_the_schedule_reads_all_data_when_there_are_no_versions():
    s3, sagemaker = client("s3"), client("sagemaker")
    with Stubber(s3) as s3_stub, Stubber(sagemaker) as stub:
        s3_stub.add_response(
            "list_objects_v2",
            {"Contents": [{"Key": "churn/data/sample.csv"}]},
            {"Bucket": "churn-123456789012-us-east-1-ml", "Prefix": "churn/data/", "Delimiter": "/"},
        )
        starts(stub, DATA, "schedule", token=None)

        result = handler(
            {"source": "aws.events", "detail-type": "Scheduled Event", "detail": {}}, None, sagemaker=sagemaker, s3=s3
        )

    assert result["inputData"] == DATA


def test_other_events_start_nothing():
    assert (
        handler(
            {"source": "aws.sagemaker", "detail-type": "SageMaker Model Package State Change"}, None, sagemaker=object()
        )["status"]
        == "ignored"
    )
