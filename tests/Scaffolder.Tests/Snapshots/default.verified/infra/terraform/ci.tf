# The role CI assumes with OIDC, trusted only for this repository's main branch and its staging and production
# environments (give those environments required reviewers and limit them to main): a pull request gets no
# AWS role. It may publish code and definition under the project's prefix, start the pipeline, and promote
# Approved models to the staging and production endpoints (deploy.py refuses anything else). No stored keys.
# Changes to this stack itself are applied with a separate infrastructure role, not with this one.

locals {
  create_ci_role = var.repository != null

  oidc_issuer   = "token.actions.githubusercontent.com"
  oidc_audience = "sts.amazonaws.com"
  # GitHub's subject names the branch, or the environment when the job has one.
  oidc_subjects = var.repository == null ? [] : [for subject in ["ref:refs/heads/main", "environment:staging", "environment:production"] : "repo:${var.repository}:${subject}"]
}

resource "aws_iam_openid_connect_provider" "ci" {
  count = local.create_ci_role && var.oidc_provider_arn == null ? 1 : 0

  url            = "https://${local.oidc_issuer}"
  client_id_list = [local.oidc_audience]
}

data "aws_iam_policy_document" "ci_trust" {
  for_each = local.create_ci_role ? { deploy = local.oidc_subjects } : {}

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [coalesce(var.oidc_provider_arn, try(aws_iam_openid_connect_provider.ci[0].arn, null))]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:aud"
      values   = [local.oidc_audience]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:sub"
      values   = each.value
    }
  }
}

resource "aws_iam_role" "ci" {
  count = local.create_ci_role ? 1 : 0

  name               = "${local.prefix}-ci-deploy"
  description        = "Assumed by CI of ${var.repository} to deploy churn pipeline versions."
  assume_role_policy = data.aws_iam_policy_document.ci_trust["deploy"].json
}

data "aws_iam_policy_document" "ci" {
  source_policy_documents = data.aws_iam_policy_document.key_use[*].json

  statement {
    sid       = "PublishCodeAndDefinition"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.artifacts.arn}/${local.key_prefix}/*"]
  }

  # The listing of the prefix, and the bucket's default key that deploy.py and monitor.py encrypt with.
  statement {
    sid       = "ReadBucket"
    actions   = ["s3:ListBucket", "s3:GetEncryptionConfiguration"]
    resources = [aws_s3_bucket.artifacts.arn]
  }

  statement {
    sid = "UpdateAndStartPipeline"
    actions = [
      "sagemaker:DescribePipeline", "sagemaker:UpdatePipeline", "sagemaker:StartPipelineExecution",
      "sagemaker:DescribePipelineExecution", "sagemaker:ListPipelineExecutionSteps",
    ]
    resources = [local.pipeline_arn, "${local.pipeline_arn}/execution/*"]
  }

  statement {
    sid       = "ReadApprovedPackages"
    actions   = ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"]
    resources = [aws_sagemaker_model_package_group.models.arn, "${local.sagemaker_arn}:model-package/${local.model_package_group}/*"]
  }

  statement {
    sid = "PromoteToEndpoints"
    actions = [
      "sagemaker:CreateModel", "sagemaker:DescribeModel",
      "sagemaker:CreateEndpointConfig", "sagemaker:DescribeEndpointConfig",
      "sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:DescribeEndpoint",
    ]
    resources = flatten([for endpoint in [local.staging_endpoint, local.production_endpoint] : [
      "${local.sagemaker_arn}:model/${endpoint}-v*",
      "${local.sagemaker_arn}:endpoint-config/${endpoint}-v*",
      "${local.sagemaker_arn}:endpoint/${endpoint}",
    ]])
  }

  # steps/monitor.py: each endpoint's data-quality schedule and its version's job definitions (names start with the
  # endpoint's), run as the pipeline's role (PassPipelineRole).
  statement {
    sid = "MonitorEndpoints"
    actions = [
      "sagemaker:CreateDataQualityJobDefinition", "sagemaker:DescribeDataQualityJobDefinition",
      "sagemaker:CreateMonitoringSchedule", "sagemaker:UpdateMonitoringSchedule", "sagemaker:DescribeMonitoringSchedule",
    ]
    resources = flatten([for endpoint in [local.staging_endpoint, local.production_endpoint] : [
      "${local.sagemaker_arn}:data-quality-job-definition/${endpoint}-*",
      "${local.sagemaker_arn}:monitoring-schedule/${endpoint}-*",
    ]])
  }

  # steps/monitor.py: the alarms on each endpoint's data drift, to the alarms topic.
  statement {
    sid       = "DriftAlarms"
    actions   = ["cloudwatch:PutMetricAlarm"]
    resources = [for endpoint in [local.staging_endpoint, local.production_endpoint] : "arn:${local.partition}:cloudwatch:${var.region}:${local.account}:alarm:${endpoint}-data-drift*"]
  }

  # steps/monitor.py: target-tracking autoscaling of the endpoints. A scalable target's ARN ends in an id Application
  # Auto Scaling makes; it changes the variant's capacity through its service-linked role, whose alarms are named
  # TargetTracking-*.
  statement {
    sid       = "ScaleEndpoints"
    actions   = ["sagemaker:UpdateEndpointWeightsAndCapacities"]
    resources = [for endpoint in [local.staging_endpoint, local.production_endpoint] : "${local.sagemaker_arn}:endpoint/${endpoint}"]
  }

  statement {
    sid       = "ScalingPolicies"
    actions   = ["application-autoscaling:RegisterScalableTarget", "application-autoscaling:PutScalingPolicy"]
    resources = ["arn:${local.partition}:application-autoscaling:${var.region}:${local.account}:scalable-target/*"]
  }

  # Application Auto Scaling's and CloudWatch's describe calls take no resource ARN; their actions are the only ones here.
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
    sid       = "SmokeTestStaging"
    actions   = ["sagemaker:InvokeEndpoint"]
    resources = ["${local.sagemaker_arn}:endpoint/${local.staging_endpoint}"]
  }

  statement {
    sid       = "PassPipelineRole"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.execution.arn]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "ci" {
  count = local.create_ci_role ? 1 : 0

  name   = "deploy"
  role   = aws_iam_role.ci[0].id
  policy = data.aws_iam_policy_document.ci.json
}

output "ci_role_arn" {
  description = "The role CI assumes with OIDC; null until repository is set."
  value       = try(aws_iam_role.ci[0].arn, null)
}
