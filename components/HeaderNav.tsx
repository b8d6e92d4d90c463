"use client";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { withRegion } from "@/components/api";

const PAGES = [
  ["/", "Fleet"],
  ["/queries", "Queries"],
  ["/cost", "Cost"],
  ["/rightsizing", "Right-sizing"],
  ["/calculator", "Calculator"],
  ["/about/cost", "What watching costs"],
] as const;
const ALL = "all";

/**
 * The header's links and Region picker. The Region lives in the page's URL (`?region=`), so a view
 * can be shared; the links carry it from page to page. `all` (every configured Region at once) is
 * the fleet overview's alone; elsewhere a page reads the default Region.
 */
export function HeaderNav({ regions }: { regions: string[] }) {
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const asked = params.get("region");
  const onOverview = pathname === "/";
  const region = asked && (regions.includes(asked) || (asked === ALL && onOverview)) ? asked : regions[0];
  const linkRegion = region === ALL ? null : region === regions[0] ? null : region;

  // Cached answers belong to the Region they were asked in: drop them when it changes.
  const queryClient = useQueryClient();
  const shown = useRef(region);
  useEffect(() => {
    if (shown.current !== region) void queryClient.resetQueries();
    shown.current = region;
  }, [region, queryClient]);

  const choose = (next: string) => {
    const qs = new URLSearchParams(params.toString());
    if (next === regions[0]) qs.delete("region");
    else qs.set("region", next);
    qs.delete("offset");
    router.replace(qs.size ? `${pathname}?${qs}` : pathname, { scroll: false });
  };

  return (
    <>
      <nav>
        {PAGES.map(([href, label], i) => (
          <span key={href}>
            {i > 0 && " · "}
            <Link href={href === "/" && region === ALL ? "/?region=all" : withRegion(href, linkRegion)}>{label}</Link>
          </span>
        ))}
      </nav>
      {regions.length > 1 ? (
        <label className="region-picker">
          Region{" "}
          <select value={region} onChange={(e) => choose(e.target.value)} aria-label="Region" data-testid="region-picker">
            {regions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
            {onOverview && <option value={ALL}>All regions ({regions.length})</option>}
          </select>
        </label>
      ) : (
        <span className="region-picker muted" data-testid="region-picker">
          {regions[0]}
        </span>
      )}
    </>
  );
}
