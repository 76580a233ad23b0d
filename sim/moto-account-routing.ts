// Routes SDK calls to a moto account with moto's `x-moto-account-id` header instead of per-account
// credentials, so one set of clients serves thousands of accounts (the bulk benchmark seed).
// Creating clients and assuming roles per account would cost far more than the seeding calls.
// moto-only: AWS ignores the header; the demo seed uses sts:AssumeRole like the collector.
import { AsyncLocalStorage } from "node:async_hooks";

import { NodeHttpHandler } from "@smithy/node-http-handler";

const currentAccount = new AsyncLocalStorage<string>();

/** Runs `fn` so that every call made through a routing client acts in `accountId`. */
export function actingIn<T>(accountId: string, fn: () => Promise<T>): Promise<T> {
  return currentAccount.run(accountId, fn);
}

export class MotoAccountRouting extends NodeHttpHandler {
  override handle(...[request, options]: Parameters<NodeHttpHandler["handle"]>): ReturnType<NodeHttpHandler["handle"]> {
    const accountId = currentAccount.getStore();
    // Added after signing on purpose: moto does not verify signatures.
    if (accountId) request.headers["x-moto-account-id"] = accountId;
    return super.handle(request, options);
  }
}
