# The role CI assumes with OIDC, trusted only for this repository: publish code and definition under the
# project's prefix, update and start the pipeline, and promote Approved models to the project's staging and
# production endpoints (deploy.py refuses anything else). No stored keys anywhere.
# Changes to this stack itself are applied by an administrator, not by CI.

locals {
  create_ci_role = var.repository != null

  oidc_issuer   = "token.actions.githubusercontent.com"
  oidc_audience = "sts.amazonaws.com"
  oidc_subject  = "repo:${var.repository}:*"
}

resource "aws_iam_openid_connect_provider" "ci" {
  count = local.create_ci_role && var.oidc_provider_arn == null ? 1 : 0

  url            = "https://${local.oidc_issuer}"
  client_id_list = [local.oidc_audience]
}

data "aws_iam_policy_document" "ci_trust" {
  count = local.create_ci_role ? 1 : 0

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
      test     = "StringLike"
      variable = "${local.oidc_issuer}:sub"
      values   = [local.oidc_subject]
    }
  }
}

resource "aws_iam_role" "ci" {
  count = local.create_ci_role ? 1 : 0

  name               = "${local.prefix}-ci-deploy"
  description        = "Assumed by CI of ${var.repository} to deploy acme-churn pipeline versions."
  assume_role_policy = data.aws_iam_policy_document.ci_trust[0].json
}

data "aws_iam_policy_document" "ci" {
  statement {
    sid       = "PublishCodeAndDefinition"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.artifacts.arn}/${local.key_prefix}/*"]
  }

  statement {
    sid       = "ListPrefix"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.artifacts.arn]
  }

  statement {
    sid = "UpdateAndStartPipeline"
    actions = [
      "sagemaker:DescribePipeline", "sagemaker:UpdatePipeline", "sagemaker:StartPipelineExecution",
      "sagemaker:DescribePipelineExecution", "sagemaker:ListPipelineExecutionSteps",
    ]
    resources = ["${local.sagemaker_arn}:pipeline/${local.pipeline_name}", "${local.sagemaker_arn}:pipeline/${local.pipeline_name}/execution/*"]
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
      "sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:DescribeEndpoint", "sagemaker:InvokeEndpoint",
    ]
    resources = [
      "${local.sagemaker_arn}:model/${local.key_prefix}*",
      "${local.sagemaker_arn}:endpoint-config/${local.key_prefix}*",
      "${local.sagemaker_arn}:endpoint/${local.key_prefix}*",
    ]
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
