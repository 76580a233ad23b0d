// The single Prisma client. DATABASE_URL is resolved before this module is first used (the CLI
// and the server launcher start or locate PostgreSQL first: lib/db/database.ts).
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

const globalForPrisma = globalThis as unknown as { trailwardenPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set: start Trailwarden through `npx trailwarden serve|demo` or set DATABASE_URL",
    );
  }
  const adapter = new PrismaPg({ connectionString: url, max: Number(process.env.TRAILWARDEN_DB_POOL ?? 10) });
  return new PrismaClient({ adapter });
}

/** Lazily created so that importing lib modules never needs a database. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop, receiver) {
    globalForPrisma.trailwardenPrisma ??= createClient();
    const value = Reflect.get(globalForPrisma.trailwardenPrisma, prop, receiver);
    return typeof value === "function" ? value.bind(globalForPrisma.trailwardenPrisma) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  if (globalForPrisma.trailwardenPrisma) {
    await globalForPrisma.trailwardenPrisma.$disconnect();
    globalForPrisma.trailwardenPrisma = undefined;
  }
}
