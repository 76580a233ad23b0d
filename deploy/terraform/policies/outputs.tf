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
