import { and, eq } from "drizzle-orm";
import type { Clock } from "../../server/lib/clock";
import { addDays, addMonths } from "../../server/lib/dates";
import type { AuditWriter } from "../../server/modules/audit/audit.service";
import { secretPrefixOf } from "../../server/modules/api-tokens/api-tokens.rules";
import { hashToken, newApiTokenSecret } from "../../server/modules/auth/tokens";
import type { Db } from "../client";
import { apiTokens, users } from "../schema";

/**
 * The demo's API tokens, made by the demo admin: the nightly bank import in use, and an old
 * accounting export revoked. Their secrets are drawn and forgotten at once (only hashes are kept),
 * so the screen shows what an admin sees, and nobody holds a working demo token.
 */
export async function seedDemoApiTokens(
  tx: Db,
  clock: Clock,
  audit: AuditWriter,
  options: { organisationId: string; adminEmail: string },
): Promise<void> {
  const [admin] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organisationId, options.organisationId), eq(users.email, options.adminEmail)));
  if (!admin) return;
  const now = clock.now();
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const today = clock.today();
  const tokens = [
    {
      name: "Import bancaire de nuit",
      scopes: ["ledger.read", "ledger.write"],
      createdAt: daysAgo(40),
      expiresOn: addMonths(today, 6),
      lastUsedAt: daysAgo(1),
      revokedAt: null,
    },
    {
      name: "Ancien export comptable",
      scopes: ["reports.read"],
      createdAt: daysAgo(200),
      expiresOn: addDays(today, 30),
      lastUsedAt: daysAgo(95),
      revokedAt: daysAgo(90),
    },
  ];
  for (const token of tokens) {
    const secret = newApiTokenSecret();
    const [row] = await tx
      .insert(apiTokens)
      .values({
        ...token,
        organisationId: options.organisationId,
        tokenHash: hashToken(secret),
        secretPrefix: secretPrefixOf(secret),
        createdByUserId: admin.id,
        revokedByUserId: token.revokedAt ? admin.id : null,
      })
      .returning({ id: apiTokens.id });
    await audit.record({
      action: "api_token.create",
      entityType: "api_token",
      entityId: row!.id,
      details: { name: token.name, scopes: token.scopes, expiresOn: token.expiresOn },
    });
  }
}
