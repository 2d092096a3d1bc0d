import io
import json
from datetime import datetime

import pytest
from botocore.response import StreamingBody
from botocore.stub import ANY, Stubber
from test_deploy import ROLE, endpoint, stubbed

from common import StepError
from monitor import main, monitor

REPORTS = "s3://churn-123456789012-us-east-1-ml/churn/monitoring"
IMAGE = "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer"
HOURLY = "cron(0 * ? * * *)"
SCHEDULE_ARN = "arn:aws:sagemaker:us-east-1:123456789012:monitoring-schedule/churn-data-quality"
JOB_DEFINITIONS = "arn:aws:sagemaker:us-east-1:123456789012:data-quality-job-definition"


def package_arn(version):
    return f"arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/{version}"


def baseline(version):
    return {
        "Statistics": {"ContentType": "application/json", "S3Uri": f"s3://b/churn/runs/v{version}/statistics.json"},
        "Constraints": {"ContentType": "application/json", "S3Uri": f"s3://b/churn/runs/v{version}/constraints.json"},
    }


@pytest.fixture
def client():
    return stubbed("sagemaker")


@pytest.fixture
def autoscaling():
    return stubbed("application-autoscaling")


def serving(stub, version=3, capture=True, with_baseline=True, described=False):
    """What the endpoint serves: its configuration (capturing or not), its model and the model package version."""
    if not described:
        endpoint(stub, "InService", config=f"churn-v{version}-capture20")
    config = {
        "EndpointConfigName": f"churn-v{version}-capture20",
        "EndpointConfigArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn",
        "ProductionVariants": [
            {"VariantName": "AllTraffic", "ModelName": f"churn-v{version}", "InstanceType": "ml.m5.large"}
        ],
        "CreationTime": datetime(2026, 1, 1),
    }
    if capture:
        config["DataCaptureConfig"] = {
            "EnableCapture": True,
            "InitialSamplingPercentage": 20,
            "DestinationS3Uri": "s3://b/churn/data-capture",
            "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],
        }
    stub.add_response("describe_endpoint_config", config, {"EndpointConfigName": f"churn-v{version}-capture20"})
    stub.add_response(
        "describe_model",
        {
            "ModelName": f"churn-v{version}",
            "PrimaryContainer": {"ModelPackageName": package_arn(version)},
            "CreationTime": datetime(2026, 1, 1),
            "ModelArn": f"arn:aws:sagemaker:us-east-1:123456789012:model/churn-v{version}",
            "ExecutionRoleArn": ROLE,
        },
        {"ModelName": f"churn-v{version}"},
    )
    package = {
        "ModelPackageName": "churn-models",
        "ModelPackageGroupName": "churn-models",
        "ModelPackageArn": package_arn(version),
        "CreationTime": datetime(2026, 1, 1),
        "ModelPackageStatus": "Completed",
        "ModelApprovalStatus": "Approved",
        "ModelPackageStatusDetails": {"ValidationStatuses": []},
    }
    if with_baseline:
        package["DriftCheckBaselines"] = {"ModelDataQuality": baseline(version)}
    stub.add_response("describe_model_package", package, {"ModelPackageName": package_arn(version)})


def scales(stub, minimum=1, maximum=2, per_instance=200.0):
    resource = {
        "ServiceNamespace": "sagemaker",
        "ResourceId": "endpoint/churn/variant/AllTraffic",
        "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
    }
    stub.add_response("register_scalable_target", {}, {**resource, "MinCapacity": minimum, "MaxCapacity": maximum})
    stub.add_response(
        "put_scaling_policy",
        {"PolicyARN": "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1", "Alarms": []},
        {
            **resource,
            "PolicyName": "churn-invocations",
            "PolicyType": "TargetTrackingScaling",
            "TargetTrackingScalingPolicyConfiguration": {
                "TargetValue": per_instance,
                "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"},
                "ScaleInCooldown": 300,
                "ScaleOutCooldown": 60,
            },
        },
    )


