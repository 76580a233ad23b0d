# Renders deploy/policies/*.json, the single source of the IAM policies (the CloudFormation
# templates embed the same files through deploy/generate-cloudformation.ts). The files use
# CloudFormation's `${Name}` placeholders; they are replaced here with plain string replacement,
# exactly as Fn::Sub would, then minified.
locals {
  policies_dir = var.policies_dir != "" ? var.policies_dir : "${path.module}/../../policies"

  substitutions = {
    "AWS::Partition"      = var.partition
    "AWS::AccountId"      = var.account_id
    "ResourcePrefix"      = var.resource_prefix
    "ReadRoleName"        = var.read_role_name
    "RemediationRoleName" = var.remediation_role_name
    "OrganizationId"      = var.organization_id
  }

  raw = {
    for name in ["read", "remediation", "remediation-existing-buckets", "delivery", "delivery-trust", "hub", "hub-remediation"] :
    name => file("${local.policies_dir}/${name}.json")
  }

  # One replace() per placeholder; "$${" is HCL's escape for a literal "${".
  substituted = {
    for name, text in local.raw : name => replace(replace(replace(replace(replace(replace(text,
      "$${AWS::Partition}", local.substitutions["AWS::Partition"]),
      "$${AWS::AccountId}", local.substitutions["AWS::AccountId"]),
      "$${ResourcePrefix}", local.substitutions["ResourcePrefix"]),
      "$${ReadRoleName}", local.substitutions["ReadRoleName"]),
      "$${RemediationRoleName}", local.substitutions["RemediationRoleName"]),
    "$${OrganizationId}", local.substitutions["OrganizationId"])
  }

  rendered = { for name, text in local.substituted : name => jsonencode(jsondecode(text)) }
}
