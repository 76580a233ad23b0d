// Node module hook: `import "server-only"` resolves to an empty module. Modules that read the
// database start with that import so that a client component importing them fails the Next.js
// build; the package itself throws outside React Server environments, and the CLI, the benchmarks
// and other plain Node processes (run through tsx) are server code too. Next.js and Vitest resolve
// it themselves (Next by its "react-server" condition, Vitest by the alias in vitest.config.ts).
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return nextResolve(specifier, context);
}