def job_definition(stub, version=3, key=None, name=None):
    """The data-quality job definition of a version: not there yet, then created with that version's baseline (and the
    KMS key of its volume and reports, when given)."""
    name = name or f"churn-dq-v{version}"
    stub.add_client_error("describe_data_quality_job_definition", "ResourceNotFound", "not found")
    stub.add_response(
        "create_data_quality_job_definition",
        {"JobDefinitionArn": f"{JOB_DEFINITIONS}/{name}"},
        {
            "JobDefinitionName": name,
            "DataQualityBaselineConfig": {
                "ConstraintsResource": {"S3Uri": baseline(version)["Constraints"]["S3Uri"]},
                "StatisticsResource": {"S3Uri": baseline(version)["Statistics"]["S3Uri"]},
            },
            "DataQualityAppSpecification": {
                "ImageUri": IMAGE,
                "Environment": {"publish_cloudwatch_metrics": "Enabled"},
            },
            "DataQualityJobInput": {
                "EndpointInput": {
                    "EndpointName": "churn",
                    "LocalPath": "/opt/ml/processing/input/endpoint",
                    "S3InputMode": "File",
                    "S3DataDistributionType": "FullyReplicated",
                }
            },
            "DataQualityJobOutputConfig": {
                "MonitoringOutputs": [
                    {
                        "S3Output": {
                            "S3Uri": REPORTS + "/churn",
                            "LocalPath": "/opt/ml/processing/output",
                            "S3UploadMode": "EndOfJob",
                        }
                    }
                ],
                **({"KmsKeyId": key} if key else {}),
            },
            "JobResources": {
                "ClusterConfig": {
                    "InstanceCount": 1,
                    "InstanceType": "ml.m5.large",
                    "VolumeSizeInGB": 20,
                    **({"VolumeKmsKeyId": key} if key else {}),
                }
            },
            "RoleArn": ROLE,
            "StoppingCondition": {"MaxRuntimeInSeconds": 1800},
        },
    )


def schedule_config(version, expression=HOURLY, name=None):
    return {
        "ScheduleConfig": {"ScheduleExpression": expression},
        "MonitoringJobDefinitionName": name or f"churn-dq-v{version}",
        "MonitoringType": "DataQuality",
    }


def existing_schedule(stub, version, expression=HOURLY):
    stub.add_response(
        "describe_monitoring_schedule",
        {
            "MonitoringScheduleArn": SCHEDULE_ARN,
            "MonitoringScheduleName": "churn-data-quality",
            "MonitoringScheduleStatus": "Scheduled",
            "CreationTime": datetime(2026, 1, 1),
            "LastModifiedTime": datetime(2026, 1, 1),
            "MonitoringScheduleConfig": schedule_config(version, expression),
        },
        {"MonitoringScheduleName": "churn-data-quality"},
    )


def test_scales_the_endpoint_and_checks_its_requests_against_the_served_versions_baseline(client, autoscaling):
    with Stubber(client) as stub, Stubber(autoscaling) as scaling:
        serving(stub)
        scales(scaling)
        job_definition(stub)
        stub.add_client_error("describe_monitoring_schedule", "ResourceNotFound", "not found")
        stub.add_response(
            "create_monitoring_schedule",
            {"MonitoringScheduleArn": SCHEDULE_ARN},
            {"MonitoringScheduleName": "churn-data-quality", "MonitoringScheduleConfig": schedule_config(3)},
        )

        assert monitor(client, autoscaling, "churn", ROLE, REPORTS, "us-east-1") == "created"
        stub.assert_no_pending_responses()
        scaling.assert_no_pending_responses()


def test_a_new_version_moves_the_schedule_to_its_own_baseline(client, autoscaling):
    with Stubber(client) as stub, Stubber(autoscaling) as scaling:
        serving(stub, version=4)
        scales(scaling, minimum=2, maximum=6, per_instance=750.0)
        job_definition(stub, version=4)
        existing_schedule(stub, version=3)
        stub.add_response(
            "update_monitoring_schedule",
            {"MonitoringScheduleArn": SCHEDULE_ARN},
            {"MonitoringScheduleName": "churn-data-quality", "MonitoringScheduleConfig": schedule_config(4)},
        )

        assert monitor(client, autoscaling, "churn", ROLE, REPORTS, "us-east-1", 2, 6, 750) == "updated"
        stub.assert_no_pending_responses()


