# The Trailwarden roles of one member account: TrailwardenReadOnly (exactly the collector's read
# calls) and, optionally, TrailwardenRemediation (exactly the remediation engine's calls, scoped
# by resource_prefix where AWS allows), both trusted only by the hub with sts:ExternalId.
# The permissions come from deploy/policies/*.json through ../policies, the same files the
# CloudFormation template embeds. Instantiate once per account (one provider per account).
data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

module "policies" {
  source = "../policies"

  partition             = data.aws_partition.current.partition
  account_id            = data.aws_caller_identity.current.account_id
  resource_prefix       = var.resource_prefix
  read_role_name        = var.read_role_name
  remediation_role_name = var.remediation_role_name
}

locals {
  external_id_condition = { StringEquals = { "sts:ExternalId" = var.external_id } }
  principal_condition   = var.hub_principal_arn == null ? {} : { ArnEquals = { "aws:PrincipalArn" = var.hub_principal_arn } }

  trust_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "TrustOnlyTheTrailwardenHub"
      Effect    = "Allow"
      Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${var.hub_account_id}:root" }
      Action    = "sts:AssumeRole"
      Condition = merge(local.external_id_condition, local.principal_condition)
    }]
  })

  tags = merge(var.tags, { ManagedBy = "trailwarden" })
}

resource "aws_iam_role" "read" {
  name                 = var.read_role_name
  description          = "Trailwarden collector: read-only access to CloudTrail posture (assumed by the Trailwarden hub)"
  assume_role_policy   = local.trust_policy
  max_session_duration = 3600
  permissions_boundary = var.permissions_boundary_arn
  tags                 = local.tags
}

resource "aws_iam_role_policy" "read" {
  name   = "TrailwardenRead"
  role   = aws_iam_role.read.id
  policy = module.policies.read_policy_json
}

resource "aws_iam_role" "remediation" {
  count = var.create_remediation_role ? 1 : 0

  name                 = var.remediation_role_name
  description          = "Trailwarden remediation: fixes the CloudTrail control family; never deletes or stops logging (assumed by the Trailwarden hub)"
  assume_role_policy   = local.trust_policy
  max_session_duration = 3600
  permissions_boundary = var.permissions_boundary_arn
  tags                 = local.tags
}

resource "aws_iam_role_policy" "remediation" {
  count = var.create_remediation_role ? 1 : 0

  name   = "TrailwardenRemediation"
  role   = aws_iam_role.remediation[0].id
  policy = module.policies.remediation_policy_json
}
