/**
 * Colours of the map, chosen for contrast on the light background (≥ 3:1 for graphics,
 * RGAA 3.3) and told apart by the legend's text as well as by colour.
 */
export const statusColours: Record<string, string> = {
  prospect: "#6b7280",
  visit_scheduled: "#7c3aed",
  visited: "#5b21b6",
  agreed: "#0e7490",
  available: "#15803d",
  reserved: "#b45309",
  let: "#1d4ed8",
  notice_given: "#be185d",
  vacant: "#dc2626",
  works: "#78350f",
  withdrawn: "#9ca3af",
};

/** Programme share of a building or neighbourhood against the 20% cap (cahier des charges §9.4). */
export const shareColours = {
  low: "#15803d", // well under the cap
  near: "#d97706", // half the cap or more
  full: "#b91c1c", // at the cap: no more reservation possible
};

export const neighbourhoodShareStops: [number, string][] = [
  [0, "#f1f5f9"],
  [0.05, "#c7d2fe"],
  [0.1, "#818cf8"],
  [0.2, "#4338ca"],
];

export const backgroundColour = "#f4f1ea";
