import { DECENCY_CRITERIA, type DecencyChecklist } from "../../server/modules/units/decency.rules";

/** A visit's décence checklist where every criterion of décret 2002-120 was seen met. */
export function decentVisit(mainRoom: Partial<DecencyChecklist> = {}): DecencyChecklist {
  return {
    mainRoomSurfaceM2: 14,
    ceilingHeightM: 2.5,
    criteria: Object.fromEntries(
      DECENCY_CRITERIA.map((criterion) => [criterion, { met: true, evidence: "constaté lors de la visite" }]),
    ),
    ...mainRoom,
  };
}
