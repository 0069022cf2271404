import type { IsoDate } from "../../lib/dates";
import { offerDuty, type PanelFact, type PersonStatus } from "../persons/persons.rules";

export type WaitingPerson = {
  status: PersonStatus;
  entryDate: IsoDate;
  panels: readonly PanelFact[];
};

/**
 * People still without a first offer past the deadline of their admission (cahier des charges
 * §8.3.2: a first flat within 8 weeks of day 1): the same reading as the officers' alerts, for a
 * gauge an operator can watch and alert on. Only people waiting or with a panel in progress count;
 * a housed person's duty is met or judged by the re-offer.
 */
export function firstOfferOverdueCount(
  people: readonly WaitingPerson[],
  parameters: { firstOfferDeadlineWeeks: number; reofferDeadlineWeeks: number },
  today: IsoDate,
): number {
  let overdue = 0;
  for (const person of people) {
    if (person.status !== "waiting" && person.status !== "offered") continue;
    const duty = offerDuty({
      entryDate: person.entryDate,
      deadlineWeeks: parameters.firstOfferDeadlineWeeks,
      reofferWeeks: parameters.reofferDeadlineWeeks,
      today,
      panels: person.panels,
      awaitingOffer: person.status === "waiting",
    });
    if (duty.state === "overdue") overdue++;
  }
  return overdue;
}
