// The simulator's proxy: an HTTP server on 127.0.0.1 in front of moto, for what moto does not do
// as AWS does. Every call passes a chain of interceptors; the first that answers wins, otherwise
// the call goes on to moto and every interceptor may observe moto's answer. Interceptors live in
// their own files under sim/proxy/ (faults and throttling, the CloudTrail operations moto lacks,
// AWS's preconditions); `startSimulator` assembles the default chain.
import http from "node:http";
import type { AddressInfo } from "node:net";

import { awsError, type ProxyAnswer } from "@/sim/proxy/aws-errors";
import { describeCall, type AwsCall } from "@/sim/proxy/describe-call";

export interface ForwardedAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface ProxyContext {
  /** moto's own endpoint, for interceptors that need to read state (e.g. a bucket policy) directly. */
  target: string;
  /** Sends a request straight to moto (not through the interceptors). */
  send(request: {
    method: string;
    path: string;
    headers?: http.OutgoingHttpHeaders;
    body?: Buffer | string;
  }): Promise<ForwardedAnswer>;
  awsError: (call: AwsCall, status: number, code: string, message: string) => ProxyAnswer;
}

export interface ProxyInterceptor {
  name: string;
  /**
   * Answers the call instead of moto; `undefined` passes it on. `"hang"` never answers (the
   * client's timeout must fire).
   */
  intercept?(
    call: AwsCall,
    ctx: ProxyContext,
  ): ProxyAnswer | "hang" | undefined | Promise<ProxyAnswer | "hang" | undefined>;
  /** Sees a call moto answered, with the answer (e.g. to record CloudTrail mutations). */
  observe?(call: AwsCall, answer: ForwardedAnswer, ctx: ProxyContext): void | Promise<void>;
}

export interface ProxyStats {
  requests: number;
  intercepted: number;
  byOperation: Record<string, number>;
}

export interface AwsProxy {
  endpoint: string;
  target: string;
  stats: ProxyStats;
  /** Adds an interceptor in front of the chain (tests use this for one-off behaviour). */
  use(interceptor: ProxyInterceptor): () => void;
  stop(): Promise<void>;
}

export interface AwsProxyOptions {
  target: string;
  port?: number;
  interceptors?: ProxyInterceptor[];
}

export async function startAwsProxy(options: AwsProxyOptions): Promise<AwsProxy> {
  const target = new URL(options.target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const chain = [...(options.interceptors ?? [])];
  const keyAccounts = new Map<string, string>(); // access key id → account, from AssumeRole answers
  const stats: ProxyStats = { requests: 0, intercepted: 0, byOperation: {} };
  const hanging = new Set<http.ServerResponse>();

  const send: ProxyContext["send"] = (request) =>
    new Promise((resolve, reject) => {
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: request.path,
          headers: { ...request.headers, host: target.host },
          agent,
        },
        (up) => {
          const parts: Buffer[] = [];
          up.on("data", (c: Buffer) => parts.push(c));
          up.on("end", () =>
            resolve({ status: up.statusCode ?? 502, headers: up.headers, body: Buffer.concat(parts) }),
          );
          up.on("error", reject);
        },
      );
      upstream.on("error", reject);
      upstream.end(request.body);
    });
  const ctx: ProxyContext = { target: options.target, send, awsError };

  const handle = async (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) => {
    const call = describeCall(req, body, keyAccounts);
    stats.requests += 1;
    const op = `${call.service}:${call.operation}`;
    stats.byOperation[op] = (stats.byOperation[op] ?? 0) + 1;
    for (const interceptor of chain) {
      const answer = await interceptor.intercept?.(call, ctx);
      if (answer === undefined) continue;
      stats.intercepted += 1;
      if (answer === "hang") {
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      }
      res.writeHead(answer.status, answer.headers).end(answer.body);
      return;
    }
    const headers = { ...req.headers };
    delete headers.host;
    const answer = await send({ method: call.method, path: call.url, headers, body });
    if (call.operation === "AssumeRole") {
      const key = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(answer.body.toString("utf8"))?.[1];
      if (key && call.accountId) keyAccounts.set(key, call.accountId);
    }
    for (const interceptor of chain) await interceptor.observe?.(call, answer, ctx);
    res.writeHead(answer.status, answer.headers).end(answer.body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      handle(req, Buffer.concat(chunks), res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
        res.end(`proxy: ${err instanceof Error ? err.message : String(err)}`);
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    target: options.target,
    stats,
    use(interceptor) {
      chain.unshift(interceptor);
      return () => {
        const i = chain.indexOf(interceptor);
        if (i >= 0) chain.splice(i, 1);
      };
    },
    stop: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
