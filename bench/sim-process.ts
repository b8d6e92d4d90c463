// Starts the demo account as a child process for a benchmark and reads its memory.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

export async function startSimProcess(port: number, functions = 40): Promise<{ url: string; child: ChildProcess }> {
  // node itself (not the tsx wrapper) so the pid is the demo account's, for its memory figure.
  const child = spawn(process.execPath, ["--import", "tsx", "sim/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, SIM_PORT: String(port), SIM_FUNCTIONS: String(functions) },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/_sim/health`)).ok) return { url, child };
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`demo account on ${url} did not start`);
}

export const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
};

/** Credentials and region for the dashboard's lib/ code; set before lib/ is imported. */
export function pointLibAt(url: string) {
  process.env.AWS_ENDPOINT_URL = url;
  process.env.AWS_REGION = "us-east-1";
  process.env.AWS_ACCESS_KEY_ID = "demo";
  process.env.AWS_SECRET_ACCESS_KEY = "demo";
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
}
