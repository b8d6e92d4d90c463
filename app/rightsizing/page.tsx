import { Suspense } from "react";
import { RightsizingTable } from "@/components/rightsizing/RightsizingTable";

export const metadata = { title: "Right-sizing · Lambdascope" };

export default function RightsizingPage() {
  return (
    <>
      <h1>Memory right-sizing</h1>
      <p className="muted" style={{ marginTop: -6 }}>
        Every function&apos;s memory against what its own REPORT lines say it needs: the cheapest size that keeps p99 within 10 % of today&apos;s (and under 80 % of the timeout) with a 15 %
        margin over the p99.9 of memory used; more memory where it runs out. Largest saving first. Each function&apos;s page has the what-if.
      </p>
      <Suspense>
        <RightsizingTable />
      </Suspense>
    </>
  );
}
