// Every endpoint of the HTTP API, in the order the document lists them. A route that is not here
// fails tests/unit/api/openapi.test.ts; see lib/api/define-endpoint.ts for how to add one.
import type { Endpoint } from "@/lib/api/define-endpoint";
import { createToken, getAudit, listTokens, revokeToken } from "@/lib/api/endpoints/admin";
import { listAlertsEndpoint } from "@/lib/api/endpoints/alerts";
import { getCollection, getLatestCollection, listCollections, startCollection } from "@/lib/api/endpoints/collections";
import { getHealth, getOpenApi } from "@/lib/api/endpoints/meta";
import {
  getMatrixEndpoint,
  getMatrixReasonsEndpoint,
  getPostureEndpoint,
  getVerdictEndpoint,
} from "@/lib/api/endpoints/posture";
import {
  cancelRemediationEndpoint,
  getRemediation,
  listRemediations,
  postRemediation,
  retryRemediationEndpoint,
} from "@/lib/api/endpoints/remediations";
import { getCoverageReport } from "@/lib/api/endpoints/reports";

export const ENDPOINTS: readonly Endpoint[] = [
  getHealth,
  getOpenApi,
  getPostureEndpoint,
  getMatrixEndpoint,
  getMatrixReasonsEndpoint,
  getVerdictEndpoint,
  listCollections,
  startCollection,
  getLatestCollection,
  getCollection,
  listRemediations,
  postRemediation,
  getRemediation,
  cancelRemediationEndpoint,
  retryRemediationEndpoint,
  getCoverageReport,
  listAlertsEndpoint,
  listTokens,
  createToken,
  revokeToken,
  getAudit,
];
