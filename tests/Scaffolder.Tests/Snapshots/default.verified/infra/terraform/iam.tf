# The role SageMaker Pipelines and its jobs run as: the project's bucket prefix, its model package group,
# its logs and the framework images, and nothing else.

# Who may assume each of the stack's service roles: SageMaker and Lambda, and only on behalf of this account
# (aws:SourceAccount), so another account cannot make the service act with these roles (the confused deputy).
data "aws_iam_policy_document" "trust" {
  for_each = toset(["sagemaker", "lambda"])

  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["${each.key}.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${local.prefix}-sagemaker-execution"
  description        = "Runs the churn pipeline and its jobs."
  assume_role_policy = data.aws_iam_policy_document.trust["sagemaker"].json
}

data "aws_iam_policy_document" "execution" {
  source_policy_documents = data.aws_iam_policy_document.key_use[*].json

  statement {
    sid       = "ArtifactObjects"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = ["${aws_s3_bucket.artifacts.arn}/${local.key_prefix}/*"]
  }

  statement {
    sid       = "ArtifactBucket"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [aws_s3_bucket.artifacts.arn]
  }

  statement {
    sid = "PipelineJobs"
    actions = [
      "sagemaker:CreateProcessingJob", "sagemaker:DescribeProcessingJob", "sagemaker:StopProcessingJob",
      "sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob",
      "sagemaker:AddTags",
    ]
    resources = ["${local.sagemaker_arn}:processing-job/*", "${local.sagemaker_arn}:training-job/*"]
  }

  statement {
    sid = "ModelRegistry"
    actions = [
      "sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackage", "sagemaker:UpdateModelPackage",
      "sagemaker:ListModelPackages", "sagemaker:DescribeModelPackageGroup",
    ]
    resources = [aws_sagemaker_model_package_group.models.arn, "${local.sagemaker_arn}:model-package/${local.model_package_group}/*"]
  }

  statement {
    sid       = "PassThisRoleToJobs"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.execution.arn]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["sagemaker.amazonaws.com"]
    }
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
    sid       = "JobMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]

    condition {
      test     = "StringLike"
      variable = "cloudwatch:namespace"
      # Jobs publish under /aws/sagemaker/...; Model Monitor's data-quality metrics under aws/sagemaker/Endpoints/...
      values = ["/aws/sagemaker/*", "aws/sagemaker/*"]
    }
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "pipeline"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}
