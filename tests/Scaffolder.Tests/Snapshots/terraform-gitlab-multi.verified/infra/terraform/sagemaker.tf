# The model package group, and the pipeline itself from the definition the project's CLI wrote.

resource "aws_sagemaker_model_package_group" "models" {
  model_package_group_name        = local.model_package_group
  model_package_group_description = "Models of acme-churn-2 that passed evaluation; deploy only Approved ones."
}

locals {
  definition = var.pipeline_definition_file == null ? null : file(var.pipeline_definition_file)

  # SageMaker takes a definition inline up to 100 KB; a larger one goes through S3.
  definition_inline = local.definition != null && try(length(local.definition) <= 100000, false)
}

resource "aws_s3_object" "definition" {
  count = local.definition != null && !local.definition_inline ? 1 : 0

  bucket  = aws_s3_bucket.artifacts.id
  key     = "${local.key_prefix}/definitions/${sha256(local.definition)}.json"
  content = local.definition
}

resource "aws_sagemaker_pipeline" "pipeline" {
  count = local.definition == null ? 0 : 1

  pipeline_name         = local.pipeline_name
  pipeline_display_name = local.pipeline_name
  role_arn              = aws_iam_role.execution.arn
  pipeline_definition   = local.definition_inline ? local.definition : null

  dynamic "pipeline_definition_s3_location" {
    for_each = local.definition_inline ? [] : [1]

    content {
      bucket     = aws_s3_bucket.artifacts.id
      object_key = aws_s3_object.definition[0].key
    }
  }
}
