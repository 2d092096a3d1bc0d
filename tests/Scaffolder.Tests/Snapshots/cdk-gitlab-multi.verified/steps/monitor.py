"""Monitor: scale a deployed endpoint with its traffic, and check what it receives against its model's baseline.

Run after deploy.py, for the endpoint it served. Idempotent; it reads what the endpoint serves from the endpoint
itself (its configuration, model and model package version), so it always monitors the version that is live.

- Autoscaling: the AllTraffic variant scales between --min-instances and --max-instances, tracking
  --invocations-per-instance (requests per instance per minute, SageMakerVariantInvocationsPerInstance).
- Data quality (when the endpoint captures data): a monitoring schedule, ENDPOINT-data-quality, runs Model Monitor's
  analyzer --schedule (hourly or daily) over the captured requests and compares them with the baseline registered
  with the version (DriftCheckBaselines.ModelDataQuality, from the pipeline's Baseline step). Each version gets a job
  definition of its own (ENDPOINT-dq-vN): deploying another version moves the schedule to that version's baseline.
  Reports go under --reports-uri/ENDPOINT, and each run publishes each feature's drift to CloudWatch. With
  --alarm-topic-arn, an alarm (ENDPOINT-data-drift) tells that topic when any feature of the baseline's constraints
  drifts past their comparison threshold.
  --schedule off leaves scheduling out: AWS closed Model Monitor to new customers, and an account that never used it
  cannot create schedules.
- Encryption: the monitoring jobs' volumes and reports are encrypted with the customer-managed KMS key the reports'
  bucket encrypts with by default (the stack's key, when it has one), or with --kms-key-arn / MLPIPELINE_KMS_KEY_ARN.

    python3 steps/monitor.py --endpoint-name NAME --role-arn ROLE --reports-uri S3_URI
                             [--min-instances 1] [--max-instances 2] [--invocations-per-instance 200]
                             [--schedule hourly|daily|off] [--instance-type ml.m5.large] [--image-uri URI]
                             [--alarm-topic-arn ARN] [--kms-key-arn ARN]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from typing import Any, Callable

from common import StepError, logger, run
from deploy import (
    BASELINE_PARTS,
    add_kms_key_argument,
    data_quality_baseline,
    exists,
    has_local_storage,
    keyed,
    kms_key_of,
    settled,
)

log = logger("monitor")

VARIANT = "AllTraffic"
SCHEDULES = {"hourly": "cron(0 * ? * * *)", "daily": "cron(0 0 ? * * *)"}
PERIODS = {"hourly": 3600, "daily": 86400}
# Where Model Monitor's analyzer publishes each feature's drift from the baseline (feature_baseline_drift_NAME).
DRIFT_NAMESPACE = "aws/sagemaker/Endpoints/data-metrics"
# CloudWatch takes at most 10 metrics in one alarm's math: more features make more alarms.
METRICS_PER_ALARM = 10

# Model Monitor's analyzer image: the registry account of each region (the SageMaker Python SDK's
# image_uri_config/model-monitor.json, version 1). Elsewhere, give --image-uri.
ANALYZER_REGISTRIES = {
    "ap-east-1": "001633400207",
    "ap-northeast-1": "574779866223",
    "ap-northeast-2": "709848358524",
    "ap-south-1": "126357580389",
    "ap-southeast-1": "245545462676",
    "ap-southeast-2": "563025443158",
    "ca-central-1": "536280801234",
    "cn-north-1": "453000072557",
    "cn-northwest-1": "453252182341",
    "eu-central-1": "048819808253",
    "eu-north-1": "895015795356",
    "eu-west-1": "468650794304",
    "eu-west-2": "749857270468",
    "eu-west-3": "680080141114",
    "me-south-1": "607024016150",
    "sa-east-1": "539772159869",
    "us-east-1": "156813124566",
    "us-east-2": "777275614652",
    "us-west-1": "890145073186",
    "us-west-2": "159807026194",
}


def analyzer_image(region: str) -> str:
    account = ANALYZER_REGISTRIES.get(region)
    if account is None:
        raise StepError(
            f"no known Model Monitor analyzer image in {region}; give its URI with --image-uri "
            "(ACCOUNT.dkr.ecr.REGION.amazonaws.com/sagemaker-model-monitor-analyzer), or --schedule off"
        )
    domain = "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"
    return f"{account}.dkr.ecr.{region}.{domain}/sagemaker-model-monitor-analyzer"


def served(client: Any, endpoint: str, current: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """The model package ARN the endpoint (described as `current`) serves, that version's description, and the
    endpoint's configuration."""
    config = client.describe_endpoint_config(EndpointConfigName=current["EndpointConfigName"])
    variant = next((v for v in config["ProductionVariants"] if v["VariantName"] == VARIANT), None)
    if variant is None:
        raise StepError(f"endpoint {endpoint} has no {VARIANT} variant; it was not deployed by steps/deploy.py")
    model = client.describe_model(ModelName=variant["ModelName"])
    arn = (model.get("PrimaryContainer") or {}).get("ModelPackageName")
    if not arn:
        raise StepError(f"endpoint {endpoint} serves {variant['ModelName']}, which is not a model package version")
    return arn, client.describe_model_package(ModelPackageName=arn), config


