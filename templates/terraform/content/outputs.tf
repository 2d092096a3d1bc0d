output "artifact_bucket" {
  description = "The S3 bucket that holds the pipeline's code, data and run artifacts."
  value       = aws_s3_bucket.artifacts.bucket
}
