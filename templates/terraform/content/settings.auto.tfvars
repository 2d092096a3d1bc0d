# The stack's choices, for every apply{{ if options.ci != "none" }}: yours and CI's{{ end }}. Terraform reads this file by itself (its name ends in
# .auto.tfvars and it is in the folder applied), so set a choice here and commit it. A -var given by hand holds
# for that one apply only: the next apply without it{{ if options.ci != "none" }}, such as CI's,{{ end }} sets the default again (and a KMS key made
# with -var create_kms_key=true would be scheduled for deletion). variables.tf says what each choice does.
# Each line shows the default, or an example where the default is none; remove the # to choose.
{{~ if options.accounts == "multi" ~}}
# staging_account_id and production_account_id have no default and are not here: {{ if options.ci != "none" }}CI gives them from its secrets;
# give them to your own applies{{ else }}give them to every apply{{ end }} with -var or TF_VAR_ (README, "Separate staging and production accounts").
{{~ end ~}}

# owner                   = {{ hcl.quote options.owner }}
# create_kms_key          = false
# kms_key_arn             = "arn:aws:kms:{{ options.region }}:ACCOUNT:key/ID"
# artifact_retention_days = 90
# schedule_expression     = "rate(7 days)"
# start_on_new_data       = true
{{~ if options.accounts == "single" ~}}
# endpoint_instance_type  = "ml.m5.large"
# data_capture_percentage = 20
# alarm_server_errors     = 5
# alarm_latency_ms        = 500
{{~ end ~}}
{{~ if options.ci != "none" ~}}

# The repository whose CI may deploy ({{ if options.ci == "github" }}OWNER/REPO{{ else }}GROUP/PROJECT{{ end }}): CI's apply gives its own; set it here so that your
# applies keep the role CI assumes too. oidc_provider_arn: the account's existing OIDC provider for
# {{ if options.ci == "github" }}token.actions.githubusercontent.com{{ else }}gitlab.com{{ end }}, when it has one (an account has one per issuer).
# repository              = "{{ if options.ci == "github" }}OWNER/REPO{{ else }}GROUP/PROJECT{{ end }}"
# oidc_provider_arn       = "arn:aws:iam::ACCOUNT:oidc-provider/{{ if options.ci == "github" }}token.actions.githubusercontent.com{{ else }}gitlab.com{{ end }}"
{{~ end ~}}
