// Published versions and the `live` alias history. Deploys move the alias a few minutes after the
// version is published; checkout-api-prod's last deploy is the scripted canary (bad-deploy).
import type { AliasSpec, VersionSpec } from "./types";
import { hash4, hashString } from "./rng";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The deploy pipeline shifts the alias this long after publishing. */
const ALIAS_SHIFT_DELAY_MS = 5 * MINUTE_MS;

/** bad-deploy timeline relative to the anchor: publish, 10 % canary, then the full shift. */
export const BAD_DEPLOY = {
  publishedBeforeAnchorMs: 5 * HOUR_MS + 5 * MINUTE_MS,
  canaryBeforeAnchorMs: 5 * HOUR_MS,
  fullShiftBeforeAnchorMs: 4.5 * HOUR_MS,
  canaryWeight: 0.1,
};

const CHANGE_NOTES = ["dependency bumps", "retry tuning", "new metrics", "timeout handling", "schema v2 support", "logging cleanup", "feature flag removal"];

/** A SHA-256-shaped base64 string (44 chars), stable for (seed, text). */
export function fakeSha256(seed: number, text: string): string {
  const bytes = new Uint8Array(32);
  const base = hashString(text);
  for (let i = 0; i < 8; i++) {
    const word = hash4(seed, base, i, 0x5a5a);
    bytes.set([word >>> 24, (word >>> 16) & 255, (word >>> 8) & 255, word & 255], i * 4);
  }
  return Buffer.from(bytes).toString("base64");
}

/** Publish dates: the newest 1–12 days ago, each older one 3–9 days before the next (minute-aligned). */
function publishTimesMs(seed: number, name: string, count: number, anchorMs: number): number[] {
  const h = hashString(name);
  const times: number[] = [];
  let t = anchorMs - DAY_MS * (1 + (hash4(seed, h, 0, 1) % 12)) - MINUTE_MS * (hash4(seed, h, 0, 2) % 600);
  for (let k = 0; k < count; k++) {
    times.unshift(Math.floor(t / MINUTE_MS) * MINUTE_MS);
    t -= DAY_MS * (3 + (hash4(seed, h, k + 1, 3) % 7)) + MINUTE_MS * (hash4(seed, h, k + 1, 4) % 900);
  }
  // The first version predates the 14 days of metrics, so every minute with data has an alias target.
  const oldestAllowedMs = anchorMs - 16 * DAY_MS;
  if (count > 0 && times[0] > oldestAllowedMs) times[0] = oldestAllowedMs - MINUTE_MS * (h % 1440);
  return times;
}

export function buildVersions(seed: number, name: string, count: number, memoryMb: number, anchorMs: number, badDeploy: boolean): VersionSpec[] {
  const times = publishTimesMs(seed, name, count, anchorMs);
  if (badDeploy && count > 0) times[count - 1] = anchorMs - BAD_DEPLOY.publishedBeforeAnchorMs;
  const h = hashString(name);
  return times.map((createdAtMs, k) => ({
    version: String(k + 1),
    createdAtMs,
    memoryMb,
    description: `v${k + 1}: ${CHANGE_NOTES[hash4(seed, h, k, 5) % CHANGE_NOTES.length]}`,
    codeSha256: fakeSha256(seed, `${name}#${k + 1}`),
  }));
}

export function buildLiveAlias(versions: VersionSpec[], badDeploy: boolean, anchorMs: number): AliasSpec {
  const history: AliasSpec["history"] = versions.map((v) => ({ fromMs: v.createdAtMs + ALIAS_SHIFT_DELAY_MS, version: v.version }));
  if (badDeploy && versions.length >= 2) {
    const previous = versions[versions.length - 2].version;
    const latest = versions[versions.length - 1].version;
    history.pop();
    history.push(
      { fromMs: anchorMs - BAD_DEPLOY.canaryBeforeAnchorMs, version: previous, additionalVersionWeights: { [latest]: BAD_DEPLOY.canaryWeight } },
      { fromMs: anchorMs - BAD_DEPLOY.fullShiftBeforeAnchorMs, version: latest },
    );
  }
  return { name: "live", history, description: "Production traffic" };
}

/** The alias routing in force at `atMs` (the last history entry that started at or before it). */
export function routingAt(alias: AliasSpec, atMs: number): AliasSpec["history"][number] | undefined {
  let current: AliasSpec["history"][number] | undefined;
  for (const entry of alias.history) {
    if (entry.fromMs > atMs) break;
    current = entry;
  }
  return current;
}
