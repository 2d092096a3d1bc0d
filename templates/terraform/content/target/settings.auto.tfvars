# The choices of this stack, for every apply in both target accounts: Terraform reads this file by itself (its name
# ends in .auto.tfvars and it is in the folder applied), so set a choice here and commit it. A -var given by hand
# holds for that one apply only: the next apply without it sets the default again (and a KMS key made with
# -var create_kms_key=true would be scheduled for deletion). variables.tf says what each choice does.
# Each line shows the default, or an example where the default is none; remove the # to choose.
# stage and build_account_id have no default and are not here: give them to every apply with -var (README,
# "Separate staging and production accounts").

# owner                  = {{ hcl.quote options.owner }}
# build_kms_key_arn      = "arn:aws:kms:{{ options.region }}:BUILD_ACCOUNT:key/ID"
# create_kms_key         = false
# Your own key is one of each account: give it per account (-var-file=staging.tfvars), not here.
# kms_key_arn            = "arn:aws:kms:{{ options.region }}:ACCOUNT:key/ID"
# capture_retention_days = 90
# alarm_server_errors    = 5
# alarm_latency_ms       = 500
