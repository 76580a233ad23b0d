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
