variable "hub_account_id" {
  description = "The AWS account Trailwarden runs in (its hub credentials belong to this account)."
  type        = string

  validation {
    condition     = can(regex("^\\d{12}$", var.hub_account_id))
    error_message = "hub_account_id must be a 12-digit AWS account id."
  }
}

variable "hub_principal_arn" {
  description = "The hub's IAM role ARN: only that role may assume these roles (aws:PrincipalArn condition)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]+$", var.hub_principal_arn))
    error_message = "hub_principal_arn must be an IAM role ARN of the hub account."
  }
}

variable "external_id" {
  description = "The sts:ExternalId the hub sends (TRAILWARDEN_EXTERNAL_ID)."
  type        = string
  sensitive   = true

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@:/_-]{2,1224}$", var.external_id))
    error_message = "external_id: 2 to 1224 characters, letters, digits and +=,.@:/_-."
  }
}

variable "read_role_name" {
  description = "Name of the read role (TRAILWARDEN_ROLE_NAME)."
  type        = string
  default     = "TrailwardenReadOnly"
}

variable "create_remediation_role" {
  description = "Also create the remediation role (fixes the CloudTrail control family; never deletes or stops anything)."
  type        = bool
  default     = false
}

variable "remediation_role_name" {
  description = "Name of the remediation role (TRAILWARDEN_REMEDIATION_ROLE_NAME)."
  type        = string
  default     = "TrailwardenRemediation"
}

variable "resource_prefix" {
  description = "Name prefix of everything remediation creates (TRAILWARDEN_REMEDIATION_PREFIX / the settings page)."
  type        = string
  default     = "trailwarden-"
}

variable "harden_existing_buckets" {
  description = <<-EOT
    Opt-in: let the remediation role also change the policy, public access block, versioning, encryption and
    access logging of buckets of ANY name in the account. Off: only buckets named with resource_prefix.
  EOT
  type        = bool
  default     = false
}

variable "permissions_boundary_arn" {
  description = "Optional: a permissions boundary your organization requires on every role."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for both roles (ManagedBy = trailwarden is always added)."
  type        = map(string)
  default     = {}
}
