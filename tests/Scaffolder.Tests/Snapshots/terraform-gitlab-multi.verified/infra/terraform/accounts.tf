# Separate accounts: this (build) account keeps the pipeline, the bucket and the model package group; approved versions
# are served in the staging and production accounts, whose own stack (infra/terraform/target, applied once in each)
# makes the roles named here. This stack lets those roles read what serving a version needs and nothing more:
# - the model package group's policy: the two accounts may read its versions (deploy.py checks approval there);
# - the bucket's policy (main.tf) and the key's policy (kms.tf): their endpoint and deploy roles may read models, code and
#   baselines;
# - CI's promotion role (ci.tf) is the only principal their deploy roles trust.

locals {
  target_accounts       = { staging = var.staging_account_id, production = var.production_account_id }
  target_account_roots  = [for id in values(local.target_accounts) : "arn:${local.partition}:iam::${id}:root"]
  target_endpoint_roles = [for id in values(local.target_accounts) : "arn:${local.partition}:iam::${id}:role/${local.prefix}-endpoint"]
  target_deploy_roles   = { for stage, id in local.target_accounts : stage => "arn:${local.partition}:iam::${id}:role/${local.prefix}-deploy" }
  # What reads a version here: the endpoint roles (model, code, baseline) and the deploy roles (the baseline's
  # constraints, for monitor.py's drift alarm).
  target_version_readers = concat(local.target_endpoint_roles, values(local.target_deploy_roles))
}

data "aws_iam_policy_document" "model_packages" {
  statement {
    sid       = "TargetAccountsReadVersions"
    actions   = ["sagemaker:DescribeModelPackageGroup", "sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"]
    resources = [aws_sagemaker_model_package_group.models.arn, "${local.sagemaker_arn}:model-package/${local.model_package_group}/*"]

    principals {
      type        = "AWS"
      identifiers = local.target_account_roots
    }
  }
}

resource "aws_sagemaker_model_package_group_policy" "targets" {
  model_package_group_name = aws_sagemaker_model_package_group.models.model_package_group_name
  resource_policy          = data.aws_iam_policy_document.model_packages.json

  lifecycle {
    precondition {
      condition     = !contains(values(local.target_accounts), local.account)
      error_message = "staging_account_id and production_account_id must be other accounts than this build account (${local.account}), which keeps the pipeline and the model registry."
    }
  }
}

output "target_accounts" {
  description = "The staging and production accounts approved versions are promoted into; apply infra/terraform/target in each."
  value       = local.target_accounts
}

output "target_deploy_role_arns" {
  description = "The role CI's promotion assumes in each target account (made there by infra/terraform/target)."
  value       = local.target_deploy_roles
}
