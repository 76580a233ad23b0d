// A fault proxy in front of moto as a command, for benchmarks run in another process.
// npx tsx sim/proxy/throttle-proxy-cli.ts --target http://127.0.0.1:5000 [--port 0] [--latency 100] [--throttle 0.05]
// Prints the endpoint on stdout's first line and runs until SIGINT/SIGTERM.
import { startAwsProxy } from "@/sim/proxy/aws-proxy";
import { faultInterceptor } from "@/sim/proxy/faults";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const targetUrl = arg("target");
if (!targetUrl) {
  console.error(
    "usage: tsx sim/proxy/throttle-proxy-cli.ts --target http://127.0.0.1:PORT [--port 0] [--latency MS] [--throttle FRACTION]",
  );
  process.exit(2);
}
const faults = faultInterceptor({
  latencyMs: Number(arg("latency") ?? 0),
  throttleRate: Number(arg("throttle") ?? 0),
});
const proxy = await startAwsProxy({ target: targetUrl, port: Number(arg("port") ?? 0), interceptors: [faults] });
console.log(proxy.endpoint);
const stop = async () => {
  console.error(JSON.stringify({ requests: proxy.stats.requests, throttled: faults.stats.throttled }));
  await proxy.stop();
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
