import { Suspense } from "react";
import { DashboardSpend } from "@/components/about/DashboardSpend";

export const dynamic = "force-dynamic";

export default function Page() {
  return (
    <>
      <h1>What watching the fleet costs</h1>
      <p className="muted" style={{ marginTop: -6 }}>
        Every AWS request this dashboard makes is recorded with what AWS charges for it. Each page and panel also says what its data cost and whether it came
        from the cache; this is the running total, per day, by page and by API.
      </p>
      <Suspense>
        <DashboardSpend />
      </Suspense>
    </>
  );
}
