import { Suspense } from "react";
import { Calculator } from "@/components/cost/Calculator";
import { calculatorInputs, type ParsedInputs } from "@/components/cost/calculator-inputs";
import { EstimateQuery } from "@/lib/cost/estimate-query";

export const metadata = { title: "Calculator · Lambdascope" };

type SearchParams = Record<string, string | string[] | undefined>;

// The inputs are checked here, with the API's own schema, rather than in the browser: a URL change
// re-renders this page anyway (useUrlState), and zod stays out of the client bundle.
function parseInputs(searchParams: SearchParams): ParsedInputs {
  const get = (k: string) => [searchParams[k]].flat()[0] ?? null;
  const parsed = EstimateQuery.safeParse(calculatorInputs({ get }));
  if (parsed.success) return { input: { ...parsed.data, freeTier: parsed.data.freeTier === "true" }, error: null };
  const issue = parsed.error.issues[0];
  return { input: null, error: { field: issue.path.join("."), message: issue.message } };
}

export default async function CalculatorPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const parsed = parseInputs(await searchParams);
  return (
    <>
      <h1>Cost calculator</h1>
      <p className="muted" style={{ marginTop: -6 }}>
        Every term of a Lambda bill at AWS&apos;s list prices, with its working; the same math answers <code>GET /api/cost/estimate</code>. Prefill it from any function, and
        compare with an always-on container. All inputs live in the URL.
      </p>
      <Suspense>
        <Calculator parsed={parsed} />
      </Suspense>
    </>
  );
}
