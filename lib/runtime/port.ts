import net from "node:net";

export class PortInUseError extends Error {
  override name = "PortInUseError";
}

/** Fails with a clear message when something already listens on host:port. */
export function assertPortFree(port: number, host = "127.0.0.1", what = "the web app"): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (err: NodeJS.ErrnoException) => {
      reject(
        new PortInUseError(
          err.code === "EADDRINUSE"
            ? `Port ${port} on ${host} is already in use, so ${what} cannot start. Stop the other process or choose another port (--port or TRAILWARDEN_PORT).`
            : `Cannot listen on ${host}:${port} for ${what}: ${err.message}`,
        ),
      );
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/** Asks the kernel for a currently free TCP port on `host`. */
export function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("the kernel returned no port"))));
    });
  });
}

/** True when nothing listens on `host:port` (binding it succeeds). */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