def check_scaling(minimum: int, maximum: int, per_instance: int) -> None:
    if minimum < 1 or maximum < minimum:
        raise StepError(
            f"the instance bounds are {minimum} to {maximum}; give at least 1 as --min-instances "
            "and a --max-instances no smaller than it"
        )
    if per_instance < 1:
        raise StepError(
            f"--invocations-per-instance is {per_instance}; give the requests per instance per minute, at least 1"
        )


def scale(autoscaling: Any, endpoint: str, minimum: int, maximum: int, per_instance: int) -> None:
    """Target-tracking autoscaling of the endpoint's variant on invocations per instance."""
    resource = f"endpoint/{endpoint}/variant/{VARIANT}"
    dimension = "sagemaker:variant:DesiredInstanceCount"
    autoscaling.register_scalable_target(
        ServiceNamespace="sagemaker",
        ResourceId=resource,
        ScalableDimension=dimension,
        MinCapacity=minimum,
        MaxCapacity=maximum,
    )
    autoscaling.put_scaling_policy(
        PolicyName=f"{endpoint}-invocations",
        ServiceNamespace="sagemaker",
        ResourceId=resource,
        ScalableDimension=dimension,
        PolicyType="TargetTrackingScaling",
        TargetTrackingScalingPolicyConfiguration={
            "TargetValue": float(per_instance),
            "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"},
            "ScaleInCooldown": 300,
            "ScaleOutCooldown": 60,
        },
    )
    log.info(
        "%s scales from %d to %d instances at %d invocations per instance", endpoint, minimum, maximum, per_instance
    )


def baseline_of(package: dict[str, Any], arn: str) -> tuple[str, str]:
    """The version's baseline statistics and constraints URIs, or a StepError naming the fix."""
    baseline = data_quality_baseline(package)
    if len(baseline) < len(BASELINE_PARTS):
        raise StepError(
            f"{arn} has no data-quality baseline (DriftCheckBaselines.ModelDataQuality); register the model from a "
            "pipeline run, whose Baseline step writes it, or run with --schedule off"
        )
    return baseline["Statistics"], baseline["Constraints"]


def schedule_name(endpoint: str) -> str:
    return f"{endpoint}-data-quality"[:63]


def schedule(
    client: Any,
    endpoint: str,
    arn: str,
    baseline: tuple[str, str],
    role_arn: str,
    reports_uri: str,
    image: str,
    expression: str,
    instance_type: str,
    kms_key: str | None = None,
) -> str:
    """Points ENDPOINT-data-quality at this version's baseline (statistics and constraints URIs); returns
    'unchanged', 'created' or 'updated'. With kms_key, the jobs' volumes and reports are encrypted with that key."""
    statistics, constraints = baseline
    version = arn.rsplit("/", 1)[-1]
    definition = keyed(f"{endpoint}-dq-v{version}", kms_key)
    name = schedule_name(endpoint)
    if not exists(client.describe_data_quality_job_definition, JobDefinitionName=definition):
        report = {"S3Uri": f"{reports_uri.rstrip('/')}/{endpoint}", "LocalPath": "/opt/ml/processing/output"}
        output: dict[str, Any] = {"MonitoringOutputs": [{"S3Output": {**report, "S3UploadMode": "EndOfJob"}}]}
        if kms_key:
            output["KmsKeyId"] = kms_key
        client.create_data_quality_job_definition(
            JobDefinitionName=definition,
            DataQualityBaselineConfig={
                "ConstraintsResource": {"S3Uri": constraints},
                "StatisticsResource": {"S3Uri": statistics},
            },
            DataQualityAppSpecification={"ImageUri": image, "Environment": {"publish_cloudwatch_metrics": "Enabled"}},
            DataQualityJobInput={
                "EndpointInput": {
                    "EndpointName": endpoint,
                    "LocalPath": "/opt/ml/processing/input/endpoint",
                    "S3InputMode": "File",
                    "S3DataDistributionType": "FullyReplicated",
                }
            },
            DataQualityJobOutputConfig=output,
            JobResources={
                "ClusterConfig": {
                    "InstanceCount": 1,
                    "InstanceType": instance_type,
                    "VolumeSizeInGB": 20,
                    **({"VolumeKmsKeyId": kms_key} if kms_key and not has_local_storage(instance_type) else {}),
                }
            },
            RoleArn=role_arn,
            StoppingCondition={"MaxRuntimeInSeconds": 1800},
        )
    config = {
        "ScheduleConfig": {"ScheduleExpression": expression},
        "MonitoringJobDefinitionName": definition,
        "MonitoringType": "DataQuality",
    }
    current = exists(client.describe_monitoring_schedule, MonitoringScheduleName=name)
    if current is None:
        client.create_monitoring_schedule(MonitoringScheduleName=name, MonitoringScheduleConfig=config)
        log.info("%s checks %s against the baseline of %s (%s)", name, endpoint, arn, expression)
        return "created"
    now = current.get("MonitoringScheduleConfig") or {}
    if (
        now.get("MonitoringJobDefinitionName") == definition
        and (now.get("ScheduleConfig") or {}).get("ScheduleExpression") == expression
    ):
        log.info("%s already checks %s against the baseline of %s", name, endpoint, arn)
        return "unchanged"
    client.update_monitoring_schedule(MonitoringScheduleName=name, MonitoringScheduleConfig=config)
    log.info("%s now checks %s against the baseline of %s (%s)", name, endpoint, arn, expression)
    return "updated"


