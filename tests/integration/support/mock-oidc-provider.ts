// A minimal OpenID Connect provider on 127.0.0.1 for the SSO tests: discovery, JWKS, an
// authorization step the test drives itself (it reads the redirect URL), and a token endpoint that
// signs an ID token echoing the request's nonce.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

export interface MockIdentity {
  sub: string;
  email: string;
  name: string;
  emailVerified?: boolean;
  /** Put in the ID token's "groups" claim when given. */
  groups?: string[];
}

export interface MockOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Approves an authorization request URL for `identity`; returns the code the IdP would send back. */
  approve(authorizationUrl: string, identity: MockIdentity): string;
  stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export async function startMockOidcProvider(): Promise<MockOidcProvider> {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  const clientId = "trailwarden-test";
  const clientSecret = "test-secret-not-real";
  const grants = new Map<string, { identity: MockIdentity; nonce: string | null }>();
  let issuer = "";

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        id_token_signing_alg_values_supported: ["RS256"],
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
      });
    }
    if (url.pathname === "/jwks") return json(200, { keys: [jwk] });
    if (url.pathname === "/token" && req.method === "POST") {
      const body = await readBody(req);
      const grant = grants.get(body.get("code") ?? "");
      if (!grant) return json(400, { error: "invalid_grant" });
      grants.delete(body.get("code") ?? "");
      const idToken = await new SignJWT({
        email: grant.identity.email,
        email_verified: grant.identity.emailVerified ?? true,
        name: grant.identity.name,
        ...(grant.identity.groups ? { groups: grant.identity.groups } : {}),
        ...(grant.nonce ? { nonce: grant.nonce } : {}),
      })
        .setProtectedHeader({ alg: "RS256", kid: "k1" })
        .setIssuer(issuer)
        .setAudience(clientId)
        .setSubject(grant.identity.sub)
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(privateKey);
      return json(200, {
        access_token: `at-${grant.identity.sub}`,
        id_token: idToken,
        token_type: "Bearer",
        expires_in: 300,
      });
    }
    json(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    clientId,
    clientSecret,
    approve(authorizationUrl, identity) {
      const request = new URL(authorizationUrl);
      const code = `code-${grants.size}-${Date.now()}`;
      grants.set(code, { identity, nonce: request.searchParams.get("nonce") });
      return code;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
