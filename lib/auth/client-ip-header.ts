/** The header better-auth reads the client address from; handle-auth-request.ts sets it. */
export const CLIENT_IP_HEADER = "x-trailwarden-client-ip";
