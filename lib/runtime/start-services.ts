// Background services that run beside the web server in `serve` and `demo`: the job worker
// (scheduled and on-demand collections, remediations) and, when asked, the demo users.
import { startWorker } from "@/lib/jobs/start-worker";
import { ensureInitialAdmin } from "@/lib/auth/bootstrap-admin";
import { seedDemoUsers } from "@/lib/auth/seed-demo-users";

export interface ServeOptions {
  worker?: boolean;
}

export async function startServices(options: ServeOptions): Promise<{ stop(): Promise<void> }> {
  if (process.env.TRAILWARDEN_SEED_DEMO_USERS === "1") await seedDemoUsers();
  const admin = await ensureInitialAdmin();
  if (admin) console.log(`Created the first admin user ${admin} (TRAILWARDEN_ADMIN_EMAIL).`);
  if (options.worker === false) return { stop: async () => undefined };
  const worker = await startWorker();
  console.log("Background worker started (collections on schedule and on demand).");
  return { stop: () => worker.stop() };
}
