data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  # The same names as the build stack's, so CI finds them from the account id alone.
  prefix              = "{{ project.resource }}"
  key_prefix          = "{{ project.kebab }}"
  endpoint            = var.stage == "staging" ? "${local.key_prefix}-staging" : local.key_prefix
  account             = data.aws_caller_identity.current.account_id
  partition           = data.aws_partition.current.partition
  sagemaker_arn       = "arn:${local.partition}:sagemaker:${var.region}:${local.account}"
  model_package_group = "${local.prefix}-models"
  build_bucket        = "${local.prefix}-${var.build_account_id}-${var.region}-ml"
  build_promote_role  = "arn:${local.partition}:iam::${var.build_account_id}:role/${local.prefix}-ci-promote"
  # This account's bucket: what the endpoint captures and what monitoring reports.
  bucket = "${local.prefix}-${local.account}-${var.region}-ml"

  tags = {
    Project   = "{{ project.name }}"
    Owner     = var.owner
    Stage     = var.stage
    ManagedBy = "terraform"
  }
}

resource "aws_s3_bucket" "serving" {
  bucket = local.bucket

  lifecycle {
    precondition {
      condition     = local.account != var.build_account_id
      error_message = "This is the build account (${var.build_account_id}); apply this stack in the ${var.stage} account, with that account's credentials."
    }
  }
}

resource "aws_s3_bucket_ownership_controls" "serving" {
  bucket = aws_s3_bucket.serving.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "serving" {
  bucket = aws_s3_bucket.serving.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = local.use_kms ? "aws:kms" : "AES256"
      kms_master_key_id = local.kms_key_arn
    }
    bucket_key_enabled = local.use_kms
  }
}

resource "aws_s3_bucket_public_access_block" "serving" {
  bucket = aws_s3_bucket.serving.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_lifecycle_configuration" "serving" {
  bucket = aws_s3_bucket.serving.id

  rule {
    id     = "expire-captures-and-reports"
    status = "Enabled"

    filter {
      prefix = "${local.key_prefix}/"
    }

    expiration {
      days = var.capture_retention_days
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
}

data "aws_iam_policy_document" "serving" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.serving.arn, "${aws_s3_bucket.serving.arn}/*"]

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
}

resource "aws_s3_bucket_policy" "serving" {
  bucket = aws_s3_bucket.serving.id
  policy = data.aws_iam_policy_document.serving.json

  depends_on = [aws_s3_bucket_public_access_block.serving]
}
