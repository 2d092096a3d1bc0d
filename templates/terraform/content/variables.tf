variable "region" {
  type        = string
  description = "The AWS region of every resource."
  default     = "{{ options.region }}"

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "The region must look like us-east-1."
  }
}

variable "owner" {
  type        = string
  description = "The team or person who owns the project: the Owner tag of every resource."
  default     = {{ hcl.quote options.owner }}

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
  description = "Days after which what pipeline runs wrote (under {{ project.kebab }}/runs/) expires."
  default     = 90

  validation {
    condition     = var.artifact_retention_days >= 1 && floor(var.artifact_retention_days) == var.artifact_retention_days
    error_message = "The retention must be a whole number of days, at least 1."
  }
}

variable "pipeline_definition_file" {
  type        = string
  description = "The pipeline definition JSON (dotnet run --project src/{{ project.name }}.Pipeline -- definition --out FILE); null creates no pipeline yet, as on the first apply before the first publish."
  default     = null
}

variable "functions_archive" {
  type        = string
  description = "The zip of the stack's functions (dotnet run --project src/{{ project.name }}.Pipeline -- bundle writes it); null is the bundle's default path, .mlpipeline/functions/functions.zip."
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
  description = "Start the pipeline when a new object lands under {{ project.kebab }}/data/ in the artifact bucket, on that object's data version."
  default     = true
}
{{~ if options.accounts == "single" ~}}

variable "endpoint_instance_type" {
  type        = string
  description = "The instance type of the staging endpoint the approval function creates."
  default     = "ml.m5.large"

  validation {
    condition     = can(regex("^ml\\.[a-z0-9]+\\.[a-z0-9]+$", var.endpoint_instance_type))
    error_message = "The instance type must look like ml.m5.large."
  }
}

variable "data_capture_percentage" {
  type        = number
  description = "The share (percent) of the staging endpoint's requests and answers captured under {{ project.kebab }}/data-capture/ in the artifact bucket for monitoring; 0 serves without capture, and then a version without a data-quality baseline may be deployed."
  default     = 20

  validation {
    condition     = var.data_capture_percentage >= 0 && var.data_capture_percentage <= 100 && floor(var.data_capture_percentage) == var.data_capture_percentage
    error_message = "The data capture percentage must be a whole number from 0 (off) to 100."
  }
}

variable "alarm_server_errors" {
  type        = number
  description = "Server errors (5xx) of an endpoint in 5 minutes that raise its alarm."
  default     = 5

  validation {
    condition     = var.alarm_server_errors >= 1 && floor(var.alarm_server_errors) == var.alarm_server_errors
    error_message = "The server error count must be a whole number, at least 1."
  }
}

variable "alarm_latency_ms" {
  type        = number
  description = "Model latency (milliseconds, one answer in ten slower) of an endpoint that, for 15 minutes, raises its alarm."
  default     = 500

  validation {
    condition     = var.alarm_latency_ms > 0
    error_message = "The latency must be a positive number of milliseconds."
  }
}
{{~ end ~}}
{{~ if options.accounts == "multi" ~}}

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
{{~ end ~}}
{{~ if options.ci != "none" ~}}

variable "repository" {
  type        = string
  description = "The {{ if options.ci == "github" }}GitHub repository (owner/name){{ else }}GitLab project (group/project){{ end }} whose CI may deploy: the OIDC trust accepts {{ if options.ci == "github" }}its main branch and its staging and production environments{{ else }}pipelines of its main branch{{ end }}, never a {{ if options.ci == "github" }}pull{{ else }}merge{{ end }} request; null creates no CI role."
  default     = null

  validation {
    condition     = var.repository == null || can(regex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$", var.repository))
    error_message = "The repository must look like owner/name."
  }
}

variable "oidc_provider_arn" {
  type        = string
  description = "An existing IAM OIDC provider for {{ if options.ci == "github" }}token.actions.githubusercontent.com{{ else }}gitlab.com{{ end }}; null creates one (an account has one per issuer)."
  default     = null
}
{{~ end ~}}
