import { describe, expect, it } from "vitest";
import {
  afterFailure,
  describeFailure,
  digestDue,
  maskRecipient,
  parisHourOf,
  retryDelaySeconds,
} from "../../server/modules/mail/mail.rules";

describe("retryDelaySeconds: exponential backoff, capped at 6 hours", () => {
  it.each([
    [1, 60, 60],
    [2, 60, 120],
    [3, 60, 240],
    [8, 60, 7_680],
    [12, 60, 21_600],
    [40, 60, 21_600],
  ])("after %i attempt(s), base %i s: wait %i s", (attempts, base, expected) => {
    expect(retryDelaySeconds(attempts, base)).toBe(expected);
  });
});

describe("afterFailure (RFC 5321 §4.2.1: 4yz transient, 5yz permanent)", () => {
  it.each([
    [{ responseCode: 451, message: "later" }, 1, 5, "retry"],
    [{ responseCode: 421, message: "busy" }, 5, 5, "give_up"],
    [{ responseCode: 550, message: "no such user" }, 1, 5, "give_up"],
    [{ responseCode: 554, message: "rejected" }, 1, 5, "give_up"],
    [{ code: "ECONNREFUSED", message: "connect ECONNREFUSED" }, 2, 5, "retry"],
    [{ code: "ETIMEDOUT", message: "timeout" }, 5, 5, "give_up"],
  ] as const)("%o after %i of %i attempts: %s", (failure, attempts, max, expected) => {
    expect(afterFailure(failure, attempts, max)).toBe(expected);
  });

  it("describes the reply code and a one-line message", () => {
    expect(describeFailure({ responseCode: 451, message: "Try\n again  later" })).toBe("451 Try again later");
    expect(describeFailure({ message: "connect ECONNREFUSED" })).toBe("connect ECONNREFUSED");
  });
});

describe("maskRecipient", () => {
  it.each([
    ["nadia.nouvelle@exemple.fr", "n•••@exemple.fr"],
    ["ab@x.fr", "a•@x.fr"],
    ["a@x.fr", "a•@x.fr"],
    ["pas-une-adresse", "•••"],
  ])("%s → %s", (address, masked) => {
    expect(maskRecipient(address)).toBe(masked);
  });
});

describe("the daily digest hour, Europe/Paris", () => {
  it.each([
    ["2026-11-23T05:59:00Z", 6, 7, false], // 06:59 in Paris (UTC+1)
    ["2026-11-23T06:00:00Z", 7, 7, true],
    ["2026-07-01T05:00:00Z", 7, 7, true], // 07:00 in Paris (UTC+2, summer time)
    ["2026-07-01T04:59:00Z", 6, 7, false],
  ])("%s is %i h in Paris; digest at %i h due: %s", (instant, hour, digestHour, due) => {
    expect(parisHourOf(new Date(instant))).toBe(hour);
    expect(digestDue(parisHourOf(new Date(instant)), digestHour)).toBe(due);
  });
});
