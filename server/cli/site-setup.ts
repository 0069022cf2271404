import { parseArgs } from "node:util";
import { openConfiguredDatabase } from "../../db/open-configured";
import { loadEnv } from "../env";
import { systemClock } from "../lib/clock";
import { AppError } from "../lib/errors";
import { NewSiteInput } from "../modules/organisations/organisations.schemas";
import { setUpSite } from "../modules/organisations/organisations.service";

// `npm run site:setup -- --name "…" --kind chez_soi_site --city Dijon --capacity 100
//   --admin-email admin@exemple.fr --admin-name "Prénom Nom"` (compiled: node dist/server/site-setup.js):
// a new organisation and the invitation of its first administrator, whose one-time link is printed.
// On the embedded database the server must be stopped (one process holds the data folder).
// Exit code 0 when created, 2 when refused.

const { values } = parseArgs({
  options: {
    name: { type: "string" },
    kind: { type: "string" },
    city: { type: "string" },
    capacity: { type: "string" },
    "admin-email": { type: "string" },
    "admin-name": { type: "string" },
  },
});
const fields: Record<string, string> = {
  name: "--name",
  kind: "--kind",
  city: "--city",
  capacity: "--capacity",
  adminEmail: "--admin-email",
  adminFullName: "--admin-name",
};
const parsed = NewSiteInput.safeParse({
  name: values.name,
  kind: values.kind,
  city: values.city,
  capacity: values.capacity,
  adminEmail: values["admin-email"],
  adminFullName: values["admin-name"],
});
if (!parsed.success) {
  for (const issue of parsed.error.issues)
    console.error(`${fields[String(issue.path[0])] ?? issue.path.join(".")} : ${issue.message}`);
  console.error("--kind : chez_soi_site, iml_association ou social_agency");
  process.exit(2);
}

const env = loadEnv();
const database = await openConfiguredDatabase(env);
try {
  const origin = env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`;
  const { organisation, admin, invitation } = await setUpSite(
    { db: database.db, clock: systemClock },
    parsed.data,
    origin,
  );
  console.log(
    `organisation créée : ${organisation.name} (${organisation.id})\n` +
      `administrateur invité : ${admin.email}\n` +
      `lien pour choisir son mot de passe, valable jusqu'au ${new Date(invitation.expiresAt).toLocaleString("fr-FR", { timeZone: "Europe/Paris" })} :\n${invitation.url}`,
  );
} catch (error) {
  console.error(`site:setup a échoué : ${error instanceof AppError ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await database.close();
}
