terraform {
  # 1.11: state locking in S3 itself (use_lockfile), which the CI backend uses.
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.81: an OpenID Connect provider without thumbprints (ci.tf). Tested with 5.100.
      version = ">= 5.81.0, < 6.0.0"
    }
  }

  # For a team, keep the state in S3 (make the state bucket once, outside this stack):
  # backend "s3" {
  #   bucket       = "my-terraform-state"
  #   key          = "acme-churn-2/terraform.tfstate"
  #   region       = "eu-central-1"
  #   encrypt      = true
  #   use_lockfile = true
  # }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}
