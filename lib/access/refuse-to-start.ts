// Bound beyond loopback without access control: refuse to start, saying what to set.
import { accessFromEnv } from "@/lib/access/access";

const { problem } = accessFromEnv(process.env);
if (problem) {
  console.error(`Lambdascope will not start: ${problem}`);
  process.exit(1);
}
