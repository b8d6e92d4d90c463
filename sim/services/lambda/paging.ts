// Lambda's Marker/MaxItems paging, shared by the List* actions.
import { decodeToken, encodeToken, intMember } from "../../wire/format";
import { invalidParameterValue, validationError } from "./errors";

export interface PageLimits {
  /** Items per page when MaxItems is absent. */
  defaultItems: number;
  /** Most items one response holds whatever MaxItems says (ListFunctions: 50). */
  capItems: number;
  /** Largest MaxItems the API accepts (constraint on the member). */
  maxItems: number;
}

/**
 * One page of `items`. The marker is opaque to callers and bound to `scope` (the action and its
 * filters), so a marker from another listing is rejected rather than silently misread.
 */
export function pageByMarker<T>(
  items: T[],
  input: { Marker?: unknown; MaxItems?: unknown },
  scope: string,
  limits: PageLimits,
): { page: T[]; nextMarker?: string } {
  const maxItems = intMember(input.MaxItems);
  if (maxItems !== undefined && !(maxItems >= 1)) {
    throw validationError("maxItems", input.MaxItems, "Member must have value greater than or equal to 1");
  }
  if (maxItems !== undefined && maxItems > limits.maxItems) {
    throw validationError("maxItems", input.MaxItems, `Member must have value less than or equal to ${limits.maxItems}`);
  }
  let start = 0;
  if (typeof input.Marker === "string" && input.Marker !== "") {
    const token = decodeToken(input.Marker);
    if (!token || token.scope !== scope || typeof token.offset !== "number" || token.offset < 0) {
      throw invalidParameterValue(`Invalid Marker: ${input.Marker}`);
    }
    start = token.offset;
  }
  const size = Math.min(maxItems ?? limits.defaultItems, limits.capItems);
  const page = items.slice(start, start + size);
  const next = start + page.length;
  return { page, nextMarker: next < items.length ? encodeToken({ scope, offset: next }) : undefined };
}
