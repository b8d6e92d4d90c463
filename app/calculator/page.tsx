import { Suspense } from "react";
import { Calculator } from "@/components/cost/Calculator";

export const metadata = { title: "Calculator · Lambdascope" };

export default function CalculatorPage() {
  return (
    <>
      <h1>Cost calculator</h1>
      <p className="muted" style={{ marginTop: -6 }}>
        Every term of a Lambda bill at AWS&apos;s list prices, with its working; the same math answers <code>GET /api/cost/estimate</code>. Prefill it from any function, and
        compare with an always-on container. All inputs live in the URL.
      </p>
      <Suspense>
        <Calculator />
      </Suspense>
    </>
  );
}
