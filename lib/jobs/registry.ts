// Every background job the worker serves. Add a job by declaring it in its own file and listing it here.
import { alertDeliveryJob } from "@/lib/jobs/alert-delivery-job";
import { collectBatchJob } from "@/lib/jobs/collect-batch-job";
import { collectJob } from "@/lib/jobs/collect-job";
import { coverageRefreshJob } from "@/lib/jobs/coverage-refresh-job";
import { evidenceJob } from "@/lib/jobs/evidence-job";
import type { JobDefinition } from "@/lib/queue/job-definition";
import { remediationJob } from "@/lib/jobs/remediation-job";
import { watchBatchJob } from "@/lib/jobs/watch-batch-job";
import { watchJob } from "@/lib/jobs/watch-job";

export const JOBS: readonly JobDefinition[] = [
  collectJob as unknown as JobDefinition,
  evidenceJob as unknown as JobDefinition,
  collectBatchJob as unknown as JobDefinition,
  remediationJob as unknown as JobDefinition,
  watchJob as unknown as JobDefinition,
  watchBatchJob as unknown as JobDefinition,
  alertDeliveryJob as unknown as JobDefinition,
  coverageRefreshJob as unknown as JobDefinition,
];
