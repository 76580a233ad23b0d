// The simulated AWS the demo, the integration tests and the benchmarks talk to: moto behind the
// simulator's proxy (sim/proxy/), which adds what moto lacks. Clients use `endpoint` (the proxy);
// `motoEndpoint` reaches moto directly, for seeding state AWS itself would have made.
import { startAwsProxy, type AwsProxy, type ProxyInterceptor } from "@/sim/proxy/aws-proxy";
import { eventualConsistency } from "@/sim/proxy/eventual-consistency";
import { expectedBucketOwnerInterceptor } from "@/sim/proxy/expected-bucket-owner";
import { faultInterceptor, type FaultInterceptor } from "@/sim/proxy/faults";
import { listBucketsRegion } from "@/sim/proxy/list-buckets-region";
import { listPublicKeysInterceptor } from "@/sim/proxy/list-public-keys";
import { lookupEventsInterceptor } from "@/sim/proxy/lookup-events";
import { strictCloudTrail } from "@/sim/proxy/strict-cloudtrail";
import { strictKmsKeyPolicy } from "@/sim/proxy/strict-kms-key-policy";
import { strictS3PolicySize } from "@/sim/proxy/strict-s3-policy-size";
import { organizationConfigRulesInterceptor } from "@/sim/proxy/organization-config-rules";
import { startMoto, type StartMotoOptions } from "@/sim/start-moto";

export interface Simulator {
  /** The proxy: what AWS_ENDPOINT_URL points at. */
  endpoint: string;
  motoEndpoint: string;
  proxy: AwsProxy;
  /** Fault injection (throttling, AccessDenied, time-outs), off until rules are set. */
  faults: FaultInterceptor;
  stop(): Promise<void>;
}

export interface StartSimulatorOptions extends StartMotoOptions {
  /** Interceptors after the fault injector, before moto (each feature's own file under sim/proxy/). */
  interceptors?: ProxyInterceptor[];
}

export async function startSimulator(opts: StartSimulatorOptions = {}): Promise<Simulator> {
  const moto = await startMoto({ log: opts.log });
  const faults = faultInterceptor();
  let proxy: AwsProxy;
  try {
    proxy = await startAwsProxy({
      target: moto.endpoint,
      port: opts.port,
      interceptors: [faults, ...(opts.interceptors ?? defaultInterceptors())],
    });
  } catch (err) {
    await moto.stop();
    throw err;
  }
  opts.log?.(`AWS proxy listening on ${proxy.endpoint} in front of moto`);
  return {
    endpoint: proxy.endpoint,
    motoEndpoint: moto.endpoint,
    proxy,
    faults,
    stop: async () => {
      await proxy.stop();
      await moto.stop();
    },
  };
}

/**
 * The interceptors every simulator runs with unless a caller names its own. Strict mode is the
 * default: CloudTrail's preconditions, KMS key policies and S3's policy size limit are enforced as
 * AWS does (docs/aws-preconditions.md), and eventual consistency is available (off until set
 * through its control path).
 */
export function defaultInterceptors(): ProxyInterceptor[] {
  const consistency = eventualConsistency();
  return [
    lookupEventsInterceptor(),
    listPublicKeysInterceptor(),
    listBucketsRegion(),
    expectedBucketOwnerInterceptor(),
    consistency,
    strictKmsKeyPolicy(),
    strictCloudTrail({ roleSettling: consistency.roleSettling }),
    strictS3PolicySize(),
    organizationConfigRulesInterceptor(),
  ];
}
