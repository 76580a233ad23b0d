// Types of bin/node-runtime.mjs (plain JavaScript, so that it runs on any Node before it picks one).
export interface Runtime {
  execPath: string;
  version: string;
}
export interface Registry {
  pack(spec: string, dir: string): { version: string; file: string };
  integrity(name: string, version: string): string;
}
export const MINIMUM_VERSION: string;
export const RUNTIME_MAJOR: number;
export function compareVersions(a: string, b: string): -1 | 0 | 1;
export function isSupported(version: string): boolean;
export function platformPackage(platform?: string, arch?: string): string;
export function defaultCacheDir(env?: Record<string, string | undefined>): string;
export function cachedRuntime(cacheDir: string, major?: number): Runtime | null;
export function integrityOf(file: string): Promise<string>;
export const npmRegistry: Registry;
export function installRuntime(options: {
  cacheDir: string;
  major?: number;
  registry?: Registry;
  pkg?: string;
}): Promise<Runtime>;
export function resolveRuntime(options?: {
  current?: Runtime;
  cacheDir?: string;
  major?: number;
  registry?: Registry;
  pkg?: string;
}): Promise<Runtime & { source: "system" | "cache" | "npm"; note: string | null }>;
export function runOnSupportedNode(): Promise<void>;
