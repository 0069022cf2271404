import { and, eq } from "drizzle-orm";
import type { Clock } from "../../server/lib/clock";
import { queueMail } from "../../server/modules/mail/mail.service";
import type { Db } from "../client";
import { documents, landlords, mailOutbox, organisations, users } from "../schema";

/**
 * The demo's outbox, as a site with a mail server would have it: last month's statement sent to
 * the demo landlord (who accepted e-mail), this morning's alert digest to the housing officer,
 * and an avis d'échéance the tenant's server refused, waiting for «Renvoyer». The demo itself
 * runs without a mail server: nothing here is ever sent.
 */
export async function seedDemoMail(
  tx: Db,
  clock: Clock,
  options: { organisationId: string; demoLandlordId: string; officerEmail: string },
): Promise<void> {
  const { organisationId } = options;
  const actor = { kind: "system" as const, organisationId, label: "données de démonstration" };
  const on = { enabled: true };
  const now = clock.now();
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, organisationId));
  const organisationName = organisation?.name ?? "";

  const [statement] = await tx
    .select({ id: documents.id, data: documents.data })
    .from(documents)
    .where(
      and(
        eq(documents.organisationId, organisationId),
        eq(documents.subjectType, "landlord_statement"),
        eq(documents.landlordId, options.demoLandlordId),
      ),
    )
    .limit(1);
  const [landlord] = await tx
    .select()
    .from(landlords)
    .where(and(eq(landlords.organisationId, organisationId), eq(landlords.id, options.demoLandlordId)));
  if (statement && landlord?.email) {
    const data = statement.data as { period: { from: string; label: string }; netPayoutCents: number };
    const sent = await queueMail(tx, { actor, clock }, on, {
      recipient: landlord.email,
      template: "landlord_statement",
      data: {
        displayName: landlord.displayName,
        organisationName,
        monthLabel: data.period.label.toLocaleLowerCase("fr-FR"),
        netCents: data.netPayoutCents ?? 0,
      },
      attachments: [
        { documentId: statement.id, filename: `releve-gerance-${data.period.from.slice(0, 7)}.pdf` },
      ],
      about: { type: "landlord", id: landlord.id },
      dedupeKey: `document:${statement.id}`,
    });
    if (sent) await markSent(tx, sent.id, hoursAgo(30), 1);
  }

  const [officer] = await tx
    .select()
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.email, options.officerEmail)));
  if (officer) {
    const digest = await queueMail(
      tx,
      { actor: { ...actor, label: "résumé quotidien des alertes" }, clock },
      on,
      {
        recipient: officer.email,
        template: "alerts_digest",
        data: {
          fullName: officer.fullName,
          organisationName,
          day: clock.today(),
          count: 2,
          alerts: [
            { label: "Urgent", message: "Première proposition en retard sur le délai de 8 semaines" },
            { label: "À surveiller", message: "Proposition sans décision depuis plus de 14 jours" },
          ],
          url: "http://localhost:3000/alertes",
        },
        about: { type: "user", id: officer.id },
        dedupeKey: `alerts_digest:${officer.id}:${clock.today()}`,
      },
    );
    if (digest) await markSent(tx, digest.id, hoursAgo(3), 1);
  }

  const refused = await queueMail(tx, { actor, clock }, on, {
    recipient: "l.bernard@exemple.fr",
    template: "rent_call",
    data: {
      fullName: "Lucie Bernard",
      organisationName,
      periodLabel: "Novembre 2026",
      totalCents: 18_450,
      dueOn: `${clock.today().slice(0, 7)}-05`,
    },
  });
  if (refused) {
    await tx
      .update(mailOutbox)
      .set({
        state: "failed",
        attempts: 1,
        lastError: "550 5.1.1 <l.bernard@exemple.fr>: adresse inconnue du serveur destinataire",
        createdAt: hoursAgo(26),
        updatedAt: hoursAgo(26),
      })
      .where(eq(mailOutbox.id, refused.id));
  }
}

async function markSent(tx: Db, id: string, at: Date, attempts: number) {
  await tx
    .update(mailOutbox)
    .set({
      state: "sent",
      attempts,
      sentAt: at,
      messageId: `<${id}@demo.invalid>`,
      createdAt: at,
      updatedAt: at,
    })
    .where(eq(mailOutbox.id, id));
}