def test_running_again_changes_nothing_but_the_scaling_bounds_it_sets_again(client, autoscaling):
    with Stubber(client) as stub, Stubber(autoscaling) as scaling:
        serving(stub)
        scales(scaling)
        stub.add_response(
            "describe_data_quality_job_definition",
            {
                "JobDefinitionArn": "arn:aws:sagemaker:us-east-1:123456789012:data-quality-job-definition/churn-dq-v3",
                "JobDefinitionName": "churn-dq-v3",
                "CreationTime": datetime(2026, 1, 1),
                "DataQualityAppSpecification": {"ImageUri": IMAGE},
                "DataQualityJobInput": {
                    "EndpointInput": {"EndpointName": "churn", "LocalPath": "/opt/ml/processing/input/endpoint"}
                },
                "DataQualityJobOutputConfig": {
                    "MonitoringOutputs": [
                        {"S3Output": {"S3Uri": REPORTS + "/churn", "LocalPath": "/opt/ml/processing/output"}}
                    ]
                },
                "JobResources": {
                    "ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 20}
                },
                "RoleArn": ROLE,
            },
            {"JobDefinitionName": "churn-dq-v3"},
        )
        existing_schedule(stub, version=3)

        assert monitor(client, autoscaling, "churn", ROLE, REPORTS, "us-east-1") == "unchanged"
        stub.assert_no_pending_responses()


def test_a_daily_schedule_replaces_an_hourly_one(client, autoscaling):
    with Stubber(client) as stub, Stubber(autoscaling) as scaling:
        serving(stub)
        scales(scaling)
        job_definition(stub)
        existing_schedule(stub, version=3)
        stub.add_response(
            "update_monitoring_schedule",
            {"MonitoringScheduleArn": SCHEDULE_ARN},
            {
                "MonitoringScheduleName": "churn-data-quality",
                "MonitoringScheduleConfig": schedule_config(3, "cron(0 0 ? * * *)"),
            },
        )

        assert monitor(client, autoscaling, "churn", ROLE, REPORTS, "us-east-1", every="daily") == "updated"


def test_a_version_without_a_baseline_is_refused_before_anything_changes(client, autoscaling):
    with Stubber(client) as stub, Stubber(autoscaling) as scaling:
        serving(stub, with_baseline=False)
        with pytest.raises(StepError, match=r"no data-quality baseline.*--schedule off"):
            monitor(client, autoscaling, "churn", ROLE, REPORTS, "us-east-1")
        scaling.assert_no_pending_responses()


def test_an_endpoint_without_capture_is_scaled_but_not_scheduled(client, autoscaling):
    with Stubber(client) as stub, Stubber(autoscaling) as scaling:
        serving(stub, capture=False, with_baseline=False)
        scales(scaling)

        assert monitor(client, autoscaling, "churn", ROLE, REPORTS, "us-east-1") is None
        stub.assert_no_pending_responses()
        scaling.assert_no_pending_responses()


def test_schedule_off_needs_no_analyzer_image_even_where_none_is_known(client, autoscaling):
    with Stubber(client) as stub, Stubber(autoscaling) as scaling:
        serving(stub)
        scales(scaling)

        assert monitor(client, autoscaling, "churn", ROLE, "", "il-central-1", every="off") is None
        stub.assert_no_pending_responses()


def test_an_image_uri_serves_a_region_without_a_known_analyzer(client, autoscaling):
    other = "123456789012.dkr.ecr.il-central-1.amazonaws.com/sagemaker-model-monitor-analyzer"
    with Stubber(client) as stub, Stubber(autoscaling) as scaling:
        serving(stub)
        scales(scaling)
        stub.add_client_error("describe_data_quality_job_definition", "ResourceNotFound", "not found")
        stub.add_response(
            "create_data_quality_job_definition",
            {"JobDefinitionArn": "arn:aws:sagemaker:il-central-1:123456789012:data-quality-job-definition/churn-dq-v3"},
        )
        stub.add_client_error("describe_monitoring_schedule", "ResourceNotFound", "not found")
        stub.add_response("create_monitoring_schedule", {"MonitoringScheduleArn": "arn:x"})

        monitor(client, autoscaling, "churn", ROLE, REPORTS, "il-central-1", image=other)
        stub.assert_no_pending_responses()


def test_waits_for_an_endpoint_that_is_still_being_created(client, autoscaling):
    clock = []

    with Stubber(client) as stub, Stubber(autoscaling) as scaling:
        endpoint(stub, "Creating", config="churn-v3-capture20")
        endpoint(stub, "InService", config="churn-v3-capture20")
        serving(stub, capture=False, with_baseline=False, described=True)
        scales(scaling)

        monitor(
            client,
            autoscaling,
            "churn",
            ROLE,
            REPORTS,
            "us-east-1",
            poll_seconds=30,
            sleep=clock.append,
            clock=lambda: 0.0,
        )
        assert clock == [30]


