# The Trailwarden roles of one member account: TrailwardenReadOnly (exactly the collector's read
# calls) and, optionally, TrailwardenRemediation (exactly the remediation engine's calls, scoped
# by resource_prefix where AWS allows) with the CloudWatch Logs delivery role it passes to
# CloudTrail; the first two trusted only by the hub's role with sts:ExternalId.
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
  hub_conditions = {
    StringEquals = { "sts:ExternalId" = var.external_id }
    ArnEquals    = { "aws:PrincipalArn" = var.hub_principal_arn }
  }

  trust_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "TrustOnlyTheTrailwardenHub"
      Effect    = "Allow"
      Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${var.hub_account_id}:root" }
      Action    = "sts:AssumeRole"
      Condition = local.hub_conditions
    }]
  })

  # Remediation sessions must name the signed-in user who asked (sts:SourceIdentity), which
  # CloudTrail then records on every call of the session.
  remediation_trust_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "TrustOnlyTheTrailwardenHub"
      Effect    = "Allow"
      Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${var.hub_account_id}:root" }
      Action    = ["sts:AssumeRole", "sts:SetSourceIdentity"]
      Condition = merge(local.hub_conditions, { StringLike = { "sts:SourceIdentity" = "*" } })
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
  assume_role_policy   = local.remediation_trust_policy
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

resource "aws_iam_role_policy" "remediation_existing_buckets" {
  count = var.create_remediation_role && var.harden_existing_buckets ? 1 : 0

  name   = "TrailwardenHardenExistingBuckets"
  role   = aws_iam_role.remediation[0].id
  policy = module.policies.remediation_existing_buckets_policy_json
}

# The role CloudTrail assumes to deliver to CloudWatch Logs. Shipped here so that remediation
# never creates or edits a role: it only passes this one to cloudtrail.amazonaws.com.
resource "aws_iam_role" "delivery" {
  count = var.create_remediation_role ? 1 : 0

  name                 = "${var.resource_prefix}cloudtrail-delivery"
  description          = "CloudTrail delivers trails to CloudWatch Logs with this role (passed to CloudTrail by Trailwarden remediation)"
  assume_role_policy   = module.policies.delivery_trust_policy_json
  max_session_duration = 3600
  permissions_boundary = var.permissions_boundary_arn
  tags                 = local.tags
}

resource "aws_iam_role_policy" "delivery" {
  count = var.create_remediation_role ? 1 : 0

  name   = "TrailwardenCloudTrailDelivery"
  role   = aws_iam_role.delivery[0].id
  policy = module.policies.delivery_policy_json
}
