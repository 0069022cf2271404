import { describe, expect, it } from "vitest";
import { createApp } from "../../server/app";
import { defaultEnv } from "../../server/env";
import { fixedClock } from "../../server/lib/clock";
import { createLogger } from "../../server/lib/logger";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createUser, sessionCookieFor } from "../support/factories";

/**
 * The log is read by whoever runs the servers, not only by the operator's staff: a landlord's IBAN,
 * a name or an e-mail must never appear in it, whichever error path a request takes.
 */
const db = useTestDatabase();

const IBAN = "FR7630006000011234567890189";
const EMAIL = "genevieve.quarante@exemple.fr";
const NAME = "Quarantedeux";

describe("logs without personal data", () => {
  it("a refused insert, a NUL byte and a validation failure log no IBAN, name or e-mail", async () => {
    const lines: string[] = [];
    const env = defaultEnv({ NODE_ENV: "test", LOG_LEVEL: "debug" });
    const logger = createLogger(env, { write: (line: string) => lines.push(line) });
    const clock = fixedClock("2026-11-23T10:00:00+01:00");
    const app = createApp({ database: db.current, clock, env, logger });
    const organisation = await createOrganisation(db.current.db);
    const officer = await createUser(db.current.db, { organisationId: organisation.id, role: "admin" });
    const cookie = await sessionCookieFor(db.current.db, officer, clock.now());
    const post = (path: string, body: unknown) =>
      app.request(`http://localhost${path}`, {
        method: "POST",
        headers: {
          cookie,
          origin: "http://localhost",
          "sec-fetch-site": "same-origin",
          "content-type": "application/json",
        },
        body: JSON.stringify(body),
      });
    const landlord = {
      kind: "private_person",
      reference: "B-42",
      displayName: `Geneviève ${NAME}`,
      lastName: NAME,
      email: EMAIL,
      phone: "0611223344",
      iban: IBAN,
    };
    expect((await post("/api/landlords", landlord)).status).toBe(201);
    expect((await post("/api/landlords", landlord)).status).toBe(409); // the reference exists: the database refuses
    expect(
      (await post("/api/landlords", { ...landlord, reference: "B-43", lastName: `${NAME}\u0000` })).status,
    ).toBe(422);
    expect((await post("/api/landlords", { ...landlord, email: `${EMAIL}x@` })).status).toBe(422);

    const log = lines.join("\n");
    expect(log).toContain("database constraint refused the request");
    expect(log).toContain("23505");
    for (const secret of [IBAN, EMAIL, NAME, "0611223344"]) expect(log).not.toContain(secret);
  });
});