@pytest.mark.parametrize(
    ("status", "says"),
    [("Failed", "endpoint churn is Failed, not InService"), ("OutOfService", "is OutOfService, not InService")],
)
def test_an_endpoint_that_is_not_in_service_is_not_touched(client, autoscaling, status, says):
    with Stubber(client) as stub, Stubber(autoscaling):
        endpoint(stub, status, config="churn-v3-capture20")
        with pytest.raises(StepError, match=says):
            monitor(client, autoscaling, "churn", ROLE, REPORTS, "us-east-1")


def test_a_missing_endpoint_names_the_fix(client, autoscaling):
    with Stubber(client) as stub, Stubber(autoscaling):
        stub.add_client_error("describe_endpoint", "ValidationException", "Could not find endpoint")
        with pytest.raises(StepError, match=r"missing, not InService; deploy it first \(steps/deploy.py\)"):
            monitor(client, autoscaling, "churn", ROLE, REPORTS, "us-east-1")


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        ({"minimum": 0}, "give at least 1 as --min-instances"),
        ({"minimum": 3, "maximum": 2}, "bounds are 3 to 2"),
        ({"per_instance": 0}, "--invocations-per-instance is 0"),
        ({"every": "weekly"}, "--schedule is weekly; give hourly, daily or off"),
        ({"reports_uri": "churn/monitoring"}, "--reports-uri must be an S3 URI"),
        ({"region": "il-central-1"}, "no known Model Monitor analyzer image in il-central-1.*--image-uri"),
    ],
)
def test_bad_settings_are_refused_before_any_call(client, autoscaling, arguments, says):
    settings = {"reports_uri": REPORTS, "region": "us-east-1", **arguments}
    with Stubber(client), Stubber(autoscaling), pytest.raises(StepError, match=says):
        monitor(client, autoscaling, "churn", ROLE, **settings)


def test_the_command_line_reaches_the_same_calls(client, autoscaling, monkeypatch):
    monkeypatch.delenv("MLPIPELINE_KMS_KEY_ARN", raising=False)
    with Stubber(client) as stub, Stubber(autoscaling) as scaling:
        serving(stub, capture=False, with_baseline=False)
        scales(scaling, minimum=1, maximum=4, per_instance=300.0)

        main(
            [
                "--endpoint-name", "churn", "--role-arn", ROLE, "--reports-uri", REPORTS, "--region", "us-east-1",
                "--max-instances", "4", "--invocations-per-instance", "300",
            ],
            client=client,
            autoscaling=autoscaling,
        )  # fmt: skip
        scaling.assert_no_pending_responses()


def test_with_the_stacks_key_the_monitoring_jobs_encrypt_their_volume_and_reports_with_it(
    client, autoscaling, monkeypatch
):
    key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    monkeypatch.setenv("MLPIPELINE_KMS_KEY_ARN", key)
    # A job definition cannot change: the key is part of its name, so turning encryption on makes a new one.
    name = "churn-dq-v3-k7ac1cf39"
    with Stubber(client) as stub, Stubber(autoscaling) as scaling:
        serving(stub)
        scales(scaling)
        job_definition(stub, key=key, name=name)
        existing_schedule(stub, version=3)
        stub.add_response(
            "update_monitoring_schedule",
            {"MonitoringScheduleArn": SCHEDULE_ARN},
            {"MonitoringScheduleName": "churn-data-quality", "MonitoringScheduleConfig": schedule_config(3, name=name)},
        )

        arguments = ["--endpoint-name", "churn", "--role-arn", ROLE, "--reports-uri", REPORTS, "--region", "us-east-1"]
        assert main(arguments, client=client, autoscaling=autoscaling) == "updated"
        stub.assert_no_pending_responses()


def test_the_analyzer_image_of_a_china_region_is_in_its_own_domain():
    from monitor import analyzer_image

    assert (
        analyzer_image("cn-north-1")
        == "453000072557.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-model-monitor-analyzer"
    )


TOPIC = "arn:aws:sns:us-east-1:123456789012:churn-alarms"


def constraints(stub, features, threshold=0.1, version=3):
    """GetObject of a version's constraints.json: its features and Model Monitor's comparison threshold."""
    body = json.dumps(
        {
            "version": 0,
            "features": [{"name": name, "inferred_type": "Fractional"} for name in features],
            "monitoring_config": {"distribution_constraints": {"comparison_threshold": threshold}},
        }
    ).encode()
    stub.add_response(
        "get_object",
        {"Body": StreamingBody(io.BytesIO(body), len(body))},
        {"Bucket": "b", "Key": f"churn/runs/v{version}/constraints.json"},
    )


