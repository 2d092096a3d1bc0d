import json

import pytest
from botocore.stub import Stubber
from test_deploy import stubbed

from common import StepError
from register import main, metadata

LINEAGE = {
    "RunId": "20260101-000000-abcdef",
    "DefinitionSha256": "d" * 64,
    "Python": {"Version": "3.11.2"},
    "Git": {"Commit": "c" * 40, "Dirty": False},
    "Steps": {
        "Clean": {"Inputs": [{"Name": "data", "Sha256": "a" * 64}]},
        "Train": {
            "ModelArtifact": {"Sha256": "m" * 64},
            "Code": {"Sha256": "b" * 64},
            "Framework": {"Name": "sklearn", "Version": "1.2-1"},
        },
    },
}


def test_metadata_names_data_code_model_framework_and_commit():
    properties = metadata(LINEAGE)

    assert properties["data_sha256"] == "a" * 64
    assert properties["code_sha256"] == "b" * 64
    assert properties["model_sha256"] == "m" * 64
    assert properties["framework"] == "sklearn-1.2-1"
    assert properties["git_dirty"] == "false"


def test_local_mode_adds_the_metadata_to_the_registry_entry(tmp_path):
    entry = tmp_path / "registry" / "models" / "0001.json"
    entry.parent.mkdir(parents=True)
    entry.write_text(
        json.dumps({"ModelApprovalStatus": "PendingManualApproval", "CustomerMetadataProperties": {"team": "risk"}})
    )
    lineage = tmp_path / "lineage.json"
    lineage.write_text(json.dumps(LINEAGE))

    main(
        [
            "local",
            "--registry",
            str(tmp_path / "registry"),
            "--group",
            "models",
            "--version",
            "1",
            "--lineage",
            str(lineage),
        ]
    )

    document = json.loads(entry.read_text())
    assert document["CustomerMetadataProperties"]["team"] == "risk"
    assert document["CustomerMetadataProperties"]["git_commit"] == "c" * 40
    assert document["ModelApprovalStatus"] == "PendingManualApproval"


def test_local_mode_reports_a_missing_version(tmp_path):
    lineage = tmp_path / "lineage.json"
    lineage.write_text(json.dumps(LINEAGE))

    with pytest.raises(StepError, match="no models version 3"):
        main(["local", "--registry", str(tmp_path), "--group", "models", "--version", "3", "--lineage", str(lineage)])


def test_sagemaker_mode_calls_update_model_package_with_the_metadata(tmp_path):
    lineage = tmp_path / "lineage.json"
    lineage.write_text(json.dumps(LINEAGE))
    client = stubbed("sagemaker")
    arn = "arn:aws:sagemaker:us-east-1:123456789012:model-package/models/1"
    with Stubber(client) as stub:
        stub.add_response(
            "update_model_package",
            {"ModelPackageArn": arn},
            {"ModelPackageArn": arn, "CustomerMetadataProperties": metadata(LINEAGE)},
        )

        main(["sagemaker", "--model-package-arn", arn, "--lineage", str(lineage)], client=client)

        stub.assert_no_pending_responses()
