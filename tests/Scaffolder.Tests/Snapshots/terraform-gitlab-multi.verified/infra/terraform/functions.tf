# The stack's two functions, both from the zip the project's CLI writes (`bundle`, deterministic: the same
# scripts give the same bytes, so an unchanged zip changes nothing here):
# - start-pipeline (steps/trigger_handler.py) starts the pipeline for new data and on the schedule, with
#   InputData naming the data it is for, so SageMaker's step cache (keyed on arguments) retrains on new data;
# With separate accounts no function serves models: CI's promotion does, in the staging and production accounts.
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

# The start of the pipeline for new data and on the schedule.
resource "aws_iam_role" "start_pipeline" {
  name               = "${local.prefix}-start-pipeline"
  description        = "Starts the acme-churn-2 pipeline for new data and on its schedule."
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
