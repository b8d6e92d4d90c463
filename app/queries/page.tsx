import { Suspense } from "react";
import { QueriesPage } from "@/components/queries/QueriesPage";
import { getConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

export default function Page() {
  return (
    <>
      <h1>Logs Insights queries</h1>
      <Suspense>
        <QueriesPage region={getConfig().region} maxScanGroupDays={getConfig().maxScanGroupDays} />
      </Suspense>
    </>
  );
}
