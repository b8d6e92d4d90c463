// Request ids for log lines, built ~10× faster than the model's requestIdOf (which formats four
// hashes with toString(16) and slices the result): a log query that reads @message builds one for
// every line. Same inputs, same hashes, same text — sim/test/logs-lines.test.ts holds the two equal.
import * as rng from "../model/rng";

const { hash4 } = rng;
// requestIdOf's salt and per-word seed step (sim/model/invocations.ts).
const SALT_REQUEST_ID = 0x2e9d;
const WORD_STEP = 0x9e3779b9;
const MINUTE_MS = 60_000;
const HEX2 = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));
const HEX1 = Array.from({ length: 16 }, (_, n) => n.toString(16));
const VARIANT = "89ab";

export function requestId(seed: number, nameHash: number, minuteMs: number, index: number): string {
  const m = minuteMs / MINUTE_MS;
  const w0 = hash4(seed ^ (0 * WORD_STEP), nameHash, m, index * 4 + SALT_REQUEST_ID);
  const w1 = hash4(seed ^ (1 * WORD_STEP), nameHash, m, index * 4 + 1 + SALT_REQUEST_ID);
  const w2 = hash4(seed ^ (2 * WORD_STEP), nameHash, m, index * 4 + 2 + SALT_REQUEST_ID);
  const w3 = hash4(seed ^ (3 * WORD_STEP), nameHash, m, index * 4 + 3 + SALT_REQUEST_ID);
  // Version-4 layout: xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx over the 32 hex digits of w0..w3,
  // where hex digit 12 is replaced by "4" and digit 16 picks the variant.
  return (
    HEX2[w0 >>> 24] + HEX2[(w0 >>> 16) & 255] + HEX2[(w0 >>> 8) & 255] + HEX2[w0 & 255] + "-" +
    HEX2[w1 >>> 24] + HEX2[(w1 >>> 16) & 255] + "-4" + HEX1[(w1 >>> 8) & 15] + HEX2[w1 & 255] + "-" +
    VARIANT[(w2 >>> 28) & 3] + HEX1[(w2 >>> 24) & 15] + HEX2[(w2 >>> 16) & 255] + "-" +
    HEX2[(w2 >>> 8) & 255] + HEX2[w2 & 255] + HEX2[w3 >>> 24] + HEX2[(w3 >>> 16) & 255] + HEX2[(w3 >>> 8) & 255] + HEX2[w3 & 255]
  );
}
