// `npm start`: the production server from `npm run build` (Next.js standalone output), on HOST:PORT
// (default 127.0.0.1:3000). The standalone folder holds the server and the node_modules it needs;
// the browser assets (.next/static) are copied next to it, as Next.js's standalone guide says.
import { cpSync, existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const standalone = path.join(root, ".next", "standalone");
const server = path.join(standalone, "server.js");
if (!existsSync(server)) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}
cpSync(path.join(root, ".next", "static"), path.join(standalone, ".next", "static"), { recursive: true });
// The standalone server reads HOSTNAME; Lambdascope's setting is HOST (loopback unless access control is set).
process.env.HOSTNAME = process.env.HOST ?? "127.0.0.1";
process.env.PORT ??= "3000";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
await import(server);
