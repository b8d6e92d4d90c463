import "server-only";
import { getConfig } from "@/lib/config";
import { API_PAGE, runInScope } from "@/lib/observe/scope";

/** The browser names the page a request is for (components/api.ts), so the spend log can say which page spent it. */
export const PAGE_HEADER = "x-lambdascope-page";
/** `?region=all`: the routes that read every configured Region at once (the fleet overview). */
export const ALL_REGIONS = "all";

// The dashboard's pages as the spend log names them; a path matching none is the API's own.
const PAGES: [RegExp, string][] = [
  [/^\/$/, "/"],
  [/^\/functions\/[^/]+$/, "/functions/[name]"],
  [/^\/functions\/[^/]+\/runbook$/, "/functions/[name]/runbook"],
  [/^\/(cost|rightsizing|calculator|queries|about\/cost)$/, ""],
];

/** The page pattern a browser path belongs to: "/functions/checkout-api" → "/functions/[name]". */
export function pageOf(path: string | null): string {
  if (!path) return API_PAGE;
  const clean = path.split(/[?#]/)[0].replace(/(.)\/$/, "$1");
  for (const [re, name] of PAGES) if (re.test(clean)) return name || clean;
  return API_PAGE;
}

type Ctx = { params: Promise<Record<string, string>> };
type Handler<C> = (req: Request, ctx: C, scope: { regions: string[] }) => Response | Promise<Response>;

/**
 * Wraps a route handler in its request's scope: the Region from `?region=` (one of
 * LAMBDASCOPE_REGIONS, default the first; `all` where `allRegions`), and the page from the browser's
 * header. Every AWS call the handler makes then goes to that Region and is logged against that page.
 */
export function scoped<C extends Ctx | undefined = undefined>(handler: Handler<C>, opts: { allRegions?: boolean } = {}) {
  return async (req: Request, ctx?: C): Promise<Response> => {
    const { regions, region: defaultRegion } = getConfig();
    const asked = new URL(req.url).searchParams.getAll("region");
    const allowed = opts.allRegions ? [...regions, ALL_REGIONS] : regions;
    if (asked.length > 1) return regionError("must be given once");
    const region = asked[0] ?? defaultRegion;
    if (!allowed.includes(region)) return regionError(`must be one of ${allowed.join(", ")} (LAMBDASCOPE_REGIONS)`);
    const chosen = region === ALL_REGIONS ? regions : [region];
    return runInScope({ region: chosen[0], page: pageOf(req.headers.get(PAGE_HEADER)) }, () => handler(req, ctx as C, { regions: chosen }));
  };
}

const regionError = (reason: string) => Response.json({ error: { field: "region", reason } }, { status: 400 });

/** A server page's Region from its `?region=`: the default when absent, null when it is not a configured one. */
export function pageRegion(raw: string | string[] | undefined): string | null {
  const { regions } = getConfig();
  if (raw === undefined) return regions[0];
  return typeof raw === "string" && regions.includes(raw) ? raw : null;
}

/** Runs a server page's own AWS reads in its scope (Region, and the page for the spend log). */
export const inPageScope = <T>(page: string, region: string, fn: () => T): T => runInScope({ region, page }, fn);
