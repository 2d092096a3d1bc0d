# Two roles. The endpoint role is what SageMaker runs the endpoint's model and its monitoring jobs as: it reads the
# version's model, code and baseline from the build account's bucket (whose policy lets it) and writes captures and
# reports here. The deploy role is what CI's promotion does the serving with: only the build account's ci-promote role
# may assume it.

data "aws_iam_policy_document" "endpoint_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

resource "aws_iam_role" "endpoint" {
  name               = "${local.prefix}-endpoint"
  description        = "Runs the acme-churn-2 ${var.stage} endpoint's model and its monitoring jobs."
  assume_role_policy = data.aws_iam_policy_document.endpoint_trust.json
}

data "aws_iam_policy_document" "endpoint" {
  source_policy_documents = data.aws_iam_policy_document.key_use[*].json

  statement {
    sid       = "BuildAccountVersions"
    actions   = ["s3:GetObject"]
    resources = [for folder in ["models", "code", "runs"] : "arn:${local.partition}:s3:::${local.build_bucket}/${local.key_prefix}/${folder}/*"]
  }

  dynamic "statement" {
    for_each = var.build_kms_key_arn == null ? [] : [var.build_kms_key_arn]

    content {
      sid       = "BuildAccountKey"
      actions   = ["kms:Decrypt", "kms:DescribeKey"]
      resources = [statement.value]
    }
  }

  statement {
    sid       = "CapturesAndReports"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"]
    resources = ["${aws_s3_bucket.serving.arn}/${local.key_prefix}/*"]
  }

  statement {
    sid       = "ServingBucket"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [aws_s3_bucket.serving.arn]
  }

  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["arn:${local.partition}:logs:${var.region}:${local.account}:log-group:/aws/sagemaker/*"]
  }

  statement {
    sid       = "FrameworkImages"
    actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
    resources = [for repository in ["sagemaker-scikit-learn", "sagemaker-xgboost", "sagemaker-model-monitor-analyzer"] : "arn:${local.partition}:ecr:${var.region}:*:repository/${repository}"]
  }

  # ECR's token call and CloudWatch's metric call take no resource ARN; their actions are the only ones here.
  statement {
    sid       = "ImageToken"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "Metrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]

    condition {
      test     = "StringLike"
      variable = "cloudwatch:namespace"
      values   = ["/aws/sagemaker/*", "aws/sagemaker/*"]
    }
  }
}

resource "aws_iam_role_policy" "endpoint" {
  name   = "endpoint"
  role   = aws_iam_role.endpoint.id
  policy = data.aws_iam_policy_document.endpoint.json
}

# Trusts the build account only for its ci-promote role (by ARN in a condition, so this stack can be applied before
# the build stack makes that role).
data "aws_iam_policy_document" "deploy_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${var.build_account_id}:root"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = [local.build_promote_role]
    }
  }
}

resource "aws_iam_role" "deploy" {
  name               = "${local.prefix}-deploy"
  description        = "Assumed by the acme-churn-2 build account's promotion to serve approved versions on ${local.endpoint}."
  assume_role_policy = data.aws_iam_policy_document.deploy_trust.json
}

