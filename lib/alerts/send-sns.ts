// Publishes an alert to an SNS topic with the hub's own credentials (the default credential chain,
// AWS_ENDPOINT_URL honoured), in the topic's region. The message is the webhook's JSON body, so a
// subscriber (Lambda, SQS, e-mail) gets the same fields.
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { classifyError } from "@/lib/aws/classify-error";
import { hubCredentials } from "@/lib/aws/assume-role";
import { getEnv } from "@/lib/config/env";
import { alertHeadline, type AlertPayload } from "@/lib/alerts/alert-payload";
import { DeliveryError } from "@/lib/alerts/delivery-error";

export async function sendSns(topicArn: string, payload: AlertPayload): Promise<void> {
  const env = getEnv();
  const region = topicArn.split(":")[3]!;
  const sns = new SNSClient({
    region,
    endpoint: env.AWS_ENDPOINT_URL,
    credentials: hubCredentials(env.AWS_ENDPOINT_URL),
    maxAttempts: 2,
  });
  try {
    await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: alertHeadline(payload)
          .replace(/[^\x20-\x7e]/g, " ")
          .slice(0, 100),
        Message: JSON.stringify(payload),
      }),
    );
  } catch (err) {
    const c = classifyError(err);
    throw new DeliveryError(`SNS ${topicArn}: ${c.code}: ${c.message}`);
  } finally {
    sns.destroy();
  }
}