def read_json(s3: Any, uri: str) -> Any:
    bucket, _, key = uri[len("s3://") :].partition("/")
    try:
        return json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
    except ValueError as error:
        raise StepError(f"{uri} is not JSON ({error}); register the model from a pipeline run again") from None


def drift_alarms(
    cloudwatch: Any, s3: Any, endpoint: str, name: str, constraints_uri: str, topic: str, period: int
) -> list[str]:
    """Alarms on the largest drift of any feature in the baseline's constraints past their comparison threshold, as
    Model Monitor's runs of the schedule `name` publish them; returns the alarm names."""
    constraints = read_json(s3, constraints_uri)
    features = [feature["name"] for feature in constraints.get("features", [])]
    if not features:
        raise StepError(f"{constraints_uri} names no features; register the model from a pipeline run again")
    threshold = float(
        ((constraints.get("monitoring_config") or {}).get("distribution_constraints") or {}).get(
            "comparison_threshold", 0.1
        )
    )
    groups = [features[i : i + METRICS_PER_ALARM] for i in range(0, len(features), METRICS_PER_ALARM)]
    names = []
    for number, group in enumerate(groups, start=1):
        alarm = f"{endpoint}-data-drift" + (f"-{number}" if len(groups) > 1 else "")
        metrics: list[dict[str, Any]] = [
            {
                "Id": f"m{i}",
                "MetricStat": {
                    "Metric": {
                        "Namespace": DRIFT_NAMESPACE,
                        "MetricName": f"feature_baseline_drift_{feature}",
                        "Dimensions": [
                            {"Name": "Endpoint", "Value": endpoint},
                            {"Name": "MonitoringSchedule", "Value": name},
                        ],
                    },
                    "Period": period,
                    "Stat": "Maximum",
                },
                "ReturnData": False,
            }
            for i, feature in enumerate(group)
        ]
        metrics.append(
            {
                "Id": "drift",
                "Expression": f"MAX([{','.join(m['Id'] for m in metrics)}])",
                "Label": "largest feature drift",
                "ReturnData": True,
            }
        )
        cloudwatch.put_metric_alarm(
            AlarmName=alarm,
            AlarmDescription=(
                f"A feature of what {endpoint} receives drifted from its model's baseline by more than {threshold} "
                f"({', '.join(group)})."
            ),
            Metrics=metrics,
            EvaluationPeriods=1,
            Threshold=threshold,
            ComparisonOperator="GreaterThanThreshold",
            TreatMissingData="notBreaching",
            AlarmActions=[topic],
            OKActions=[topic],
        )
        names.append(alarm)
    log.info("%s alarm(s) on data drift of %s: %s", len(names), endpoint, ", ".join(names))
    return names


