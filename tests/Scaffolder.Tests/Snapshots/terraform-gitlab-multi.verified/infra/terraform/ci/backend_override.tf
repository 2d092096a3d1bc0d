# CI copies this next to the stack before `terraform init`, so its state lives in S3 (bucket, key and region
# come from -backend-config). Locally, `terraform init` keeps the state on disk unless you do the same.
terraform {
  backend "s3" {}
}
