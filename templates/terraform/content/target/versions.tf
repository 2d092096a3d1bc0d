# One target account's stack: apply it once in the staging account and once in the production account, with
# stage and build_account_id (README, "Separate accounts"). It makes what serving and watching a promoted version needs
# there; the versions themselves stay in the build account's model registry and bucket.
terraform {
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.81.0, < 6.0.0"
    }
  }

  # Keep each account's state apart, for example in S3 with key = "{{ project.kebab }}/target-STAGE.tfstate".
}

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}
