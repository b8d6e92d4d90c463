// Our list-price estimate against the Cost Explorer bill, per tag value, with the difference broken
// into named causes. Pure, shared with the browser.

/** Cost Explorer allows two groupings a question, so the bill comes as two views of the same day. */
export type Bill = {
  byService: { tagValue: string; service: string; amortizedUsd: number }[];
  byRecordType: { tagValue: string; recordType: string; amortizedUsd: number; unblendedUsd: number }[];
};

export type Reconciliation = {
  tagValue: string; // "" = untagged
  estimateUsd: number; // list price, from the functions' own usage
  billUsd: number; // amortized cost: each team's usage at the price actually paid
  residualUsd: number; // estimate − bill
  causes: { cause: string; usd: number }[]; // each explains part of the residual, same sign convention
  unexplainedUsd: number;
  unexplainedPct: number; // of the bill
};

/** Services the per-function estimate covers; the rest of the bill is named as not estimated. */
export const ESTIMATED_SERVICES = new Set(["AWS Lambda", "AmazonCloudWatch", "AWS X-Ray"]);
/** The Savings Plan's own fee lines, named as a cause of their own. */
export const SAVINGS_PLAN_SERVICE = "Savings Plans for AWS Compute usage";

/** Per tag value: the estimate at list price, and its X-Ray part (AWS bills traces without the function's tags). */
export type Estimate = { usd: number; xrayUsd: number };

export function reconcile(estimates: ReadonlyMap<string, Estimate>, bill: Bill): Reconciliation[] {
  const xrayElsewhere = [...estimates].filter(([v]) => v !== "").reduce((a, [, e]) => a + e.xrayUsd, 0);
  const values = [...new Set([...estimates.keys(), ...bill.byService.map((b) => b.tagValue)])];
  return values
    .map((tagValue) => {
      const services = bill.byService.filter((b) => b.tagValue === tagValue);
      const records = bill.byRecordType.filter((b) => b.tagValue === tagValue);
      const estimateUsd = estimates.get(tagValue)?.usd ?? 0;
      const billUsd = services.reduce((a, b) => a + b.amortizedUsd, 0);
      const causes = [
        // Traces are not tagged resources: the bill puts them under untagged whatever the function's tags.
        { cause: "X-Ray traces, billed untagged", usd: tagValue === "" ? -xrayElsewhere : (estimates.get(tagValue)?.xrayUsd ?? 0) },
        // Covered usage is listed at on-demand price and amortized at the plan's rate: the gap is the discount.
        { cause: "Savings Plan discount", usd: records.filter((b) => b.recordType === "SavingsPlanCoveredUsage").reduce((a, b) => a + b.unblendedUsd - b.amortizedUsd, 0) },
        // The plan's fee for hours it covered nothing: billed, but no usage of ours stands behind it.
        { cause: "Unused Savings Plan commitment", usd: -records.filter((b) => b.recordType === "SavingsPlanRecurringFee").reduce((a, b) => a + b.amortizedUsd, 0) },
        { cause: "Services not estimated per function (e.g. SQS)", usd: -services.filter((b) => !ESTIMATED_SERVICES.has(b.service) && b.service !== SAVINGS_PLAN_SERVICE).reduce((a, b) => a + b.amortizedUsd, 0) },
      ].filter((c) => Math.abs(c.usd) >= 0.005);
      const residualUsd = estimateUsd - billUsd;
      const unexplainedUsd = residualUsd - causes.reduce((a, c) => a + c.usd, 0);
      return { tagValue, estimateUsd, billUsd, residualUsd, causes, unexplainedUsd, unexplainedPct: billUsd > 0 ? (100 * Math.abs(unexplainedUsd)) / billUsd : 0 };
    })
    .sort((a, b) => b.billUsd - a.billUsd);
}
