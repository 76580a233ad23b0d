// Clears moto and seeds its random generator so generated ids (accounts, OUs, the organization,
// KMS keys) come out the same on every run, as long as the calls are made in the same order.
import { SimulatorError } from "@/sim/simulator-error";

export const DEFAULT_MOTO_SEED = 42;

export async function resetMoto(endpoint: string, seed = DEFAULT_MOTO_SEED): Promise<void> {
  for (const path of ["/moto-api/reset", `/moto-api/seed?a=${seed}`]) {
    const res = await fetch(`${endpoint}${path}`, { method: "POST", signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new SimulatorError(`moto at ${endpoint} answered ${res.status} to POST ${path}`);
  }
}
