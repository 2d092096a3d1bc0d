# Two roles CI assumes with OIDC; a merge request gets neither. No stored keys.
# - ci-deploy, trusted only for this repository's main branch: it may publish code and definition under the project's
#   prefix and start the pipeline.
# - ci-promote, trusted only for the main branch, whose promote jobs are manual (protect the staging and production
#   environments): it may only assume the deploy role of the staging and production accounts
#   (infra/terraform/target), which do the serving there.
# Changes to this stack itself are applied with a separate infrastructure role, not with these.

locals {
  create_ci_role = var.repository != null

  oidc_issuer   = "gitlab.com"
  oidc_audience = "https://gitlab.com"
  # GitLab's subject names the branch the pipeline runs for.
  oidc_subjects = var.repository == null ? [] : ["project_path:${var.repository}:ref_type:branch:ref:main"]
  # GitLab's subject cannot name an environment: the promote jobs are manual, on main, in protected environments.
  oidc_promote_subjects = local.oidc_subjects
}

resource "aws_iam_openid_connect_provider" "ci" {
  count = local.create_ci_role && var.oidc_provider_arn == null ? 1 : 0

  url            = "https://${local.oidc_issuer}"
  client_id_list = [local.oidc_audience]
}

data "aws_iam_policy_document" "ci_trust" {
  for_each = local.create_ci_role ? { deploy = local.oidc_subjects, promote = local.oidc_promote_subjects } : {}

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
  description        = "Assumed by CI of ${var.repository} to deploy acme-churn-2 pipeline versions."
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

resource "aws_iam_role" "ci_promote" {
  count = local.create_ci_role ? 1 : 0

  name               = "${local.prefix}-ci-promote"
  description        = "Assumed by CI of ${var.repository} to promote acme-churn-2 versions into the staging and production accounts."
  assume_role_policy = data.aws_iam_policy_document.ci_trust["promote"].json
}

data "aws_iam_policy_document" "ci_promote" {
  statement {
    sid       = "AssumeTargetDeployRoles"
    actions   = ["sts:AssumeRole"]
    resources = values(local.target_deploy_roles)
  }
}

resource "aws_iam_role_policy" "ci_promote" {
  count = local.create_ci_role ? 1 : 0

  name   = "promote"
  role   = aws_iam_role.ci_promote[0].id
  policy = data.aws_iam_policy_document.ci_promote.json
}

output "ci_promote_role_arn" {
  description = "The role CI's promotion assumes with OIDC before it assumes each target account's deploy role; null until repository is set."
  value       = try(aws_iam_role.ci_promote[0].arn, null)
}

output "ci_role_arn" {
  description = "The role CI assumes with OIDC; null until repository is set."
  value       = try(aws_iam_role.ci[0].arn, null)
}
