// The CIS metric filter patterns behind CloudWatch.1–14, byte for byte as AWS publishes them
// (docs/controls.md). Remediation writes `pattern` exactly; evaluation compares filters to
// `pattern` and `alternativePatterns` with insignificant whitespace ignored (see filter-pattern.ts).
// Do not reformat these strings: a changed byte is a changed remediation.
import type { CisMetricFilterSpec, CloudWatchControlId } from "@/lib/controls/types";

/** Namespace suggested for remediation metrics (any namespace passes evaluation). */
export const CIS_METRIC_NAMESPACE = "CISBenchmark";

/**
 * How CIS and AWS's own remediation build the alarm. Evaluation does not require these values
 * (Security Hub does not either); remediation uses them.
 */
export const CIS_ALARM_SETTINGS = {
  metricValue: "1",
  statistic: "Sum",
  periodSeconds: 300,
  evaluationPeriods: 1,
  threshold: 1,
  comparisonOperator: "GreaterThanOrEqualToThreshold",
  treatMissingData: "notBreaching",
} as const;

export const CIS_METRIC_FILTERS: Record<CloudWatchControlId, CisMetricFilterSpec> = {
  "CloudWatch.1": {
    watches: "root account use",
    pattern: '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
    alternativePatterns: [],
    metricName: "RootAccountUsage",
  },
  "CloudWatch.2": {
    watches: "unauthorized API calls",
    pattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    alternativePatterns: [],
    metricName: "UnauthorizedAPICalls",
  },
  "CloudWatch.3": {
    watches: "console sign-in without MFA",
    pattern: '{($.eventName="ConsoleLogin") && ($.additionalEventData.MFAUsed !="Yes")}',
    alternativePatterns: [
      '{($.eventName="ConsoleLogin") && ($.additionalEventData.MFAUsed !="Yes") && ($.userIdentity.type="IAMUser") && ($.responseElements.ConsoleLogin="Success")}',
    ],
    metricName: "ConsoleSignInWithoutMFA",
  },
  "CloudWatch.4": {
    watches: "IAM policy changes",
    pattern:
      "{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) " +
      "|| ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) " +
      "|| ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) " +
      "|| ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) " +
      "|| ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}",
    alternativePatterns: [],
    metricName: "IAMPolicyChanges",
  },
  "CloudWatch.5": {
    watches: "CloudTrail configuration changes",
    pattern:
      "{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}",
    alternativePatterns: [],
    metricName: "CloudTrailConfigChanges",
  },
  "CloudWatch.6": {
    watches: "console authentication failures",
    pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
    alternativePatterns: [],
    metricName: "ConsoleAuthenticationFailures",
  },
  "CloudWatch.7": {
    watches: "KMS key disable or scheduled deletion",
    pattern: "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}",
    alternativePatterns: [],
    metricName: "DisableOrDeleteCMK",
  },
  "CloudWatch.8": {
    watches: "S3 bucket policy changes",
    pattern:
      "{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || " +
      "($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) " +
      "|| ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) " +
      "|| ($.eventName=DeleteBucketReplication))}",
    alternativePatterns: [],
    metricName: "S3BucketPolicyChanges",
  },
  "CloudWatch.9": {
    watches: "AWS Config changes",
    pattern:
      "{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) " +
      "|| ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}",
    alternativePatterns: [],
    metricName: "AWSConfigChanges",
  },
  "CloudWatch.10": {
    watches: "security group changes",
    pattern:
      "{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) " +
      "|| ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}",
    alternativePatterns: [],
    metricName: "SecurityGroupChanges",
  },
  "CloudWatch.11": {
    watches: "network ACL changes",
    pattern:
      "{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) " +
      "|| ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}",
    alternativePatterns: [],
    metricName: "NACLChanges",
  },
  "CloudWatch.12": {
    watches: "network gateway changes",
    pattern:
      "{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) " +
      "|| ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}",
    alternativePatterns: [],
    metricName: "NetworkGatewayChanges",
  },
  "CloudWatch.13": {
    watches: "route table changes",
    pattern:
      "{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) " +
      "|| ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}",
    alternativePatterns: [],
    metricName: "RouteTableChanges",
  },
  "CloudWatch.14": {
    watches: "VPC changes",
    pattern:
      "{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) " +
      "|| ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) " +
      "|| ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) " +
      "|| ($.eventName=EnableVpcClassicLink)}",
    alternativePatterns: [],
    metricName: "VPCChanges",
  },
};
