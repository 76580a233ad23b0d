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
