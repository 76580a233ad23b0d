variable "partition" {
  description = "AWS partition of the ARNs (aws, aws-us-gov, aws-cn)."
  type        = string
  default     = "aws"
}

variable "account_id" {
  description = "The account the member-account policies are for. Unused by the hub policies."
  type        = string
  default     = "000000000000"

  validation {
    condition     = can(regex("^\\d{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id."
  }
}

variable "resource_prefix" {
  description = "Name prefix of everything remediation creates (TRAILWARDEN_REMEDIATION_PREFIX)."
  type        = string
  default     = "trailwarden-"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,20}$", var.resource_prefix))
    error_message = "resource_prefix: lowercase letters, digits and hyphens, starting with a letter, at most 21 characters."
  }
}

variable "read_role_name" {
  description = "Name of the read role (TRAILWARDEN_ROLE_NAME)."
  type        = string
  default     = "TrailwardenReadOnly"
}

variable "remediation_role_name" {
  description = "Name of the remediation role (TRAILWARDEN_REMEDIATION_ROLE_NAME)."
  type        = string
  default     = "TrailwardenRemediation"
}

variable "organization_id" {
  description = "The AWS Organization whose accounts the hub may assume roles in (aws:ResourceOrgID). Used by the hub policies only; empty matches no account."
  type        = string
  default     = ""

  validation {
    condition     = var.organization_id == "" || can(regex("^o-[a-z0-9]{10,32}$", var.organization_id))
    error_message = "organization_id: o- followed by 10 to 32 lowercase letters or digits."
  }
}

variable "policies_dir" {
  description = <<-EOT
    Directory holding read.json, remediation.json, hub.json and hub-remediation.json. Empty: deploy/policies of
    this repository (the module must then be used from a copy of the whole repository, e.g. a git source with
    //deploy/terraform/...).
  EOT
  type        = string
  default     = ""
}
