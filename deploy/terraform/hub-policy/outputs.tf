output "hub_policy_arn" {
  description = "Attach to the hub's principal."
  value       = aws_iam_policy.hub.arn
}

output "hub_remediation_policy_arn" {
  description = "Attach to the hub's principal to allow remediation (null unless allow_remediation)."
  value       = var.allow_remediation ? aws_iam_policy.hub_remediation[0].arn : null
}
