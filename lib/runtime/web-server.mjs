// Trailwarden's production web server: Next.js's own request handler behind a Node HTTP server
// that records each request's TCP peer, which `next start` does not pass on (it keeps a client's
// X-Forwarded-For as sent, so the socket address is lost exactly when a client lies). The peer is
// written into x-trailwarden-peer behind a random key made here, replacing anything a client sent;
// lib/auth/request-meta.ts believes X-Forwarded-For only when that peer is a trusted proxy.
// Usage: node lib/runtime/web-server.mjs --host 127.0.0.1 --port 3000 (run by `trailwarden serve`).
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";

const { values } = parseArgs({
  options: { host: { type: "string", default: "127.0.0.1" }, port: { type: "string", default: "3000" } },
});
const port = Number(values.port);
const host = values.host;

process.env.NODE_ENV = "production";
// Never sent to clients; the app compares the header's key with it (lib/auth/request-meta.ts).
const peerKey = randomBytes(24).toString("base64url");
process.env.TRAILWARDEN_PEER_KEY = peerKey;

const app = next({ dev: false, hostname: host, port, dir: process.cwd() });
await app.prepare();
const handle = app.getRequestHandler();

// Route handlers can only export these. Next.js answers TRACE (which no Request can carry) with a
// 500; every method outside this list gets 405 here, before Next.js sees it.
const ROUTABLE_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

const server = createServer((req, res) => {
  if (!ROUTABLE_METHODS.includes(req.method ?? "")) {
    res.writeHead(405, { allow: ROUTABLE_METHODS.join(", "), "content-type": "application/json" });
    res.end(JSON.stringify({ error: "method_not_allowed", message: `${req.method} is not supported` }));
    return;
  }
  req.headers["x-trailwarden-peer"] = `${peerKey} ${req.socket.remoteAddress ?? ""}`;
  handle(req, res).catch((err) => {
    console.error("Unhandled error serving", req.method, req.url, err);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end("Internal Server Error");
  });
});
// CONNECT never reaches the request handler: Node emits "connect" and, unanswered, drops the socket.
server.on("connect", (_req, socket) => {
  socket.end(
    `HTTP/1.1 405 Method Not Allowed\r\nAllow: ${ROUTABLE_METHODS.join(", ")}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
  );
});
server.keepAliveTimeout = 65_000;
server.listen(port, host, () => console.log(`Ready on http://${host}:${port}`));

const stop = () => server.close(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
