# The stack's choices, for every apply: yours and CI's. Terraform reads this file by itself (its name ends in
# .auto.tfvars and it is in the folder applied), so set a choice here and commit it. A -var given by hand holds
# for that one apply only: the next apply without it, such as CI's, sets the default again (and a KMS key made
# with -var create_kms_key=true would be scheduled for deletion). variables.tf says what each choice does.
# Each line shows the default, or an example where the default is none; remove the # to choose.
# staging_account_id and production_account_id have no default and are not here: CI gives them from its secrets;
# give them to your own applies with -var or TF_VAR_ (README, "Separate staging and production accounts").

# owner                   = "ml-team"
# create_kms_key          = false
# kms_key_arn             = "arn:aws:kms:eu-central-1:ACCOUNT:key/ID"
# artifact_retention_days = 90
# schedule_expression     = "rate(7 days)"
# start_on_new_data       = true

# The repository whose CI may deploy (GROUP/PROJECT): CI's apply gives its own; set it here so that your
# applies keep the role CI assumes too. oidc_provider_arn: the account's existing OIDC provider for
# gitlab.com, when it has one (an account has one per issuer).
# repository              = "GROUP/PROJECT"
# oidc_provider_arn       = "arn:aws:iam::ACCOUNT:oidc-provider/gitlab.com"
