# The stack's choices, for every apply. Terraform reads this file by itself (its name ends in
# .auto.tfvars and it is in the folder applied), so set a choice here and commit it. A -var given by hand holds
# for that one apply only: the next apply without it sets the default again (and a KMS key made
# with -var create_kms_key=true would be scheduled for deletion). variables.tf says what each choice does.
# Each line shows the default, or an example where the default is none; remove the # to choose.

# owner                   = "Payments Team @ Acme"
# create_kms_key          = false
# kms_key_arn             = "arn:aws:kms:us-east-1:ACCOUNT:key/ID"
# artifact_retention_days = 90
# schedule_expression     = "rate(7 days)"
# start_on_new_data       = true
# endpoint_instance_type  = "ml.m5.large"
# data_capture_percentage = 20
# alarm_server_errors     = 5
# alarm_latency_ms        = 500
