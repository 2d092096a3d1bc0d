variable "stage" {
  type        = string
  description = "Which target account this is: staging (smoke-tested first) or production (after the manual gate)."

  validation {
    condition     = contains(["staging", "production"], var.stage)
    error_message = "stage must be staging or production."
  }
}

variable "build_account_id" {
  type        = string
  description = "The build account that keeps the pipeline, the model registry and the artifact bucket (12 digits)."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.build_account_id))
    error_message = "build_account_id must be an AWS account id: exactly 12 digits, such as 111122223333."
  }
}

variable "build_kms_key_arn" {
  type        = string
  description = "The build stack's kms_key_arn output when it encrypts with a customer-managed key: the endpoint role decrypts models and baselines with it. null when the build bucket uses AWS-managed keys."
  default     = null

  validation {
    condition     = var.build_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.build_kms_key_arn))
    error_message = "The KMS key must be a key ARN: arn:aws:kms:REGION:ACCOUNT:key/ID."
  }
}

variable "create_kms_key" {
  type        = bool
  description = "Make a customer-managed KMS key of this account, usable only by the endpoint and deploy roles, for the serving bucket, the endpoint's volume and captures, the monitoring jobs and the alarms topic (kms.tf)."
  default     = false
}

variable "kms_key_arn" {
  type        = string
  description = "Your own customer-managed KMS key of this account for what create_kms_key's key would encrypt (its key policy must let the endpoint and deploy roles use it); null with create_kms_key false uses AWS-managed keys (SSE-S3 for the bucket)."
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "The KMS key must be a key ARN: arn:aws:kms:REGION:ACCOUNT:key/ID."
  }

  validation {
    condition     = !(var.create_kms_key && var.kms_key_arn != null)
    error_message = "Set create_kms_key = true or kms_key_arn, not both: the stack either makes this account's key or uses yours."
  }
}

variable "region" {
  type        = string
  description = "The AWS region, the build account's."
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

variable "capture_retention_days" {
  type        = number
  description = "Days after which captured requests and answers, and monitoring reports, expire."
  default     = 90

  validation {
    condition     = var.capture_retention_days >= 1 && floor(var.capture_retention_days) == var.capture_retention_days
    error_message = "The retention must be a whole number of days, at least 1."
  }
}

variable "alarm_server_errors" {
  type        = number
  description = "Server errors (5xx) of the endpoint in 5 minutes that raise its alarm."
  default     = 5

  validation {
    condition     = var.alarm_server_errors >= 1 && floor(var.alarm_server_errors) == var.alarm_server_errors
    error_message = "The server error count must be a whole number, at least 1."
  }
}

variable "alarm_latency_ms" {
  type        = number
  description = "Model latency (milliseconds, one answer in ten slower) of the endpoint that, for 15 minutes, raises its alarm."
  default     = 500

  validation {
    condition     = var.alarm_latency_ms > 0
    error_message = "The latency must be a positive number of milliseconds."
  }
}
