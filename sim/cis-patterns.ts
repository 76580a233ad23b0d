// The 14 CIS metric filter patterns behind CloudWatch.1–14, byte for byte from docs/controls.md
// (AWS's own strings). The simulator keeps its own copy on purpose: the seeded state is the oracle
// the evaluator is tested against, so it must not share the evaluator's constants.

export interface CisFilter {
  controlId: `CloudWatch.${number}`;
  /** What the alarm watches, for names and descriptions. */
  watches: string;
  /** Metric name as AWS's CIS remediation names it. */
  metricName: string;
  pattern: string;
}

export const CIS_METRIC_NAMESPACE = "CISBenchmark";

export const CIS_FILTERS: readonly CisFilter[] = [
  {
    controlId: "CloudWatch.1",
    watches: "root account use",
    metricName: "RootAccountUsage",
    pattern: '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  },
  {
    controlId: "CloudWatch.2",
    watches: "unauthorized API calls",
    metricName: "UnauthorizedAPICalls",
    pattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  },
  {
    controlId: "CloudWatch.3",
    watches: "console sign-in without MFA",
    metricName: "ConsoleSignInWithoutMfa",
    pattern: '{($.eventName="ConsoleLogin") && ($.additionalEventData.MFAUsed !="Yes")}',
  },
  {
    controlId: "CloudWatch.4",
    watches: "IAM policy changes",
    metricName: "IAMPolicyChanges",
    pattern:
      "{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) " +
      "|| ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) " +
      "|| ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) " +
      "|| ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) " +
      "|| ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}",
  },
  {
    controlId: "CloudWatch.5",
    watches: "CloudTrail configuration changes",
    metricName: "CloudTrailConfigChanges",
    pattern:
      "{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}",
  },
  {
    controlId: "CloudWatch.6",
    watches: "console authentication failures",
    metricName: "ConsoleAuthenticationFailures",
    pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  },
  {
    controlId: "CloudWatch.7",
    watches: "KMS key disable or scheduled deletion",
    metricName: "DisableOrDeleteCMK",
    pattern: "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}",
  },
  {
    controlId: "CloudWatch.8",
    watches: "S3 bucket policy changes",
    metricName: "S3BucketPolicyChanges",
    pattern:
      "{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || " +
      "($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) " +
      "|| ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) " +
      "|| ($.eventName=DeleteBucketReplication))}",
  },
  {
    controlId: "CloudWatch.9",
    watches: "AWS Config changes",
    metricName: "AWSConfigChanges",
    pattern:
      "{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) " +
      "|| ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}",
  },
  {
    controlId: "CloudWatch.10",
    watches: "security group changes",
    metricName: "SecurityGroupChanges",
    pattern:
      "{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) " +
      "|| ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}",
  },
  {
    controlId: "CloudWatch.11",
    watches: "network ACL changes",
    metricName: "NACLChanges",
    pattern:
      "{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) " +
      "|| ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}",
  },
  {
    controlId: "CloudWatch.12",
    watches: "network gateway changes",
    metricName: "NetworkGatewayChanges",
    pattern:
      "{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) " +
      "|| ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}",
  },
  {
    controlId: "CloudWatch.13",
    watches: "route table changes",
    metricName: "RouteTableChanges",
    pattern:
      "{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) " +
      "|| ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}",
  },
  {
    controlId: "CloudWatch.14",
    watches: "VPC changes",
    metricName: "VPCChanges",
    pattern:
      "{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) " +
      "|| ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) " +
      "|| ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) " +
      "|| ($.eventName=EnableVpcClassicLink)}",
  },
];
