// Runs once when the server starts (Next.js instrumentation); the check itself is Node-only.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./lib/access/refuse-to-start");
}
