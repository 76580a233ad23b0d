output "read_role_arn" {
  description = "ARN of the read role."
  value       = aws_iam_role.read.arn
}

output "remediation_role_arn" {
  description = "ARN of the remediation role (null when create_remediation_role is false)."
  value       = var.create_remediation_role ? aws_iam_role.remediation[0].arn : null
}

output "delivery_role_arn" {
  description = "ARN of the CloudWatch Logs delivery role remediation passes to CloudTrail (null when create_remediation_role is false)."
  value       = var.create_remediation_role ? aws_iam_role.delivery[0].arn : null
}
