# The customer-managed key, when create_kms_key is true (or your own, kms_key_arn): it encrypts the artifact bucket, the
# pipeline's job volumes and outputs (the definition names it: CI reads it from the bucket's encryption into
# MLPIPELINE_KMS_KEY_ARN), the endpoints' volumes and captured data, the monitoring jobs, and the alarms topic.

locals {
  use_kms     = var.create_kms_key || var.kms_key_arn != null
  kms_key_arn = var.create_kms_key ? aws_kms_key.project[0].arn : var.kms_key_arn

  # The roles that use the key: the pipeline and its jobs, and CI.
  key_users = concat([aws_iam_role.execution.arn], aws_iam_role.ci[*].arn)
}

resource "aws_kms_key" "project" {
  count = var.create_kms_key ? 1 : 0

  description             = "Encrypts what acme-churn-2 keeps: artifacts, job volumes and outputs, endpoints, alarms."
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.key[0].json
}

resource "aws_kms_alias" "project" {
  count = var.create_kms_key ? 1 : 0

  name          = "alias/${local.prefix}"
  target_key_id = aws_kms_key.project[0].key_id
}

# The account administers the key but does not use it: only the project's roles encrypt and decrypt with it (and only
# when their own policies allow it too), and SageMaker takes grants on it only for the resources it makes for them.
data "aws_iam_policy_document" "key" {
  count = var.create_kms_key ? 1 : 0

  statement {
    sid = "Administration"
    actions = [
      "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*",
      "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
    ]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account}:root"]
    }
  }

  statement {
    sid       = "ProjectRoles"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account}:root"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = local.key_users
    }
  }

  statement {
    sid       = "ProjectRoleGrantsForSageMaker"
    actions   = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account}:root"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = local.key_users
    }

    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }

  # The staging and production accounts' endpoint and deploy roles read the models, code and baselines this key encrypts, and let
  # SageMaker use it for the endpoints and monitoring jobs they run (accounts.tf).
  statement {
    sid       = "TargetAccountEndpointRoles"
    actions   = ["kms:Decrypt", "kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = local.target_account_roots
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = local.target_version_readers
    }
  }

  # CloudWatch publishes the alarms to the encrypted topic.
  statement {
    sid       = "AlarmsTopic"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

# What each role that uses the key needs in its own policy.
data "aws_iam_policy_document" "key_use" {
  count = local.use_kms ? 1 : 0

  statement {
    sid       = "ProjectKey"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = [local.kms_key_arn]
  }

  statement {
    sid       = "ProjectKeyGrantsForSageMaker"
    actions   = ["kms:CreateGrant"]
    resources = [local.kms_key_arn]

    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }
}
