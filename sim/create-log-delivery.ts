// CloudWatch Logs delivery for one trail: a log group with retention and the role CloudTrail
// assumes to write into it.
import {
  CreateLogGroupCommand,
  PutRetentionPolicyCommand,
  type CloudWatchLogsClient,
} from "@aws-sdk/client-cloudwatch-logs";
import { CreateRoleCommand, PutRolePolicyCommand, type IAMClient } from "@aws-sdk/client-iam";

import { SIM_REGION } from "@/sim/aws-env";
import { SimulatorError } from "@/sim/simulator-error";

export interface LogDelivery {
  logGroupName: string;
  /** In the form CloudTrail stores it: `arn:aws:logs:<region>:<account>:log-group:<name>:*`. */
  logGroupArn: string;
  roleArn: string;
}

export async function createLogDelivery(
  clients: { logs: CloudWatchLogsClient; iam: IAMClient },
  accountId: string,
  trailName: string,
): Promise<LogDelivery> {
  const logGroupName = `cloudtrail/${trailName}`;
  await clients.logs.send(new CreateLogGroupCommand({ logGroupName, tags: { Purpose: "cloudtrail" } }));
  await clients.logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 400 }));

  const roleName = `CloudTrailToCloudWatchLogs-${trailName}`;
  const { Role } = await clients.iam.send(
    new CreateRoleCommand({
      RoleName: roleName,
      Description: `Lets CloudTrail deliver ${trailName} to CloudWatch Logs`,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    }),
  );
  if (!Role?.Arn) throw new SimulatorError(`CreateRole ${roleName} in ${accountId} returned no role`);
  const logGroupArn = `arn:aws:logs:${SIM_REGION}:${accountId}:log-group:${logGroupName}:*`;
  await clients.iam.send(
    new PutRolePolicyCommand({
      RoleName: roleName,
      PolicyName: "cloudtrail-to-cloudwatch-logs",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `arn:aws:logs:${SIM_REGION}:${accountId}:log-group:${logGroupName}:log-stream:*`,
          },
        ],
      }),
    }),
  );
  return { logGroupName, logGroupArn, roleArn: Role.Arn };
}
