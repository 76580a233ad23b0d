# The hub's own permissions: Organizations discovery and sts:AssumeRole on the Trailwarden roles
# of every account of one organization (aws:ResourceOrgID) (from deploy/policies/hub.json and hub-remediation.json). Security Hub findings
# are read through the read role in the administrator account, so no securityhub action is here.
data "aws_partition" "current" {}

module "policies" {
  source = "../policies"

  partition             = data.aws_partition.current.partition
  organization_id       = var.organization_id
  read_role_name        = var.read_role_name
  remediation_role_name = var.remediation_role_name
}

resource "aws_iam_policy" "hub" {
  name        = var.name_prefix
  description = "Trailwarden hub: discover the organization's accounts and assume the read role in each"
  policy      = module.policies.hub_policy_json
}

resource "aws_iam_policy" "hub_remediation" {
  count = var.allow_remediation ? 1 : 0

  name        = "${var.name_prefix}-remediation"
  description = "Trailwarden hub: assume the remediation role in each account"
  policy      = module.policies.hub_remediation_policy_json
}

resource "aws_iam_role_policy_attachment" "hub" {
  count = var.hub_role_name == null ? 0 : 1

  role       = var.hub_role_name
  policy_arn = aws_iam_policy.hub.arn
}

resource "aws_iam_role_policy_attachment" "hub_remediation" {
  count = var.hub_role_name != null && var.allow_remediation ? 1 : 0

  role       = var.hub_role_name
  policy_arn = aws_iam_policy.hub_remediation[0].arn
}
