/**
 * The places a site can announce and the capacity it must not exceed (cahier des charges §8.1,
 * §8.3.2). Pure functions: the service gathers the counts.
 */

export type CapacityCounts = {
  /** the site's capacity of support (90 to 105 for a programme site) */
  capacity: number;
  /** people followed: admitted and not gone (a suspended person keeps a place) */
  followed: number;
  /** people still without a home: waiting for a first offer or with a panel open */
  awaitingHome: number;
  /** flats the pole can offer now (available, or vacant between two tenants) */
  offerableUnits: number;
  /** flats agreed with their landlord and not yet available */
  agreedUnits: number;
};

export type CapacityStanding = {
  capacity: number;
  followed: number;
  /** support places free: capacity − followed, never negative */
  supportPlaces: number;
  /** how many people above capacity the site follows (0 when within) */
  overCapacityBy: number;
  /**
   * flats left for newcomers once everyone already waiting is served: the capture capacity to
   * house a new entrant within 8 weeks (§8.3.2), counted on flats in hand or agreed
   */
  housingHeadroom: number;
  /**
   * the places the admission committee is told about (§8.3.2: it relies on both figures): the
   * smaller of the support places and the housing headroom
   */
  placesToAnnounce: number;
};

export function capacityStanding(counts: CapacityCounts): CapacityStanding {
  const supportPlaces = Math.max(0, counts.capacity - counts.followed);
  const housingHeadroom = Math.max(0, counts.offerableUnits + counts.agreedUnits - counts.awaitingHome);
  return {
    capacity: counts.capacity,
    followed: counts.followed,
    supportPlaces,
    overCapacityBy: Math.max(0, counts.followed - counts.capacity),
    housingHeadroom,
    placesToAnnounce: Math.min(supportPlaces, housingHeadroom),
  };
}

/**
 * The warning an admission gets when it takes the site above its capacity (cahier des charges
 * §8.1: a site follows 90 to 105 people). A warning, not a refusal: the person's admission was
 * decided by the director on the committee's opinion; the site must see and correct it.
 */
export function admissionCapacityWarning(capacity: number, followedAfter: number): string | null {
  if (followedAfter <= capacity) return null;
  return `Capacité dépassée : ${followedAfter} personnes accompagnées pour ${capacity} places (${followedAfter - capacity} de plus)`;
}

/**
 * The «reste à vivre» criterion of an exit (cahier des charges §8.5.2: «ratio loyer + charges /
 * ressources»), in basis points; null without declared resources.
 */
export function housingCostRatioBasisPoints(
  rentCents: number,
  chargesCents: number,
  resourcesCents: number,
): number | null {
  if (resourcesCents <= 0) return null;
  return Math.round(((rentCents + chargesCents) * 10_000) / resourcesCents);
}
