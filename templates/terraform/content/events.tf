# What starts the pipeline (new data, a schedule){{ if options.accounts == "single" }} and what happens when a model is approved (staging){{ end }}.
# The rules call the functions in functions.tf; an event that cannot be delivered lands in the dead-letter queue.

# The bucket sends its events to EventBridge, so new data can start the pipeline.
resource "aws_s3_bucket_notification" "artifacts" {
  bucket      = aws_s3_bucket.artifacts.id
  eventbridge = true
}

locals {
  # The rules that start the pipeline exist once the pipeline does.
  starts = {
    schedule = local.definition != null && var.schedule_expression != null
    new_data = local.definition != null && var.start_on_new_data
  }
}

resource "aws_cloudwatch_event_rule" "schedule" {
  count = local.starts.schedule ? 1 : 0

  name                = "${local.prefix}-schedule"
  description         = "Starts the {{ project.kebab }} pipeline on a schedule, on the newest data version."
  schedule_expression = var.schedule_expression
}

resource "aws_cloudwatch_event_rule" "new_data" {
  count = local.starts.new_data ? 1 : 0

  name        = "${local.prefix}-new-data"
  description = "Starts the {{ project.kebab }} pipeline when new data lands under ${local.key_prefix}/data/."
  event_pattern = jsonencode({
    source        = ["aws.s3"]
    "detail-type" = ["Object Created"]
    detail = {
      bucket = { name = [aws_s3_bucket.artifacts.id] }
      object = { key = [{ prefix = "${local.key_prefix}/data/" }] }
    }
  })
}

{{~ if options.accounts == "single" ~}}
# Approval starts deployment to staging: only events of this group whose status is Approved reach the function,
# and the function (steps/deploy.py) checks the status again before it touches the endpoint.
resource "aws_cloudwatch_event_rule" "approved" {
  name        = "${local.prefix}-model-approved"
  description = "A model package of ${local.model_package_group} was approved."
  event_pattern = jsonencode({
    source        = ["aws.sagemaker"]
    "detail-type" = ["SageMaker Model Package State Change"]
    detail = {
      ModelPackageGroupName = [local.model_package_group]
      ModelApprovalStatus   = ["Approved"]
    }
  })
}

{{~ end ~}}
locals {
  # Each rule and the function it calls.
  targets = merge(
{{~ if options.accounts == "single" ~}}
    { approved = { rule = aws_cloudwatch_event_rule.approved.name, rule_arn = aws_cloudwatch_event_rule.approved.arn, function = aws_lambda_function.deploy.function_name, function_arn = aws_lambda_function.deploy.arn } },
{{~ end ~}}
    local.starts.schedule ? { schedule = { rule = aws_cloudwatch_event_rule.schedule[0].name, rule_arn = aws_cloudwatch_event_rule.schedule[0].arn, function = aws_lambda_function.start_pipeline.function_name, function_arn = aws_lambda_function.start_pipeline.arn } } : {},
    local.starts.new_data ? { new_data = { rule = aws_cloudwatch_event_rule.new_data[0].name, rule_arn = aws_cloudwatch_event_rule.new_data[0].arn, function = aws_lambda_function.start_pipeline.function_name, function_arn = aws_lambda_function.start_pipeline.arn } } : {},
  )
}

resource "aws_cloudwatch_event_target" "functions" {
  for_each = local.targets

  rule = each.value.rule
  arn  = each.value.function_arn

  dead_letter_config {
    arn = aws_sqs_queue.dead_letters.arn
  }
}

resource "aws_lambda_permission" "events" {
  for_each = local.targets

  statement_id   = "AllowRule-${each.key}"
  action         = "lambda:InvokeFunction"
  function_name  = each.value.function
  principal      = "events.amazonaws.com"
  source_arn     = each.value.rule_arn
  source_account = local.account
}
