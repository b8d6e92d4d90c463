import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

// The dashboard may call only what docs/iam-policy.json grants, and nothing that writes.
// The calls are derived from the code: every `XCommand` / `paginateX` imported from an AWS SDK client.
const ROOT = path.resolve(import.meta.dirname, "..");
const SERVICE_PREFIX: Record<string, string> = {
  "client-lambda": "lambda",
  "client-cloudwatch": "cloudwatch",
  "client-cloudwatch-logs": "logs",
  "client-sqs": "sqs",
  "client-sts": "sts",
  "client-cost-explorer": "ce",
  "client-xray": "xray",
  "client-compute-optimizer": "compute-optimizer",
  "client-resource-groups-tagging-api": "tag",
};
const READ_ONLY = /^(Get|List|Describe|BatchGet|StartQuery$|StopQuery$|FilterLogEvents$)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".test.ts") ? [p] : [];
  });
}

export function actionsInCode(files: string[]): Set<string> {
  const actions = new Set<string>();
  const importRe = /import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/(client-[a-z-]+)"/g;
  for (const file of files) {
    for (const m of readFileSync(file, "utf8").matchAll(importRe)) {
      const prefix = SERVICE_PREFIX[m[2]];
      if (!prefix) throw new Error(`${file}: unknown AWS client ${m[2]}; add it to SERVICE_PREFIX`);
      for (const raw of m[1].split(",")) {
        const name = raw.replace(/^\s*type\s+/, "").split(/\s+as\s+/)[0].trim();
        if (raw.trim().startsWith("type ")) continue;
        const op = name.endsWith("Command") ? name.slice(0, -"Command".length) : name.startsWith("paginate") ? name.slice("paginate".length) : null;
        if (op) actions.add(`${prefix}:${op}`);
      }
    }
  }
  return actions;
}

const policy = JSON.parse(readFileSync(path.join(ROOT, "docs/iam-policy.json"), "utf8")) as { Statement: { Effect: string; Action: string[] }[] };
const granted = new Set(policy.Statement.flatMap((s) => s.Action));
const used = actionsInCode(["app", "lib", "components"].flatMap((d) => sourceFiles(path.join(ROOT, d))));

describe("IAM policy", () => {
  test("the code calls AWS at all (the scan works)", () => {
    expect(used.has("lambda:ListFunctions")).toBe(true);
    expect(used.has("cloudwatch:GetMetricData")).toBe(true);
  });

  test("every action the code can call is granted", () => {
    expect([...used].filter((a) => !granted.has(a))).toEqual([]);
  });

  test("the policy grants nothing the code does not call (least privilege)", () => {
    expect([...granted].filter((a) => !used.has(a))).toEqual([]);
  });

  test("every granted action says which panel needs it (docs/iam-policy.md), and nothing else is listed there", () => {
    const rows = [...readFileSync(path.join(ROOT, "docs/iam-policy.md"), "utf8").matchAll(/^\| `([a-z-]+:[A-Za-z]+)` \| (.+) \|$/gm)];
    const explained = new Map(rows.map((m) => [m[1], m[2].trim()]));
    expect([...granted].filter((a) => !(explained.get(a)?.length ?? 0))).toEqual([]);
    expect([...explained.keys()].filter((a) => !granted.has(a))).toEqual([]);
  });

  test("everything granted is read-only, with no wildcards", () => {
    for (const s of policy.Statement) expect(s.Effect).toBe("Allow");
    expect([...granted].filter((a) => a.includes("*") || !READ_ONLY.test(a.split(":")[1]))).toEqual([]);
  });
});
