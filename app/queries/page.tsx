import { Suspense } from "react";
import { QueriesPage } from "@/components/queries/QueriesPage";
import { getConfig } from "@/lib/config";
import { pageRegion } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const region = pageRegion((await searchParams).region) ?? getConfig().region;
  return (
    <>
      <h1>Logs Insights queries</h1>
      <Suspense>
        <QueriesPage region={region} maxScanGroupDays={getConfig().maxScanGroupDays} />
      </Suspense>
    </>
  );
}
