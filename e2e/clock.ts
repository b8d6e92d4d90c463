/**
 * Waits, if need be, for the next minute to begin so that the next `seconds` stay within one minute:
 * Logs Insights runs are keyed by a minute-aligned window, and a test that expects a second start to
 * join the first must not straddle the minute in between.
 */
export async function withinOneMinute(seconds: number) {
  const intoMinuteMs = Date.now() % 60_000;
  if (intoMinuteMs + seconds * 1000 > 60_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinuteMs + 200));
}

/** Waits for the next minute to begin: a Logs Insights window no earlier start (an earlier test, a retry) can have used. */
export async function nextMinute() {
  await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 200));
}
