// Types of scripts/build.mjs for the TypeScript modules that call it (web/build.ts, tests, benchmarks).
export const repoRoot: string;
export const serverBundle: string;
export const templateArchive: string;
export function webIsStale(): boolean;
export function buildWeb(): Promise<void>;
export function serverIsStale(): boolean;
export function buildServer(): Promise<void>;
export function templateIsStale(): boolean;
export function buildTemplate(): Promise<void>;
export function pgliteVersion(): string;
export function ensureBuilt(options?: {
  force?: boolean;
  template?: boolean;
  log?: (line: string) => void;
}): Promise<void>;
