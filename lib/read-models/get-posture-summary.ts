import { cache } from "react";
import { controlColumns } from "@/lib/views/control-columns";
import { getLatestStatuses } from "@/lib/read-models/get-latest-statuses";
import { summarizePosture, type PostureSummary } from "@/lib/read-models/summarize-posture";

/** The overview's current figures; several widgets share one computation per request. */
export const getPostureSummary = cache(async (): Promise<PostureSummary> =>
  summarizePosture(await getLatestStatuses(), controlColumns()),
);
