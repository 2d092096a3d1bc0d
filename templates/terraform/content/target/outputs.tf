output "deploy_role_arn" {
  description = "The role the build account's promotion assumes here."
  value       = aws_iam_role.deploy.arn
}

output "endpoint_role_arn" {
  description = "The role the endpoint's model and its monitoring jobs run as (deploy.py and monitor.py --role-arn)."
  value       = aws_iam_role.endpoint.arn
}

output "endpoint_name" {
  description = "The endpoint promotion serves on in this account."
  value       = local.endpoint
}

output "bucket" {
  description = "This account's bucket: captured requests and answers under KEY_PREFIX/data-capture, monitoring reports under KEY_PREFIX/monitoring."
  value       = aws_s3_bucket.serving.bucket
}

output "alarm_topic_arn" {
  description = "The SNS topic the endpoint's alarms notify; subscribe to it to be told."
  value       = aws_sns_topic.alarms.arn
}

output "kms_key_arn" {
  description = "This account's customer-managed key of the serving bucket, the endpoint and the alarms; empty with AWS-managed keys."
  value       = local.use_kms ? local.kms_key_arn : ""
}
