output "artifact_bucket" {
  description = "The S3 bucket that holds the pipeline's code, data and run artifacts (MLPIPELINE_BUCKET)."
  value       = aws_s3_bucket.artifacts.bucket
}

output "key_prefix" {
  description = "The key prefix of everything the pipeline keeps in the bucket; new data goes under KEY_PREFIX/data/."
  value       = local.key_prefix
}

output "execution_role_arn" {
  description = "The role the pipeline and its jobs run as (MLPIPELINE_ROLE_ARN)."
  value       = aws_iam_role.execution.arn
}

output "pipeline_name" {
  description = "The SageMaker pipeline's name."
  value       = local.pipeline_name
}

output "pipeline_arn" {
  description = "The SageMaker pipeline's ARN; null until a definition is given."
  value       = try(aws_sagemaker_pipeline.pipeline[0].arn, null)
}

output "model_package_group" {
  description = "The model package group of the models that passed evaluation."
  value       = aws_sagemaker_model_package_group.models.model_package_group_name
}

output "staging_endpoint" {
  description = "The endpoint an approved model is served on first (by the approval function and CI's promote)."
  value       = local.staging_endpoint
}

output "production_endpoint" {
  description = "The endpoint CI's manual production gate promotes a tested model to."
  value       = local.production_endpoint
}

output "dead_letter_queue_url" {
  description = "Where events and function calls that failed end up (read it when a model did not reach staging)."
  value       = aws_sqs_queue.dead_letters.id
}

output "kms_key_arn" {
  description = "The customer-managed KMS key of the bucket, jobs, endpoints and alarms (MLPIPELINE_KMS_KEY_ARN); empty for AWS-managed keys."
  value       = local.use_kms ? local.kms_key_arn : ""
}