data "aws_iam_policy_document" "deploy" {
  source_policy_documents = data.aws_iam_policy_document.key_use[*].json

  # steps/deploy.py: the versions in the build account's registry, which lets this account read them.
  statement {
    sid     = "ReadApprovedPackages"
    actions = ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages", "sagemaker:DescribeModelPackageGroup"]
    resources = [
      "arn:${local.partition}:sagemaker:${var.region}:${var.build_account_id}:model-package-group/${local.model_package_group}",
      "arn:${local.partition}:sagemaker:${var.region}:${var.build_account_id}:model-package/${local.model_package_group}/*",
    ]
  }

  # steps/monitor.py: the version's baseline constraints in the build account's bucket, for the drift alarm.
  statement {
    sid       = "BuildAccountBaselines"
    actions   = ["s3:GetObject"]
    resources = ["arn:${local.partition}:s3:::${local.build_bucket}/${local.key_prefix}/runs/*"]
  }

  dynamic "statement" {
    for_each = var.build_kms_key_arn == null ? [] : [var.build_kms_key_arn]

    content {
      sid       = "BuildAccountKey"
      actions   = ["kms:Decrypt", "kms:DescribeKey"]
      resources = [statement.value]
    }
  }

  statement {
    sid = "ServeOnTheEndpoint"
    actions = [
      "sagemaker:CreateModel", "sagemaker:DescribeModel",
      "sagemaker:CreateEndpointConfig", "sagemaker:DescribeEndpointConfig",
      "sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:DescribeEndpoint",
    ]
    resources = [
      "${local.sagemaker_arn}:model/${local.endpoint}-v*",
      "${local.sagemaker_arn}:endpoint-config/${local.endpoint}-v*",
      "${local.sagemaker_arn}:endpoint/${local.endpoint}",
    ]
  }

  # The smoke test after a deployment.
  statement {
    sid       = "SmokeTest"
    actions   = ["sagemaker:InvokeEndpoint"]
    resources = ["${local.sagemaker_arn}:endpoint/${local.endpoint}"]
  }

  # The bucket's default encryption, which deploy.py and monitor.py read.
  statement {
    sid       = "ReadBucket"
    actions   = ["s3:ListBucket", "s3:GetEncryptionConfiguration"]
    resources = [aws_s3_bucket.serving.arn]
  }

  # steps/monitor.py: the endpoint's data-quality schedule and its version's job definitions, run as the endpoint role.
  statement {
    sid = "MonitorTheEndpoint"
    actions = [
      "sagemaker:CreateDataQualityJobDefinition", "sagemaker:DescribeDataQualityJobDefinition",
      "sagemaker:CreateMonitoringSchedule", "sagemaker:UpdateMonitoringSchedule", "sagemaker:DescribeMonitoringSchedule",
    ]
    resources = [
      "${local.sagemaker_arn}:data-quality-job-definition/${local.endpoint}-*",
      "${local.sagemaker_arn}:monitoring-schedule/${local.endpoint}-*",
    ]
  }

  statement {
    sid       = "DriftAlarm"
    actions   = ["cloudwatch:PutMetricAlarm"]
    resources = ["arn:${local.partition}:cloudwatch:${var.region}:${local.account}:alarm:${local.endpoint}-data-drift*"]
  }

  # steps/monitor.py: target-tracking autoscaling (see the build stack's ci.tf for why these resources).
  statement {
    sid       = "ScaleTheEndpoint"
    actions   = ["sagemaker:UpdateEndpointWeightsAndCapacities"]
    resources = ["${local.sagemaker_arn}:endpoint/${local.endpoint}"]
  }

  statement {
    sid       = "ScalingPolicies"
    actions   = ["application-autoscaling:RegisterScalableTarget", "application-autoscaling:PutScalingPolicy"]
    resources = ["arn:${local.partition}:application-autoscaling:${var.region}:${local.account}:scalable-target/*"]
  }

  statement {
    sid       = "ReadScaling"
    actions   = ["application-autoscaling:DescribeScalableTargets", "application-autoscaling:DescribeScalingPolicies", "cloudwatch:DescribeAlarms"]
    resources = ["*"]
  }

  statement {
    sid       = "ScalingAlarms"
    actions   = ["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms"]
    resources = ["arn:${local.partition}:cloudwatch:${var.region}:${local.account}:alarm:TargetTracking*"]
  }

  statement {
    sid       = "ScalingServiceRole"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["arn:${local.partition}:iam::${local.account}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint"]

    condition {
      test     = "StringLike"
      variable = "iam:AWSServiceName"
      values   = ["sagemaker.application-autoscaling.amazonaws.com"]
    }
  }

  statement {
    sid       = "PassEndpointRole"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.endpoint.arn]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "deploy" {
  name   = "deploy"
  role   = aws_iam_role.deploy.id
  policy = data.aws_iam_policy_document.deploy.json
}
