// `trailwarden serve`: the database (embedded unless DATABASE_URL), migrations, the background
// worker and the Next.js production server, stopped together on Ctrl-C.
import { UsageError } from "@/cli/run-command";
import { dataDir, getEnv } from "@/lib/config/env";
import { ensureDatabase } from "@/lib/db/database";
import { onShutdown } from "@/lib/runtime/child-process";
import { resetDataDir } from "@/lib/runtime/reset-data-dir";
import { buildIsCurrent, startWeb } from "@/lib/runtime/start-web";
import { startServices, type ServeOptions } from "@/lib/runtime/start-services";

export async function run(
  options: ServeOptions & { port?: string; resetData?: boolean; build?: boolean },
): Promise<number> {
  const env = getEnv();
  const port = Number(options.port ?? env.TRAILWARDEN_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(`--port must be a TCP port number, got "${options.port}"`);
  if (options.resetData) resetDataDir(dataDir(env));
  if (options.build === false && !buildIsCurrent())
    throw new UsageError("--no-build given but there is no current production build; run `npx next build` first");

  const database = await ensureDatabase({ log: (l) => console.log(l), stopsOnSignal: true });
  const services = await startServices(options);
  let web;
  try {
    process.env.TRAILWARDEN_PUBLIC_URL ??= `http://${env.TRAILWARDEN_HOST}:${port}`;
    web = await startWeb({ port, host: env.TRAILWARDEN_HOST, env: process.env });
  } catch (err) {
    await services.stop();
    await database.stop();
    throw err;
  }
  const stopAll = async () => {
    await web.stop();
    await services.stop();
    await database.stop();
  };
  onShutdown(stopAll);
  console.log(`\nTrailwarden is running at http://${env.TRAILWARDEN_HOST}:${port}  (Ctrl-C stops it)`);
  const code = await web.exited;
  console.error(`The web server exited (code ${code}); stopping.`);
  await stopAll();
  return code ?? 1;
}