def drift_alarm(stub, name, features, threshold=0.1, period=3600):
    metrics = [
        {
            "Id": f"m{i}",
            "MetricStat": {
                "Metric": {
                    "Namespace": "aws/sagemaker/Endpoints/data-metrics",
                    "MetricName": f"feature_baseline_drift_{feature}",
                    "Dimensions": [
                        {"Name": "Endpoint", "Value": "churn"},
                        {"Name": "MonitoringSchedule", "Value": "churn-data-quality"},
                    ],
                },
                "Period": period,
                "Stat": "Maximum",
            },
            "ReturnData": False,
        }
        for i, feature in enumerate(features)
    ]
    ids = ",".join(f"m{i}" for i in range(len(features)))
    metrics.append({"Id": "drift", "Expression": f"MAX([{ids}])", "Label": "largest feature drift", "ReturnData": True})
    stub.add_response(
        "put_metric_alarm",
        {},
        {
            "AlarmName": name,
            "AlarmDescription": ANY,
            "Metrics": metrics,
            "EvaluationPeriods": 1,
            "Threshold": threshold,
            "ComparisonOperator": "GreaterThanThreshold",
            "TreatMissingData": "notBreaching",
            "AlarmActions": [TOPIC],
            "OKActions": [TOPIC],
        },
    )


@pytest.fixture
def alarms():
    return stubbed("cloudwatch"), stubbed("s3")


def test_an_alarm_tells_the_topic_when_any_feature_drifts_past_the_baselines_threshold(client, autoscaling, alarms):
    cloudwatch, s3 = alarms
    with Stubber(client) as stub, Stubber(autoscaling) as scaling, Stubber(cloudwatch) as watch, Stubber(s3) as store:
        serving(stub)
        scales(scaling)
        constraints(store, ["tenure_months", "monthly_charges", "contract"], threshold=0.2)
        drift_alarm(
            watch, "churn-data-drift", ["tenure_months", "monthly_charges", "contract"], threshold=0.2, period=86400
        )
        job_definition(stub)
        existing_schedule(stub, version=3, expression="cron(0 0 ? * * *)")

        monitor(
            client,
            autoscaling,
            "churn",
            ROLE,
            REPORTS,
            "us-east-1",
            every="daily",
            alarm_topic=TOPIC,
            cloudwatch=cloudwatch,
            s3=s3,
        )
        watch.assert_no_pending_responses()
        store.assert_no_pending_responses()


def test_more_features_than_one_alarm_can_watch_make_more_alarms(client, autoscaling, alarms):
    cloudwatch, s3 = alarms
    features = [f"f{i}" for i in range(12)]
    with Stubber(client) as stub, Stubber(autoscaling) as scaling, Stubber(cloudwatch) as watch, Stubber(s3) as store:
        serving(stub)
        scales(scaling)
        constraints(store, features)
        drift_alarm(watch, "churn-data-drift-1", features[:10])
        drift_alarm(watch, "churn-data-drift-2", features[10:])
        job_definition(stub)
        existing_schedule(stub, version=3)

        monitor(
            client, autoscaling, "churn", ROLE, REPORTS, "us-east-1", alarm_topic=TOPIC, cloudwatch=cloudwatch, s3=s3
        )
        watch.assert_no_pending_responses()


def test_constraints_without_features_are_refused_before_any_schedule(client, autoscaling, alarms):
    cloudwatch, s3 = alarms
    with Stubber(client) as stub, Stubber(autoscaling) as scaling, Stubber(cloudwatch), Stubber(s3) as store:
        serving(stub)
        scales(scaling)
        constraints(store, [])
        with pytest.raises(StepError, match=r"constraints.json names no features"):
            monitor(
                client,
                autoscaling,
                "churn",
                ROLE,
                REPORTS,
                "us-east-1",
                alarm_topic=TOPIC,
                cloudwatch=cloudwatch,
                s3=s3,
            )
        stub.assert_no_pending_responses()


def test_an_alarm_topic_that_is_not_an_arn_is_refused_before_any_call(client, autoscaling):
    with Stubber(client), Stubber(autoscaling), pytest.raises(
        StepError, match="--alarm-topic-arn must be an SNS topic ARN"
    ):
        monitor(client, autoscaling, "churn", ROLE, REPORTS, "us-east-1", alarm_topic="churn-alarms")
