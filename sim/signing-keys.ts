// The simulator's CloudTrail signing keys: RSA key pairs as CloudTrail keeps one per region, each
// valid for a window, rotated when a writer asks. The digest writer (sim/write-trail-record.ts)
// signs with the private halves; the proxy's ListPublicKeys answer (sim/proxy/list-public-keys.ts)
// hands out the public halves, registered with it over HTTP so that a test process, the demo and
// the proxy in another process agree on the keys.
import { createHash, generateKeyPairSync, type KeyObject } from "node:crypto";

export interface SimSigningKey {
  region: string;
  privateKey: KeyObject;
  /** The public key as CloudTrail's ListPublicKeys gives it: DER-encoded PKCS #1 RSAPublicKey. */
  publicDer: Buffer;
  /** Hex MD5 of the DER public key: the 32 hex characters a digest's digestPublicKeyFingerprint carries. */
  fingerprint: string;
  validFrom: Date;
  validTo: Date;
}

/** The JSON the proxy accepts at REGISTER_PATH. */
export interface RegisteredPublicKey {
  region: string;
  value: string; // base64 DER
  fingerprint: string;
  validFrom: string;
  validTo: string;
}

export const REGISTER_PATH = "/__sim/cloudtrail/public-keys";

const FAR_FUTURE = new Date("2099-12-31T00:00:00Z");

export function newSigningKey(region: string, validFrom: Date, validTo = FAR_FUTURE): SimSigningKey {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const publicDer = publicKey.export({ format: "der", type: "pkcs1" });
  return {
    region,
    privateKey,
    publicDer,
    fingerprint: createHash("md5").update(publicDer).digest("hex"),
    validFrom,
    validTo,
  };
}

/** The keys of every region, with rotation: a key stops being valid when its successor starts. */
export class SimKeyring {
  private readonly keys = new Map<string, SimSigningKey[]>();

  constructor(private readonly epoch = new Date("2000-01-01T00:00:00Z")) {}

  /** The key that signs at `at` in `region` (the first use of a region creates its key). */
  keyAt(region: string, at: Date): SimSigningKey {
    let list = this.keys.get(region);
    if (!list) {
      list = [newSigningKey(region, this.epoch)];
      this.keys.set(region, list);
    }
    const key = list.find((k) => k.validFrom <= at && at < k.validTo) ?? list[list.length - 1]!;
    return key;
  }

  /** A new key for `region` from `at` on; the current one's validity ends there. */
  rotate(region: string, at: Date): SimSigningKey {
    const current = this.keyAt(region, at);
    const next = newSigningKey(region, at, current.validTo);
    current.validTo = at;
    this.keys.get(region)!.push(next);
    return next;
  }

  all(): SimSigningKey[] {
    return [...this.keys.values()].flat();
  }

  /** Registers every public key with the simulator's proxy at `endpoint`. */
  async register(endpoint: string): Promise<void> {
    const body: RegisteredPublicKey[] = this.all().map((k) => ({
      region: k.region,
      value: k.publicDer.toString("base64"),
      fingerprint: k.fingerprint,
      validFrom: k.validFrom.toISOString(),
      validTo: k.validTo.toISOString(),
    }));
    const res = await fetch(`${endpoint}${REGISTER_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok)
      throw new Error(`The simulator's proxy refused the signing keys: HTTP ${res.status} ${await res.text()}`);
  }
}
