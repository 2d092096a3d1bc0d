output "artifact_bucket" {
  description = "The S3 bucket that holds the pipeline's code, data and run artifacts (MLPIPELINE_BUCKET)."
  value       = aws_s3_bucket.artifacts.bucket
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
  value       = local.pipeline_arn
}

output "model_package_group" {
  description = "The model package group of the models that passed evaluation."
  value       = aws_sagemaker_model_package_group.models.model_package_group_name
}
