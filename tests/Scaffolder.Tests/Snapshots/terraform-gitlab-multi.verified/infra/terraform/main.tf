data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  # Every AWS name derives from these, so any project name gives valid, length-safe names. CI, the README and
  # the pipeline's settings use the same names: a test of the generator compares them with this stack.
  prefix              = "acme-churn-2"
  key_prefix          = "acme-churn-2"
  pipeline_name       = "acme-churn-2"
  model_package_group = "${local.prefix}-models"
  staging_endpoint    = "${local.key_prefix}-staging"
  production_endpoint = local.key_prefix
  endpoints           = { staging = local.staging_endpoint, production = local.production_endpoint }
  account             = data.aws_caller_identity.current.account_id
  partition           = data.aws_partition.current.partition
  sagemaker_arn       = "arn:${local.partition}:sagemaker:${var.region}:${local.account}"
  pipeline_arn        = "${local.sagemaker_arn}:pipeline/${local.pipeline_name}"

  # <= 20 + 1 + 12 + 1 + 14 + 3 characters: within the 63 S3 allows.
  artifact_bucket = "${local.prefix}-${local.account}-${var.region}-ml"

  tags = {
    Project   = "Acme.Churn-2"
    Owner     = var.owner
    ManagedBy = "terraform"
  }
}

resource "aws_s3_bucket" "artifacts" {
  bucket = local.artifact_bucket
}

resource "aws_s3_bucket_ownership_controls" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = local.use_kms ? "aws:kms" : "AES256"
      kms_master_key_id = local.kms_key_arn
    }
    bucket_key_enabled = local.use_kms
  }
}

resource "aws_s3_bucket_public_access_block" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_lifecycle_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  # What each execution writes (PipelineSettings.Prefix/runs/EXECUTION/STEP/OUTPUT); models, code and data stay.
  rule {
    id     = "expire-old-run-artifacts"
    status = "Enabled"

    filter {
      prefix = "${local.key_prefix}/runs/"
    }

    expiration {
      days = var.artifact_retention_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.artifacts]
}

data "aws_iam_policy_document" "artifacts" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.artifacts.arn, "${aws_s3_bucket.artifacts.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # The staging and production accounts' endpoint and deploy roles read what serving and monitoring a version needs: its model and
  # inference code, and the data-quality baseline a pipeline run computed (accounts.tf).
  statement {
    sid       = "TargetAccountsReadVersions"
    actions   = ["s3:GetObject"]
    resources = [for folder in ["models", "code", "runs"] : "${aws_s3_bucket.artifacts.arn}/${local.key_prefix}/${folder}/*"]

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
}

resource "aws_s3_bucket_policy" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  policy = data.aws_iam_policy_document.artifacts.json

  depends_on = [aws_s3_bucket_public_access_block.artifacts]
}
