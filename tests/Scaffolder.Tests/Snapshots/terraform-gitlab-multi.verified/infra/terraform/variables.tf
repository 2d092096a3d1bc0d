variable "region" {
  type        = string
  description = "The AWS region of every resource."
  default     = "eu-central-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "The region must look like us-east-1."
  }
}

variable "owner" {
  type        = string
  description = "The team or person who owns the project: the Owner tag of every resource."
  default     = "ml-team"

  validation {
    condition     = length(var.owner) > 0 && length(var.owner) <= 256
    error_message = "The owner must be 1 to 256 characters long."
  }
}

variable "create_kms_key" {
  type        = bool
  description = "Make a customer-managed KMS key, usable only by the project's roles, for the bucket, job volumes and outputs, endpoints and alarms (kms.tf)."
  default     = false
}

variable "kms_key_arn" {
  type        = string
  description = "Your own customer-managed KMS key for what create_kms_key's key would encrypt (its key policy must let the project's roles use it); null with create_kms_key false uses AWS-managed keys (SSE-S3 for the bucket)."
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "The KMS key must be a key ARN: arn:aws:kms:REGION:ACCOUNT:key/ID."
  }

  validation {
    condition     = !(var.create_kms_key && var.kms_key_arn != null)
    error_message = "Set create_kms_key = true or kms_key_arn, not both: the stack either makes the project's key or uses yours."
  }
}

variable "artifact_retention_days" {
  type        = number
  description = "Days after which what pipeline runs wrote (under acme-churn-2/runs/) expires."
  default     = 90

  validation {
    condition     = var.artifact_retention_days >= 1 && floor(var.artifact_retention_days) == var.artifact_retention_days
    error_message = "The retention must be a whole number of days, at least 1."
  }
}

variable "pipeline_definition_file" {
  type        = string
  description = "The pipeline definition JSON (dotnet run --project src/Acme.Churn-2.Pipeline -- definition --out FILE); null creates no pipeline yet, as on the first apply before the first publish."
  default     = null
}

variable "functions_archive" {
  type        = string
  description = "The zip of the stack's functions (dotnet run --project src/Acme.Churn-2.Pipeline -- bundle writes it); null is the bundle's default path, .mlpipeline/functions/functions.zip."
  default     = null
}

variable "schedule_expression" {
  type        = string
  description = "An EventBridge schedule that starts the pipeline on the newest data version, such as rate(7 days) or cron(0 3 ? * MON *); null for none."
  default     = null

  validation {
    condition     = var.schedule_expression == null || can(regex("^(rate|cron)\\(.+\\)$", var.schedule_expression))
    error_message = "The schedule must be rate(...) or cron(...)."
  }
}

variable "start_on_new_data" {
  type        = bool
  description = "Start the pipeline when a new object lands under acme-churn-2/data/ in the artifact bucket, on that object's data version."
  default     = true
}

# No defaults: a plan without them stops and names the missing one, before anything is made.
variable "staging_account_id" {
  type        = string
  description = "The AWS account that serves approved versions first, on the staging endpoint (12 digits)."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.staging_account_id))
    error_message = "staging_account_id must be an AWS account id: exactly 12 digits, such as 111122223333."
  }
}

variable "production_account_id" {
  type        = string
  description = "The AWS account that serves a version after staging and the manual gate, on the production endpoint (12 digits)."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.production_account_id))
    error_message = "production_account_id must be an AWS account id: exactly 12 digits, such as 444455556666."
  }

  validation {
    condition     = var.production_account_id != var.staging_account_id
    error_message = "production_account_id must differ from staging_account_id: staging and production are separate accounts."
  }
}

variable "repository" {
  type        = string
  description = "The GitLab project (group/project) whose CI may deploy: the OIDC trust accepts pipelines of its main branch, never a merge request; null creates no CI role."
  default     = null

  validation {
    condition     = var.repository == null || can(regex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$", var.repository))
    error_message = "The repository must look like owner/name."
  }
}

variable "oidc_provider_arn" {
  type        = string
  description = "An existing IAM OIDC provider for gitlab.com; null creates one (an account has one per issuer)."
  default     = null
}
