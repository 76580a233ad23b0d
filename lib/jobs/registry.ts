// Every background job the worker serves. Add a job by declaring it in its own file and listing it here.
import { collectJob } from "@/lib/jobs/collect-job";
import type { JobDefinition } from "@/lib/jobs/job-definition";
import { remediationJob } from "@/lib/jobs/remediation-job";

export const JOBS: readonly JobDefinition[] = [
  collectJob as unknown as JobDefinition,
  remediationJob as unknown as JobDefinition,
];
