import { allowedNextStatuses, type UnitStatus } from "./pipeline.rules";

/** The shortest legal way from one status to another (breadth-first over the pipeline table). */
export function shortestPath(from: UnitStatus, to: UnitStatus): UnitStatus[] {
  const previous = new Map<UnitStatus, UnitStatus | null>([[from, null]]);
  const queue: UnitStatus[] = [from];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (current === to) break;
    for (const next of allowedNextStatuses(current)) {
      if (!previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  if (!previous.has(to)) throw new RangeError(`${to} cannot be reached from ${from}`);
  const path: UnitStatus[] = [];
  for (let at: UnitStatus | null = to; at !== null; at = previous.get(at) ?? null) path.unshift(at);
  return path;
}
