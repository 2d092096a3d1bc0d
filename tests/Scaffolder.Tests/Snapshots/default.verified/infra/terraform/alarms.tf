# Alarms on the two endpoints steps/deploy.py serves, to the alarms topic: server errors and slow answers. Until a
# version is deployed an endpoint has no metrics and its alarms stay OK. Be told by subscribing to the topic:
#   aws sns subscribe --topic-arn "$(terraform output -raw alarm_topic_arn)" --protocol email --notification-endpoint YOU
# The topic is encrypted with the project's key when the stack makes one (its policy lets CloudWatch publish); otherwise
# it is not: CloudWatch cannot publish to a topic under the AWS-managed SNS key, and alarms carry only names and numbers.
resource "aws_sns_topic" "alarms" {
  name              = "${local.prefix}-alarms"
  kms_master_key_id = var.create_kms_key ? aws_kms_key.project[0].arn : null
}

resource "aws_cloudwatch_metric_alarm" "server_errors" {
  for_each = local.endpoints

  alarm_name          = "${each.value}-server-errors"
  alarm_description   = "The ${each.key} endpoint ${each.value} answered with at least ${var.alarm_server_errors} server errors (5xx) in 5 minutes."
  namespace           = "AWS/SageMaker"
  metric_name         = "Invocation5XXErrors"
  dimensions          = { EndpointName = each.value, VariantName = "AllTraffic" }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.alarm_server_errors
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "latency" {
  for_each = local.endpoints

  alarm_name        = "${each.value}-latency"
  alarm_description = "The ${each.key} endpoint ${each.value}'s model took more than ${var.alarm_latency_ms} ms for one answer in ten, for 15 minutes."
  namespace         = "AWS/SageMaker"
  metric_name       = "ModelLatency"
  dimensions        = { EndpointName = each.value, VariantName = "AllTraffic" }
  # ModelLatency is in microseconds.
  extended_statistic  = "p90"
  period              = 300
  evaluation_periods  = 3
  threshold           = var.alarm_latency_ms * 1000
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

output "alarm_topic_arn" {
  description = "The SNS topic the endpoints' alarms notify; subscribe to it to be told."
  value       = aws_sns_topic.alarms.arn
}