def monitor(
    client: Any,
    autoscaling: Any,
    endpoint: str,
    role_arn: str,
    reports_uri: str,
    region: str,
    minimum: int = 1,
    maximum: int = 2,
    per_instance: int = 200,
    every: str = "hourly",
    instance_type: str = "ml.m5.large",
    image: str | None = None,
    wait_seconds: float = 1200,
    poll_seconds: float = 30,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    alarm_topic: str | None = None,
    cloudwatch: Any = None,
    s3: Any = None,
    kms_key: str | None = "",
) -> str | None:
    """Scales the endpoint and schedules its data-quality checks, with an alarm on drift to alarm_topic when given;
    returns what happened to the schedule (None: off). The monitoring jobs' volumes and reports are encrypted with
    kms_key (empty: no customer-managed key; None: the reports bucket's default key)."""
    check_scaling(minimum, maximum, per_instance)
    if every != "off" and every not in SCHEDULES:
        raise StepError(f"--schedule is {every}; give hourly, daily or off")
    if every != "off" and not reports_uri.startswith("s3://"):
        raise StepError(f"--reports-uri must be an S3 URI such as s3://BUCKET/PREFIX/monitoring, not {reports_uri}")
    if alarm_topic and not alarm_topic.startswith("arn:"):
        raise StepError(
            f"--alarm-topic-arn must be an SNS topic ARN such as arn:aws:sns:REGION:ACCOUNT:NAME, not {alarm_topic}"
        )
    image = image or (analyzer_image(region) if every != "off" else None)
    current = settled(client, endpoint, wait_seconds, poll_seconds, sleep, clock)
    if current is None or current["EndpointStatus"] != "InService":
        state = current["EndpointStatus"] if current else "missing"
        raise StepError(f"endpoint {endpoint} is {state}, not InService; deploy it first (steps/deploy.py)")
    arn, package, config = served(client, endpoint, current)
    capturing = bool((config.get("DataCaptureConfig") or {}).get("EnableCapture"))
    # Read (and refused when missing) before anything changes.
    baseline = baseline_of(package, arn) if every != "off" and capturing else None
    scale(autoscaling, endpoint, minimum, maximum, per_instance)
    if every == "off":
        log.info("no data-quality schedule for %s (--schedule off)", endpoint)
        return None
    if baseline is None:
        log.info("%s captures no data (deployed with --data-capture-percentage 0): no data-quality schedule", endpoint)
        return None
    if alarm_topic:
        drift_alarms(cloudwatch, s3, endpoint, schedule_name(endpoint), baseline[1], alarm_topic, PERIODS[every])
    key = kms_key_of(kms_key, reports_uri, s3)
    return schedule(
        client, endpoint, arn, baseline, role_arn, reports_uri, image or "", SCHEDULES[every], instance_type, key
    )


def main(
    argv: list[str] | None = None, client: Any = None, autoscaling: Any = None, cloudwatch: Any = None, s3: Any = None
) -> str | None:
    parser = argparse.ArgumentParser(description="Scale an endpoint and check its requests against its baseline.")
    parser.add_argument("--endpoint-name", required=True)
    parser.add_argument("--role-arn", required=True, help="the role the monitoring jobs run as")
    parser.add_argument("--reports-uri", required=True, help="where monitoring reports go: s3://BUCKET/PREFIX/...")
    parser.add_argument("--min-instances", type=int, default=1)
    parser.add_argument("--max-instances", type=int, default=2)
    parser.add_argument(
        "--invocations-per-instance",
        type=int,
        default=200,
        help="the requests per instance per minute autoscaling keeps the endpoint at",
    )
    parser.add_argument("--schedule", default="hourly", help="hourly, daily or off (no data-quality checks)")
    parser.add_argument("--instance-type", default="ml.m5.large", help="the instance the monitoring jobs run on")
    parser.add_argument("--image-uri", help="Model Monitor's analyzer image, for a region this script does not know")
    parser.add_argument(
        "--alarm-topic-arn",
        help="the SNS topic an alarm on data drift notifies (the stack's alarms topic); none: no alarm",
    )
    parser.add_argument(
        "--wait-seconds", type=int, default=1200, help="how long to wait for the endpoint to be InService"
    )
    add_kms_key_argument(parser, "the monitoring jobs' volumes and reports")
    parser.add_argument("--region", default=os.environ.get("AWS_REGION"))
    args = parser.parse_args(argv)
    if client is None or autoscaling is None or cloudwatch is None or s3 is None:
        import boto3

        client = client or boto3.client("sagemaker", region_name=args.region)
        autoscaling = autoscaling or boto3.client("application-autoscaling", region_name=args.region)
        cloudwatch = cloudwatch or boto3.client("cloudwatch", region_name=args.region)
        s3 = s3 or boto3.client("s3", region_name=args.region)
    return monitor(
        client,
        autoscaling,
        args.endpoint_name,
        args.role_arn,
        args.reports_uri,
        args.region or client.meta.region_name,
        args.min_instances,
        args.max_instances,
        args.invocations_per_instance,
        args.schedule,
        args.instance_type,
        args.image_uri,
        args.wait_seconds,
        alarm_topic=args.alarm_topic_arn,
        cloudwatch=cloudwatch,
        s3=s3,
        kms_key=args.kms_key_arn,
    )


if __name__ == "__main__":
    run(main, log)
