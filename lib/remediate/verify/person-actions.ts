// What a person still has to do after every step of a fix succeeded. Verification re-evaluates the
// account; a control that still fails is a person's action (not a failed fix) when the engine has
// done all it may do for it:
// - a CIS alarm chain that reaches its SNS topic but finds no confirmed subscription (AWS e-mails a
//   confirmation link; nobody but the recipient can click it);
// - a control the endpoint could not evaluate (ERROR: the evidence could not be read);
// - a control the re-plan leaves to a person in one of its notes (no alarm destination given, a
//   required tag without a value, an unreadable log group or bucket).
// Anything else still failing means the fix did not hold: the job failed.
import type { PlanIssue } from "@/lib/remediate/plan/plan-types";

export interface FailingVerdict {
  controlId: string;
  status: string;
  reason: string;
  evidence?: string[];
}

export interface PersonAction {
  /** The controls that pass once the action is done. */
  controls: string[];
  action: string;
}

export interface ActionSplit {
  actions: PersonAction[];
  /** Failing controls nobody explained: the fix itself did not hold. */
  unexplained: FailingVerdict[];
}

const SNS_TOPIC_ARN = /^arn:[^:]+:sns:[^:]+:\d{12}:[^:]+$/;

function topicOf(v: FailingVerdict): string | undefined {
  return v.controlId.startsWith("CloudWatch.") && v.status === "FAILED"
    ? (v.evidence ?? []).find((e) => SNS_TOPIC_ARN.test(e))
    : undefined;
}

export function splitPersonActions(failing: FailingVerdict[], replanNotes: PlanIssue[]): ActionSplit {
  const actions: PersonAction[] = [];
  const unexplained: FailingVerdict[] = [];
  const byTopic = new Map<string, string[]>();
  const byNote = new Map<PlanIssue, string[]>();
  for (const v of failing) {
    const topic = topicOf(v);
    if (topic) {
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), v.controlId]);
      continue;
    }
    const note = replanNotes.find((n) => n.controls.includes(v.controlId));
    if (note) {
      byNote.set(note, [...(byNote.get(note) ?? []), v.controlId]);
      continue;
    }
    if (v.status === "ERROR") {
      actions.push({
        controls: [v.controlId],
        action: `${v.controlId} could not be evaluated (${v.reason}): check it by hand or fix the read access, then re-collect`,
      });
      continue;
    }
    unexplained.push(v);
  }
  for (const [topic, controls] of byTopic) {
    actions.push({
      controls,
      action: `Confirm a subscription to SNS topic ${topic} (AWS e-mails the address a confirmation link), or subscribe someone to it; ${controls.join(", ")} pass once it has a confirmed subscriber`,
    });
  }
  for (const [note, controls] of byNote) actions.push({ controls, action: note.message });
  return { actions, unexplained };
}
