"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef } from "react";
import { withRegion } from "@/components/api";
import { DEFAULT_RANGE, isRange, type Range } from "@/lib/ranges";

/** Page state kept in the URL, so a view can be shared and reloaded as it is. */
export function useUrlState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  // Pages render per request, so a replace takes a server round trip before `params` shows it: a
  // second change made meanwhile must build on the first, not on the stale params.
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (pending.current === params.toString()) pending.current = null;
  }, [params]);
  const set = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(pending.current ?? params.toString());
      for (const [k, v] of Object.entries(changes)) {
        if (v === null || v === "") next.delete(k);
        else next.set(k, v);
      }
      const qs = next.toString();
      pending.current = qs;
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, router, pathname],
  );
  const raw = params.get("range");
  const range: Range = isRange(raw) ? raw : DEFAULT_RANGE;
  return { params, set, range };
}

/** Links to other pages that keep this page's Region. */
export function useRegionHref() {
  const region = useSearchParams().get("region");
  return (href: string) => withRegion(href, region);
}
