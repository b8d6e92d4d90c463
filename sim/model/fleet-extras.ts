// Functions beyond the default 40 (functionCount > 40): `<service>-worker-<n>-<env>`, drawn from
// the seed. They are ordinary healthy functions with moderate traffic (median peak ≈ 0.3 req/s).
import type { Runtime } from "./types";
import type { CatalogEntry } from "./fleet-catalog";
import { SERVICES } from "./fleet-catalog";
import { Rng, hash4 } from "./rng";

const MEMORY_CHOICES_MB = [128, 256, 512, 512, 1024, 1024, 1536, 2048, 3008];
const TIMEOUT_CHOICES_S = [3, 5, 10, 15, 30, 60, 120, 300, 900];
const ROLES = ["handles API requests", "processes queue messages", "runs a nightly job step", "enriches events"];

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng.next() * items.length)];
}

function lognormal(rng: Rng, medianValue: number, sigma: number): number {
  return medianValue * Math.exp(sigma * rng.normal());
}

function runtimeFor(u: number): Runtime {
  if (u < 0.75) return "provided.al2023";
  return u < 0.9 ? "nodejs20.x" : "python3.12";
}

/** The i-th extra function (i from 0); a pure function of (seed, i). */
export function extraEntry(seed: number, i: number): CatalogEntry {
  const rng = new Rng(hash4(seed, i, 0xe47a, 1));
  const service = SERVICES[i % SERVICES.length];
  const env = rng.next() < 0.6 ? "prod" : "staging";
  const runtime = runtimeFor(rng.next());
  const memoryMb = pick(rng, MEMORY_CHOICES_MB);
  const waitMs = Math.round(lognormal(rng, 60, 0.8));
  const cpuMs = Math.round(lognormal(rng, 20, 0.9));
  // p99 must stay far below the timeout: pick the first timeout ≥ 20 × the median duration.
  const medianMs = waitMs + (cpuMs * 1769) / Math.min(memoryMb, 1769);
  const timeoutS = TIMEOUT_CHOICES_S.find((s) => s * 1000 >= 20 * medianMs) ?? 900;
  const peakRps = Math.min(20, Math.max(0.01, lognormal(rng, env === "prod" ? 0.3 : 0.03, 1)));
  const async = rng.next() < 0.25;
  const usedMb = Math.min(memoryMb * 0.6, Math.round(lognormal(rng, 45, 0.5)) + 20);
  const name = `${service}-worker-${Math.floor(i / SERVICES.length) + 1}-${env}`;
  return {
    name,
    service,
    env,
    runtime,
    architecture: rng.next() < 0.5 ? "arm64" : "x86_64",
    memoryMb,
    timeoutS,
    invocation: async ? "async" : "sync",
    description: `${service} worker that ${pick(rng, ROLES)}`,
    behaviour: { peakRps: Number(peakRps.toFixed(3)), waitMs, cpuMs, memoryUsedMb: Math.round(usedMb), memorySpreadMb: Math.max(2, Math.round(usedMb * 0.05)), errorRate: 0.0005 + rng.next() * 0.0015 },
    publishedVersions: env === "prod" ? 1 + Math.floor(rng.next() * 3) : 0,
    alias: env === "prod",
    dlq: async,
  };
}
