// The account's one cost category, `Team`: finance's answer to inconsistent tags. A cost belongs to
// a team when its `owner` tag names the team or its `service` tag names the team's service in either
// spelling (`checkout` and `Checkout` are both Checkout); everything else — untagged functions,
// X-Ray, Savings Plan lines — gets the default value.
import { SERVICES } from "../model/fleet-catalog";

export const TEAM_CATEGORY = "Team";
export const TEAM_DEFAULT = "Unallocated";

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Rule order: the first team whose owner or service matches (GetCostCategories lists values in this order). */
const TEAMS = SERVICES.map((service) => ({ value: capitalized(service), owner: `team-${service}`, service }));

export const TEAM_VALUES = [...TEAMS.map((t) => t.value), TEAM_DEFAULT];

export function teamOf(tags: Readonly<Record<string, string>>): string {
  const service = tags.service?.toLowerCase();
  for (const t of TEAMS) if (tags.owner === t.owner || service === t.service) return t.value;
  return TEAM_DEFAULT;
}
