"""Start the pipeline for new data and on the schedule, with InputData naming the data version.

SageMaker reuses a cached step when the step's arguments are unchanged, and the Clean step's argument is the
URI in InputData, not the objects under it: executions that always read PREFIX/data/ would reuse the first
run's results however much new data arrived. So every execution this function starts names its data:

- new data (an S3 "Object Created" event under PREFIX/data/): the version folder the object is in,
  PREFIX/data/VERSION/, or the object itself when it lies directly under PREFIX/data/;
- the schedule: the newest version folder (folder names sort by time, such as 2025-06-01/), or all of
  PREFIX/data/ when there are no folders (then an unchanged URI reuses the cache, as it should for no new data).

Put each data version in a new folder (or under a new key): a version overwritten in place keeps its URI,
and SageMaker would reuse the cached steps for it. The infrastructure stack packs this file into the function
its two rules call (PIPELINE_NAME, DATA_PREFIX=s3://BUCKET/PREFIX/data/).
"""

from __future__ import annotations

import os
import re
from typing import Any

from common import StepError, logger

log = logger("trigger")


def split(uri: str) -> tuple[str, str]:
    match = re.fullmatch(r"s3://([^/]+)/(.*)", uri)
    if not match:
        raise StepError(f"{uri} is not an s3://BUCKET/KEY URI")
    return match.group(1), match.group(2)


def input_for_object(data_prefix: str, bucket: str, key: str) -> str | None:
    """The data version an object belongs to: its folder under the data prefix, or the object itself."""
    prefix_bucket, prefix = split(data_prefix)
    if bucket != prefix_bucket or not key.startswith(prefix) or key == prefix or key.endswith("/"):
        return None
    rest = key[len(prefix) :]
    version = rest.split("/", 1)[0]
    return f"s3://{bucket}/{prefix}{version}/" if "/" in rest else f"s3://{bucket}/{key}"


def newest_version(s3: Any, data_prefix: str) -> str:
    """The newest version folder under the data prefix (the greatest name), or the whole prefix if none."""
    bucket, prefix = split(data_prefix)
    folders = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix, Delimiter="/"):
        folders += [item["Prefix"] for item in page.get("CommonPrefixes", [])]
    return f"s3://{bucket}/{max(folders)}" if folders else data_prefix


# context is Lambda's; the handler does not use it.
def handler(event: dict[str, Any], context: Any, sagemaker: Any = None, s3: Any = None) -> dict[str, str]:
    data_prefix = os.environ["DATA_PREFIX"]
    pipeline = os.environ["PIPELINE_NAME"]
    if event.get("source") == "aws.s3":
        detail = event.get("detail") or {}
        uri = input_for_object(
            data_prefix, (detail.get("bucket") or {}).get("name", ""), (detail.get("object") or {}).get("key", "")
        )
        if uri is None:
            log.info("ignored: %s is not a data object under %s", detail, data_prefix)
            return {"status": "ignored", "reason": "not a data object"}
        reason = "new data"
    elif event.get("detail-type") == "Scheduled Event":
        if s3 is None:
            import boto3

            s3 = boto3.client("s3")
        uri = newest_version(s3, data_prefix)
        reason = "schedule"
    else:
        return {"status": "ignored", "reason": "neither new data nor the schedule"}
    if sagemaker is None:
        import boto3

        sagemaker = boto3.client("sagemaker")
    request = {
        "PipelineName": pipeline,
        "PipelineExecutionDescription": f"Started by {reason} for {uri}",
        "PipelineParameters": [{"Name": "InputData", "Value": uri}],
    }
    if re.fullmatch(r"[0-9a-f-]{32,128}", event.get("id", "")):
        # A retried event starts no second execution.
        request["ClientRequestToken"] = event["id"]
    execution = sagemaker.start_pipeline_execution(**request)["PipelineExecutionArn"]
    log.info("started %s for %s: InputData=%s", execution, reason, uri)
    return {"status": "started", "execution": execution, "inputData": uri}
