// Where the simulated organization knowingly differs from AWS (moto 5.2.1), shipped in every
// manifest so tests and readers know which shapes come from the emulator, not from AWS.
export const MOTO_NOTES: readonly string[] = [
  "Organization trails are not propagated to member accounts by moto: members' ListTrails omit org-trail; credit it from the management account.",
  "New trails in moto have no default event selectors; network-hub-trail is left unset on purpose (GetEventSelectors returns two empty lists) and is expected to log all management events, as on AWS.",
  "GetTrail has no HomeRegion in moto; every seeded trail's home region is us-east-1.",
  "HasCustomEventSelectors is always false in moto's GetTrail.",
  "CloudTrail Lake (ListEventDataStores) is not implemented by moto: CloudTrail.10 is expected NO_DATA (on AWS with no data stores it would be NOT_APPLICABLE).",
  "GetBucketPolicyStatus answers an empty PolicyStatus (no IsPublic) in moto: treat it as unknown; CloudTrail.6 passes on the public access block, fully on for every seeded bucket.",
  'moto\'s Organizations names the management account "master" (master@example.com) and cannot rename it; the manifest reports it as Organizations does.',
  "Seeded ids are deterministic only while nothing else calls this moto during seeding (every request draws from moto's seeded random stream).",
  "moto confirms SNS email subscriptions at once (AWS leaves them PendingConfirmation until the recipient confirms).",
  "Security Hub findings are imported into the administrator account with each account's AwsAccountId (moto does not aggregate); GetFindings ignores Filters.",
  "moto enforces neither trust policies, ExternalId nor IAM permissions: any role name can be assumed.",
  "moto evaluates bucket-policy conditions without the request's context, so an aws:SecureTransport deny " +
    "refuses every object request over the emulator's plain HTTP: the buckets holding the demo's delivered " +
    "record (digests, log files) leave that statement out.",
];
