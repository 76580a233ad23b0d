// Placeholder until this command lands (see the open issue that owns it).
import { UsageError } from "@/cli/run-command";

export async function run(_options: unknown): Promise<number> {
  throw new UsageError("`report-coverage` is not available in this build yet");
}
