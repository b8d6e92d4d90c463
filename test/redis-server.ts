// A throwaway redis-server for tests (Debian's `redis-server`; .ci/run installs it): no persistence,
// its own port, stopped with the test.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export type RunningRedis = { url: string; stop: () => void };

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });

export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  const proc: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    proc.on("error", (err) => reject(new Error(`redis-server could not start (install Debian's redis-server): ${err.message}`)));
    proc.stdout!.on("data", (d: Buffer) => d.toString().includes("Ready to accept connections") && resolve());
    proc.on("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => proc.kill("SIGKILL") };
}
