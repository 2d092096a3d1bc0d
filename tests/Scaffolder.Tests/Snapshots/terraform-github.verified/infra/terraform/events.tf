# What starts the pipeline (a schedule, new data) and what happens when a model is approved (deployment).

locals {
  pipeline_arn = local.definition == null ? null : aws_sagemaker_pipeline.pipeline[0].arn
}

resource "aws_iam_role" "start_pipeline" {
  count = local.definition == null ? 0 : 1

  name               = "${local.prefix}-start-pipeline"
  description        = "Lets EventBridge start the acme-churn pipeline."
  assume_role_policy = data.aws_iam_policy_document.trust["events"].json
}

resource "aws_iam_role_policy" "start_pipeline" {
  count = local.definition == null ? 0 : 1

  name   = "start-pipeline"
  role   = aws_iam_role.start_pipeline[0].id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "StartPipeline", Effect = "Allow", Action = ["sagemaker:StartPipelineExecution"], Resource = [local.pipeline_arn] }]
  })
}

resource "aws_cloudwatch_event_rule" "schedule" {
  count = local.definition != null && var.schedule_expression != null ? 1 : 0

  name                = "${local.prefix}-schedule"
  description         = "Starts the acme-churn pipeline on a schedule."
  schedule_expression = var.schedule_expression
}

resource "aws_cloudwatch_event_target" "schedule" {
  count = local.definition != null && var.schedule_expression != null ? 1 : 0

  rule     = aws_cloudwatch_event_rule.schedule[0].name
  arn      = local.pipeline_arn
  role_arn = aws_iam_role.start_pipeline[0].arn
}

# The bucket sends its events to EventBridge, so new data can start the pipeline.
resource "aws_s3_bucket_notification" "artifacts" {
  bucket      = aws_s3_bucket.artifacts.id
  eventbridge = true
}

resource "aws_cloudwatch_event_rule" "new_data" {
  count = local.definition != null && var.start_on_new_data ? 1 : 0

  name          = "${local.prefix}-new-data"
  description   = "Starts the acme-churn pipeline when new data lands under ${local.key_prefix}/data/."
  event_pattern = jsonencode({
    source        = ["aws.s3"]
    "detail-type" = ["Object Created"]
    detail        = {
      bucket = { name = [aws_s3_bucket.artifacts.id] }
      object = { key = [{ prefix = "${local.key_prefix}/data/" }] }
    }
  })
}

resource "aws_cloudwatch_event_target" "new_data" {
  count = local.definition != null && var.start_on_new_data ? 1 : 0

  rule     = aws_cloudwatch_event_rule.new_data[0].name
  arn      = local.pipeline_arn
  role_arn = aws_iam_role.start_pipeline[0].arn
}

# Approval starts deployment: only events of this group whose status is Approved reach the function, and the
# function (steps/deploy.py) checks the status again before it touches the endpoint.
resource "aws_cloudwatch_event_rule" "approved" {
  name          = "${local.prefix}-model-approved"
  description   = "A model package of ${local.model_package_group} was approved."
  event_pattern = jsonencode({
    source        = ["aws.sagemaker"]
    "detail-type" = ["SageMaker Model Package State Change"]
    detail        = {
      ModelPackageGroupName = [local.model_package_group]
      ModelApprovalStatus   = ["Approved"]
    }
  })
}

resource "aws_cloudwatch_event_target" "approved" {
  rule = aws_cloudwatch_event_rule.approved.name
  arn  = aws_lambda_function.deploy.arn
}

data "archive_file" "deploy" {
  type        = "zip"
  output_path = "${path.module}/.terraform/deploy-on-approval.zip"

  source {
    content  = file("${path.module}/../../steps/approval_handler.py")
    filename = "approval_handler.py"
  }

  source {
    content  = file("${path.module}/../../steps/deploy.py")
    filename = "deploy.py"
  }

  source {
    content  = file("${path.module}/../../steps/common.py")
    filename = "common.py"
  }
}

resource "aws_iam_role" "deploy" {
  name               = "${local.prefix}-deploy-approved"
  description        = "Deploys approved models of acme-churn to its endpoint."
  assume_role_policy = data.aws_iam_policy_document.trust["lambda"].json
}

data "aws_iam_policy_document" "deploy" {
  statement {
    sid       = "ReadApprovedPackages"
    actions   = ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"]
    resources = [aws_sagemaker_model_package_group.models.arn, "${local.sagemaker_arn}:model-package/${local.model_package_group}/*"]
  }

  statement {
    sid = "ServeOnEndpoint"
    actions = [
      "sagemaker:CreateModel", "sagemaker:DescribeModel",
      "sagemaker:CreateEndpointConfig", "sagemaker:DescribeEndpointConfig",
      "sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:DescribeEndpoint",
    ]
    resources = [
      "${local.sagemaker_arn}:model/${local.key_prefix}*",
      "${local.sagemaker_arn}:endpoint-config/${local.key_prefix}*",
      "${local.sagemaker_arn}:endpoint/${local.key_prefix}",
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
  description      = "Serves the newly approved model of ${local.model_package_group} on the ${local.key_prefix} endpoint."
  role             = aws_iam_role.deploy.arn
  runtime          = "python3.12"
  handler          = "approval_handler.handler"
  filename         = data.archive_file.deploy.output_path
  source_code_hash = data.archive_file.deploy.output_base64sha256
  timeout          = 60

  environment {
    variables = {
      ENDPOINT_NAME  = local.key_prefix
      MODEL_ROLE_ARN = aws_iam_role.execution.arn
      INSTANCE_TYPE  = var.endpoint_instance_type
    }
  }
}

resource "aws_lambda_permission" "approved" {
  statement_id  = "AllowApprovalEvents"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.deploy.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.approved.arn
}
