output "read_policy_json" {
  description = "Permissions of the read role (TrailwardenReadOnly)."
  value       = local.rendered["read"]

  precondition {
    condition     = length(regexall("\\$\\{", local.rendered["read"])) == 0
    error_message = "deploy/policies/read.json uses a placeholder this module does not replace."
  }
}

output "remediation_policy_json" {
  description = "Permissions of the remediation role (TrailwardenRemediation)."
  value       = local.rendered["remediation"]

  precondition {
    condition     = length(regexall("\\$\\{", local.rendered["remediation"])) == 0
    error_message = "deploy/policies/remediation.json uses a placeholder this module does not replace."
  }
}

output "hub_policy_json" {
  description = "Permissions of the hub principal: Organizations discovery and AssumeRole on the read role."
  value       = local.rendered["hub"]

  precondition {
    condition     = length(regexall("\\$\\{", local.rendered["hub"])) == 0
    error_message = "deploy/policies/hub.json uses a placeholder this module does not replace."
  }
}

output "hub_remediation_policy_json" {
  description = "Permission of the hub principal to assume the remediation role."
  value       = local.rendered["hub-remediation"]

  precondition {
    condition     = length(regexall("\\$\\{", local.rendered["hub-remediation"])) == 0
    error_message = "deploy/policies/hub-remediation.json uses a placeholder this module does not replace."
  }
}

output "remediation_existing_buckets_policy_json" {
  description = "Opt-in permissions of the remediation role on buckets of any name in its account (harden_existing_buckets)."
  value       = local.rendered["remediation-existing-buckets"]

  precondition {
    condition     = length(regexall("\\$\\{", local.rendered["remediation-existing-buckets"])) == 0
    error_message = "deploy/policies/remediation-existing-buckets.json uses a placeholder this module does not replace."
  }
}

output "delivery_policy_json" {
  description = "Permissions of the CloudWatch Logs delivery role: write into resource_prefix log groups."
  value       = local.rendered["delivery"]

  precondition {
    condition     = length(regexall("\\$\\{", local.rendered["delivery"])) == 0
    error_message = "deploy/policies/delivery.json uses a placeholder this module does not replace."
  }
}

output "delivery_trust_policy_json" {
  description = "Trust policy of the CloudWatch Logs delivery role: cloudtrail.amazonaws.com."
  value       = local.rendered["delivery-trust"]

  precondition {
    condition     = length(regexall("\\$\\{", local.rendered["delivery-trust"])) == 0
    error_message = "deploy/policies/delivery-trust.json uses a placeholder this module does not replace."
  }
}
