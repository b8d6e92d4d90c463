import { Suspense } from "react";
import { CostByTag } from "@/components/cost/CostByTag";

export const metadata = { title: "Cost · Lambdascope" };

export default function CostPage() {
  return (
    <>
      <h1>Cost by tag</h1>
      <p className="muted" style={{ marginTop: -6 }}>
        The bill as Cost Explorer has it, month by month, by cost-allocation tag and service; untagged spend called out. Per-function estimates with their working are on each
        function&apos;s page and in the <a href="/calculator">calculator</a>.
      </p>
      <Suspense>
        <CostByTag />
      </Suspense>
    </>
  );
}
