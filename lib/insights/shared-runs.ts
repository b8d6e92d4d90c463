import "server-only";
import { createHash } from "node:crypto";
import { redis } from "@/lib/cache/redis";
import type { RunState } from "@/lib/insights/runs";

// With REDIS_URL, a Logs Insights run started on one replica can be joined, polled and cancelled
// through any other: the replica that runs it publishes its state; the others read it, and leave
// "polled" and "cancel" marks the owner reads when it sweeps. Without Redis these are no-ops.
const PREFIX = "lambdascope:run:";
const enabled = () => Boolean(process.env.REDIS_URL);
const keyOf = (runKey: string) => `${PREFIX}key:${createHash("sha256").update(runKey).digest("base64url")}`;

export async function publishRun(state: RunState, keepMs: number): Promise<void> {
  if (enabled()) await redis().set(`${PREFIX}state:${state.runId}`, JSON.stringify(state), "PX", keepMs);
}

export async function readRun(runId: string): Promise<RunState | undefined> {
  if (!enabled()) return undefined;
  const text = await redis().get(`${PREFIX}state:${runId}`);
  return text ? (JSON.parse(text) as RunState) : undefined;
}

/** Claims an identical run for `runId`; answers the run id that holds it (ours, or another replica's). */
export async function claimRunKey(runKey: string, runId: string, keepMs: number): Promise<string> {
  if (!enabled()) return runId;
  const k = keyOf(runKey);
  if ((await redis().set(k, runId, "PX", keepMs, "NX")) === "OK") return runId;
  return (await redis().get(k)) ?? runId;
}

/** Lets an identical run start afresh (after a failure or a cancel): only if `runId` still holds the key. */
export async function releaseRunKey(runKey: string, runId: string): Promise<void> {
  if (enabled()) await redis().eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, keyOf(runKey), runId);
}

export async function markPolled(runId: string, nowMs = Date.now()): Promise<void> {
  if (enabled()) await redis().set(`${PREFIX}polled:${runId}`, String(nowMs), "PX", 120_000);
}

export async function lastPolledMs(runId: string): Promise<number> {
  if (!enabled()) return 0;
  return Number((await redis().get(`${PREFIX}polled:${runId}`)) ?? 0);
}

export async function requestCancel(runId: string): Promise<void> {
  if (enabled()) await redis().set(`${PREFIX}cancel:${runId}`, "1", "PX", 600_000);
}

export async function cancelRequested(runId: string): Promise<boolean> {
  return enabled() && (await redis().exists(`${PREFIX}cancel:${runId}`)) === 1;
}
