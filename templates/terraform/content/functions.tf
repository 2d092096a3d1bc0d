# The stack's two functions, both from the zip the project's CLI writes (`bundle`, deterministic: the same
# scripts give the same bytes, so an unchanged zip changes nothing here):
# - start-pipeline (steps/trigger_handler.py) starts the pipeline for new data and on the schedule, with
#   InputData naming the data it is for, so SageMaker's step cache (keyed on arguments) retrains on new data;
{{~ if options.accounts == "single" ~}}
# - deploy-approved (steps/approval_handler.py with steps/deploy.py) serves a newly Approved model on the
#   staging endpoint only; production is promoted by hand, through CI's protected gate.
{{~ else ~}}
# With separate accounts no function serves models: CI's promotion does, in the staging and production accounts.
{{~ end ~}}
# What fails after Lambda's own retries lands in the dead-letter queue.

locals {
  functions_archive = coalesce(var.functions_archive, "${path.module}/../../.mlpipeline/functions/functions.zip")
}

resource "aws_sqs_queue" "dead_letters" {
  name                      = "${local.prefix}-function-failures"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

data "aws_iam_policy_document" "dead_letters" {
  # EventBridge puts events it could not deliver to a function here, for this stack's rules only.
  statement {
    sid       = "UndeliveredEvents"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letters.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:events:${var.region}:${local.account}:rule/${local.prefix}-*"]
    }
  }
}

resource "aws_sqs_queue_policy" "dead_letters" {
  queue_url = aws_sqs_queue.dead_letters.id
  policy    = data.aws_iam_policy_document.dead_letters.json
}

{{~ if options.accounts == "single" ~}}
# The deployment on approval: the staging endpoint, and nothing else.
resource "aws_iam_role" "deploy" {
  name               = "${local.prefix}-deploy-approved"
  description        = "Serves approved models of {{ project.kebab }} on its staging endpoint."
  assume_role_policy = data.aws_iam_policy_document.trust["lambda"].json
}

data "aws_iam_policy_document" "deploy" {
  source_policy_documents = data.aws_iam_policy_document.key_use[*].json

  statement {
    sid       = "ReadApprovedPackages"
    actions   = ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"]
    resources = [aws_sagemaker_model_package_group.models.arn, "${local.sagemaker_arn}:model-package/${local.model_package_group}/*"]
  }

  statement {
    sid = "ServeOnStaging"
    actions = [
      "sagemaker:CreateModel", "sagemaker:DescribeModel",
      "sagemaker:CreateEndpointConfig", "sagemaker:DescribeEndpointConfig",
      "sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:DescribeEndpoint",
    ]
    resources = [
      "${local.sagemaker_arn}:model/${local.staging_endpoint}-v*",
      "${local.sagemaker_arn}:endpoint-config/${local.staging_endpoint}-v*",
      "${local.sagemaker_arn}:endpoint/${local.staging_endpoint}",
    ]
  }

  statement {
    sid       = "PassModelRole"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.execution.arn]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["sagemaker.amazonaws.com"]
    }
  }

  statement {
    sid       = "DeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letters.arn]
  }

  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:${local.partition}:logs:${var.region}:${local.account}:log-group:/aws/lambda/${local.prefix}-deploy-approved:*"]
  }
}

resource "aws_iam_role_policy" "deploy" {
  name   = "deploy-approved"
  role   = aws_iam_role.deploy.id
  policy = data.aws_iam_policy_document.deploy.json
}

resource "aws_lambda_function" "deploy" {
  function_name    = "${local.prefix}-deploy-approved"
  description      = "Serves the newly approved model of ${local.model_package_group} on ${local.staging_endpoint}."
  role             = aws_iam_role.deploy.arn
  runtime          = "python3.12"
  handler          = "approval_handler.handler"
  filename         = local.functions_archive
  source_code_hash = filebase64sha256(local.functions_archive)
  # deploy.py waits for an endpoint that is being created or updated; the handler gives it what is left of this.
  timeout = 900

  dead_letter_config {
    target_arn = aws_sqs_queue.dead_letters.arn
  }

  environment {
    variables = {
      MODEL_PACKAGE_GROUP = local.model_package_group
      ENDPOINT_NAME       = local.staging_endpoint
      MODEL_ROLE_ARN      = aws_iam_role.execution.arn
      INSTANCE_TYPE       = var.endpoint_instance_type
      # The endpoint captures this share of its requests and answers here; deploy.py then requires a baseline.
      DATA_CAPTURE_PERCENTAGE = tostring(var.data_capture_percentage)
      DATA_CAPTURE_URI        = "s3://${aws_s3_bucket.artifacts.bucket}/${local.key_prefix}/data-capture"
      # The endpoint's volume and captured data are encrypted with the project's key, when it has one.
      MLPIPELINE_KMS_KEY_ARN = local.use_kms ? local.kms_key_arn : ""
    }
  }

  depends_on = [aws_iam_role_policy.deploy]
}

{{~ end ~}}
# The start of the pipeline for new data and on the schedule.
resource "aws_iam_role" "start_pipeline" {
  name               = "${local.prefix}-start-pipeline"
  description        = "Starts the {{ project.kebab }} pipeline for new data and on its schedule."
  assume_role_policy = data.aws_iam_policy_document.trust["lambda"].json
}

data "aws_iam_policy_document" "start_pipeline" {
  statement {
    sid       = "StartPipeline"
    actions   = ["sagemaker:StartPipelineExecution"]
    resources = [local.pipeline_arn]
  }

  statement {
    sid       = "FindDataVersions"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.artifacts.arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${local.key_prefix}/data/*"]
    }
  }

  statement {
    sid       = "DeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letters.arn]
  }

  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:${local.partition}:logs:${var.region}:${local.account}:log-group:/aws/lambda/${local.prefix}-start-pipeline:*"]
  }
}

resource "aws_iam_role_policy" "start_pipeline" {
  name   = "start-pipeline"
  role   = aws_iam_role.start_pipeline.id
  policy = data.aws_iam_policy_document.start_pipeline.json
}

resource "aws_lambda_function" "start_pipeline" {
  function_name    = "${local.prefix}-start-pipeline"
  description      = "Starts ${local.pipeline_name} with InputData set to the new data version."
  role             = aws_iam_role.start_pipeline.arn
  runtime          = "python3.12"
  handler          = "trigger_handler.handler"
  filename         = local.functions_archive
  source_code_hash = filebase64sha256(local.functions_archive)
  timeout          = 60

  dead_letter_config {
    target_arn = aws_sqs_queue.dead_letters.arn
  }

  environment {
    variables = {
      PIPELINE_NAME = local.pipeline_name
      DATA_PREFIX   = "s3://${aws_s3_bucket.artifacts.bucket}/${local.key_prefix}/data/"
    }
  }

  depends_on = [aws_iam_role_policy.start_pipeline]
}
