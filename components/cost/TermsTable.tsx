import { formatUsd } from "@/lib/format";
import type { CostTerm } from "@/lib/cost/lambda-cost";

const qty = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: n < 10 ? 4 : 0 });

/** Every term of a cost with its working, so a reader can redo it by hand. */
export function TermsTable({ terms, totalUsd, testId }: { terms: CostTerm[]; totalUsd: number; testId: string }) {
  return (
    <table className="data" data-testid={testId}>
      <thead>
        <tr>
          <th>Term</th>
          <th>Working</th>
          <th style={{ textAlign: "right" }}>Billable</th>
          <th style={{ textAlign: "right" }}>USD</th>
        </tr>
      </thead>
      <tbody>
        {terms.map((t) => (
          <tr key={t.name} data-term={t.name}>
            <td>{t.name}</td>
            <td className="muted" style={{ whiteSpace: "normal", fontSize: 12 }}>
              {t.formula}
            </td>
            <td style={{ textAlign: "right" }}>
              {qty(t.quantity)} {t.unit}
            </td>
            <td style={{ textAlign: "right" }} data-testid="term-usd">
              {formatUsd(t.usd)}
            </td>
          </tr>
        ))}
        <tr>
          <td colSpan={3}>
            <b>Total a month</b> <span className="muted">(each line rounded to the cent, as the bill shows it)</span>
          </td>
          <td style={{ textAlign: "right" }} data-testid="total-usd">
            <b>{formatUsd(totalUsd)}</b>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
