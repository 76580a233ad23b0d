// Queues an evidence read (job "evidence"); several requests while one waits fold into it.
import "server-only";
import { getBoss, ensureQueue } from "@/lib/queue/pg-boss";
import { EVIDENCE_JOB, evidenceJob, evidencePayload, type EvidencePayload } from "@/lib/jobs/evidence-job";

export async function requestEvidenceRead(input: EvidencePayload): Promise<void> {
  const payload = evidencePayload.parse(input);
  const boss = await getBoss();
  await ensureQueue(boss, EVIDENCE_JOB, evidenceJob.queue);
  await boss.send(EVIDENCE_JOB, payload);
}
