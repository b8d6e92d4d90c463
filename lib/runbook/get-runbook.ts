import "server-only";
import { currentRegion } from "@/lib/observe/scope";
import { z } from "zod";
import { awsClients } from "@/lib/aws/clients";
import { cachedFetch } from "@/lib/aws/cached-fetch";
import { getFunctionAlarms } from "@/lib/alarms/function-alarms";
import { getConfig } from "@/lib/config";
import { InputError } from "@/lib/http/responses";
import { decimal } from "@/lib/http/schemas";
import { insightsSemaphore } from "@/lib/insights/runs";
import type { RunbookResult } from "@/lib/runbook/result";
import { runRunbook } from "@/lib/runbook/run-runbook";
import { BASELINE_DAYS, baselineSpans, DEFAULT_RUNBOOK_WINDOW, incidentSpan, MAX_WINDOW_MS, RUNBOOK_WINDOWS, type WindowRequest } from "@/lib/runbook/windows";
import { parseQueueArn } from "@/lib/sqs/queue-depth";
import { functionDlqArn, type FunctionRef } from "@/lib/functions/function-detail";

/** Longest the runbook may take: its queries are stopped after this (they would keep billing). */
const RUNBOOK_DEADLINE_MS = 60_000;

const Instant = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2026-11-23T09:00:00Z" });

// One of: a preset window ending now, an explicit from/to, or an alarm whose state change starts it.
export const RunbookQuery = {
  window: z.enum(RUNBOOK_WINDOWS, { error: `must be one of ${RUNBOOK_WINDOWS.join(", ")}` }).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  // CloudWatch alarm names: 1–255 UTF-8 characters, no ASCII control characters (PutMetricAlarm).
  alarm: z
    .string()
    .regex(/^[^\x00-\x1f\x7f]{1,255}$/, "must be an alarm name: 1–255 characters, no control characters")
    .optional(),
  baselineDays: decimal(
    z
      .number({ error: "must be a whole number of days" })
      .int("must be a whole number of days")
      .min(BASELINE_DAYS.min, `must be at least ${BASELINE_DAYS.min}`)
      .max(BASELINE_DAYS.max, `must be at most ${BASELINE_DAYS.max}`),
  ).default(BASELINE_DAYS.default),
};
type Input = { window?: (typeof RUNBOOK_WINDOWS)[number]; from?: string; to?: string; alarm?: string; baselineDays: number };

/** The choices that go together, checked with the rest of the query so that a bad mix never reaches AWS. */
export function checkRunbookWindow(input: Input, ctx: z.RefinementCtx): void {
  const issue = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
  const given = (["window", "from", "to", "alarm"] as const).filter((k) => input[k] !== undefined);
  if (new Set(given.map((k) => (k === "to" ? "from" : k))).size > 1) return issue(given.at(-1)!, `give only one of window, from/to or alarm (got ${given.join(", ")})`);
  if (input.from === undefined || input.to === undefined) {
    if (input.from !== input.to) issue(input.from ? "to" : "from", "from and to go together");
    return;
  }
  const fromMs = Date.parse(input.from);
  const spanMs = Date.parse(input.to) - fromMs;
  if (fromMs > Date.now()) issue("from", "must not be in the future");
  else if (!(spanMs > 0)) issue("to", "must be after from");
  else if (spanMs > MAX_WINDOW_MS) issue("to", `must be at most ${MAX_WINDOW_MS / 3_600_000} hours after from (the widest incident window)`);
}

async function windowRequest(input: Input, detail: FunctionRef): Promise<{ req: WindowRequest; alarm: RunbookResult["alarm"] }> {
  if (input.from && input.to) return { req: { kind: "range", fromMs: Date.parse(input.from), toMs: Date.parse(input.to) }, alarm: null };
  if (input.alarm) {
    const dlqArn = await functionDlqArn(detail.config);
    const queue = dlqArn ? (parseQueueArn(dlqArn)?.queueName ?? null) : null;
    const alarm = (await getFunctionAlarms(detail.config.name, queue)).alarms.find((a) => a.name === input.alarm);
    if (!alarm) throw new InputError("alarm", `no alarm named ${input.alarm} watches ${detail.config.name}`, 404);
    const info = { name: alarm.name, state: alarm.state, since: alarm.stateUpdated };
    // A firing alarm starts the window at its state change; a quiet one says nothing about when.
    if (alarm.state === "ALARM" && alarm.stateUpdated) return { req: { kind: "alarm", alarm: alarm.name, sinceMs: Date.parse(alarm.stateUpdated) }, alarm: info };
    return { req: { kind: "preset", window: DEFAULT_RUNBOOK_WINDOW }, alarm: info };
  }
  return { req: { kind: "preset", window: input.window ?? DEFAULT_RUNBOOK_WINDOW }, alarm: null };
}

/** The runbook for a function, cached per (function, minute-aligned window, baseline days) like any AWS read. */
export async function getRunbook(input: Input, detail: FunctionRef, nowMs = Date.now()): Promise<RunbookResult> {
  const { req, alarm } = await windowRequest(input, detail);
  const incident = incidentSpan(req, nowMs);
  const baselines = baselineSpans(incident, input.baselineDays);
  const key = `runbook|${detail.config.name}|${incident.startMs}|${incident.endMs}|${input.baselineDays}|${alarm?.name ?? ""}`;
  const { value } = await cachedFetch(key, getConfig().cacheTtlMs, () =>
    runRunbook({
      clients: awsClients(),
      region: currentRegion(),
      config: detail.config,
      incident,
      baselines,
      alarm,
      semaphore: insightsSemaphore,
      deadlineMs: Date.now() + RUNBOOK_DEADLINE_MS,
    }),
  );
  return value;
}
