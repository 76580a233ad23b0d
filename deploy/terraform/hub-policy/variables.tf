variable "organization_id" {
  description = "Your AWS Organization's id (aws organizations describe-organization): the hub may assume the Trailwarden roles only in its accounts (aws:ResourceOrgID)."
  type        = string

  validation {
    condition     = can(regex("^o-[a-z0-9]{10,32}$", var.organization_id))
    error_message = "organization_id: o- followed by 10 to 32 lowercase letters or digits."
  }
}

variable "hub_role_name" {
  description = "Optional: the hub's IAM role (where Trailwarden's credentials come from) to attach the policies to."
  type        = string
  default     = null
}

variable "read_role_name" {
  description = "TRAILWARDEN_ROLE_NAME"
  type        = string
  default     = "TrailwardenReadOnly"
}

variable "allow_remediation" {
  description = "Also allow assuming the remediation role."
  type        = bool
  default     = false
}

variable "remediation_role_name" {
  description = "TRAILWARDEN_REMEDIATION_ROLE_NAME"
  type        = string
  default     = "TrailwardenRemediation"
}

variable "name_prefix" {
  description = "Prefix of the managed policies' names."
  type        = string
  default     = "trailwarden-hub"
}
