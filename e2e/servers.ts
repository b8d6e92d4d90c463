// Dashboards a spec starts itself (beyond the suite's own), pointed at the e2e demo account.
import { spawn, type ChildProcess } from "node:child_process";

/** What a dashboard needs to reach the demo account, as it would reach AWS. */
export const demoAwsEnv = () => ({ AWS_ENDPOINT_URL: process.env.E2E_SIM_URL!, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "demo", AWS_SECRET_ACCESS_KEY: "demo", NEXT_TELEMETRY_DISABLED: "1" });

/** `node <script>` in its own process group, so that everything it started goes with stopServer. */
export const startServer = (script: string, cwd: string, env: Record<string, string>, stdio: "pipe" | "ignore" = "pipe"): ChildProcess =>
  spawn(process.execPath, [script], { cwd, env: { ...process.env, ...demoAwsEnv(), ...env }, stdio, detached: true });

export function stopServer(p: ChildProcess) {
  try {
    process.kill(-p.pid!, "SIGKILL");
  } catch {
    // already gone
  }
}

export async function waitUntilServing(url: string) {
  for (let i = 0; i < 150; i++) {
    if (await fetch(url).then((r) => r.status < 500, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not start`);
}
