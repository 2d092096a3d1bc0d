# Alarms on this account's endpoint, to its alarms topic: server errors and slow answers (steps/monitor.py adds the
# data-drift alarm). Until a version is deployed the endpoint has no metrics and its alarms stay OK. Be told by
# subscribing: aws sns subscribe --topic-arn "$(terraform output -raw alarm_topic_arn)" --protocol email --notification-endpoint YOU
resource "aws_sns_topic" "alarms" {
  name = "${local.prefix}-alarms"
  # CloudWatch cannot publish to a topic under the AWS-managed SNS key: the topic is encrypted only with the key this
  # stack makes (whose policy lets CloudWatch publish); alarms carry only names and numbers.
  kms_master_key_id = var.create_kms_key ? aws_kms_key.serving[0].arn : null
}

resource "aws_cloudwatch_metric_alarm" "server_errors" {
  alarm_name          = "${local.endpoint}-server-errors"
  alarm_description   = "The ${var.stage} endpoint ${local.endpoint} answered with at least ${var.alarm_server_errors} server errors (5xx) in 5 minutes."
  namespace           = "AWS/SageMaker"
  metric_name         = "Invocation5XXErrors"
  dimensions          = { EndpointName = local.endpoint, VariantName = "AllTraffic" }
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
  alarm_name        = "${local.endpoint}-latency"
  alarm_description = "The ${var.stage} endpoint ${local.endpoint}'s model took more than ${var.alarm_latency_ms} ms for one answer in ten, for 15 minutes."
  namespace         = "AWS/SageMaker"
  metric_name       = "ModelLatency"
  dimensions        = { EndpointName = local.endpoint, VariantName = "AllTraffic" }
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
