import {
  CreateUserBody,
  type CreatedUser,
  type PasswordLink as PasswordLinkSchema,
  type User as UserSchema,
  UpdateUserBody,
} from "../../../server/modules/users/users.schemas";
import type { z } from "zod";
import type { AuditEntry as AuditEntrySchema, AuditPage } from "../../../server/modules/audit/audit.schemas";
import type { Landlord as LandlordSchema } from "../../../server/modules/landlords/landlords.schemas";
import type { Organisation as OrganisationSchema } from "../../../server/modules/organisations/organisations.schemas";
import { UpdateOrganisationBody } from "../../../server/modules/organisations/organisations.schemas";
import { ApiError, api, query } from "../lib/api";
import { fetchAllPages } from "../lib/pagination";
import { announce, h, mount } from "../lib/dom";
import { bindForm, field, fieldset, formAlert, submitButton } from "../lib/forms";
import { formatDate, formatDateTime, formatNumber, label, roleLabels } from "../lib/format";
import type { Page } from "../lib/router";
import { loadError, section, table } from "../lib/ui";

/**
 * The admin's pages: users (invite, change role, deactivate, hand over a new link), the
 * programme parameters of the organisation, and the audit trail.
 */
type User = z.infer<typeof UserSchema>;
type PasswordLink = z.infer<typeof PasswordLinkSchema>;
type Landlord = z.infer<typeof LandlordSchema>;

const roleOptions = Object.entries(roleLabels).map(([value, text]) => ({ value, label: text }));

/**
 * The one-time link: sent by e-mail when the site has a mail server (the page only says so),
 * else shown once for the admin to hand over.
 */
function linkBox(link: PasswordLink, who: string): HTMLElement {
  const what = link.purpose === "invitation" ? "Lien d'invitation" : "Lien de réinitialisation";
  if (link.url === null) {
    return h(
      "div",
      { class: "notice", "data-testid": "password-link", role: "status" },
      h(
        "p",
        null,
        `${what} pour ${who} envoyé par courriel à ${link.emailedTo ?? "son adresse"}, valable jusqu'au ${formatDateTime(link.expiresAt)}. Suivez l'envoi dans `,
        h("a", { href: "/admin/courriels" }, "Courriels envoyés"),
        ".",
      ),
    );
  }
  const url = link.url;
  const input = h("input", {
    type: "text",
    readonly: true,
    value: url,
    "aria-label": `Lien pour ${who}`,
    class: "link-box",
  });
  const copy = h("button", { type: "button" }, "Copier le lien");
  copy.addEventListener("click", async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(url);
      announce("Lien copié.");
    } catch {
      announce("Sélectionnez le lien et copiez-le (Ctrl + C).");
    }
  });
  return h(
    "div",
    { class: "notice", "data-testid": "password-link", role: "status" },
    h(
      "p",
      null,
      `${what} pour ${who}, valable jusqu'au ${formatDateTime(link.expiresAt)}. Transmettez-le à la personne : il ne sera plus affiché.`,
    ),
    h("p", { class: "actions" }, input, copy),
  );
}

export const usersPage: Page = {
  path: "/admin/utilisateurs",
  title: "Utilisateurs",
  permission: "users.manage",
  async render({ root }) {
    const list = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    const created = h("div", { "aria-live": "polite" });
    const landlords = await fetchAllPages<Landlord>("/api/landlords").catch(() => [] as Landlord[]);
    const landlordOptions = landlords
      .map((landlord) => ({ value: landlord.id, label: landlord.displayName }))
      .sort((a, b) => a.label.localeCompare(b.label, "fr"));
    const landlordField = field({
      name: "landlordId",
      label: "Propriétaire représenté",
      options: landlordOptions,
      hint: "Pour un compte propriétaire : le propriétaire dont il verra les logements et les relevés.",
    });
    landlordField.hidden = true;
    const form = h(
      "form",
      { "aria-label": "Inviter un utilisateur" },
      formAlert(),
      h(
        "div",
        { class: "form-grid" },
        field({ name: "fullName", label: "Nom complet", required: true }),
        field({ name: "email", label: "Adresse électronique", type: "email", required: true }),
        field({
          name: "role",
          label: "Rôle",
          required: true,
          options: roleOptions,
          value: "housing_officer",
        }),
        landlordField,
      ),
      submitButton("Inviter"),
    );
    const roleSelect = form.querySelector<HTMLSelectElement>('select[name="role"]')!;
    roleSelect.addEventListener("change", () => {
      landlordField.hidden = roleSelect.value !== "landlord";
    });
    bindForm(
      form,
      CreateUserBody,
      async (body) => {
        const result = await api.post<z.infer<typeof CreatedUser>>("/api/users", body);
        form.reset();
        landlordField.hidden = true;
        mount(created, linkBox(result.invitation, result.user.fullName));
        announce(`${result.user.fullName} est invité·e.`);
        await load();
      },
      (values) => ({
        ...values,
        landlordId: values.role === "landlord" ? (values.landlordId ?? null) : null,
      }),
    );

    const load = async () => {
      try {
        const items = await fetchAllPages<User>("/api/users");
        mount(
          list,
          table<User>(
            `${items.length} utilisateur(s)`,
            [
              { header: "Nom", cell: (u) => u.fullName },
              { header: "Adresse", cell: (u) => u.email },
              { header: "Rôle", cell: (u) => roleCell(u) },
              {
                header: "État",
                cell: (u) =>
                  u.disabledAt
                    ? `Désactivé le ${formatDate(u.disabledAt)}`
                    : u.hasPassword
                      ? "Actif"
                      : "Invitation en attente",
              },
              { header: "Actions", cell: (u) => userActions(u) },
            ],
            items,
            "Aucun utilisateur.",
          ),
        );
      } catch (error) {
        mount(list, loadError(error, "Utilisateurs"));
      }
    };

    const report = (error: unknown) =>
      announce(error instanceof ApiError ? error.problem.detail : (error as Error).message, "error");

    function roleCell(user: User): HTMLElement {
      if (user.role === "landlord") return h("span", null, label(roleLabels, user.role));
      const select = h(
        "select",
        { "aria-label": `Rôle de ${user.fullName}` },
        roleOptions
          .filter((option) => option.value !== "landlord")
          .map((option) =>
            h("option", { value: option.value, selected: option.value === user.role }, option.label),
          ),
      );
      select.addEventListener("change", async () => {
        try {
          await api.patch(
            `/api/users/${encodeURIComponent(user.id)}`,
            UpdateUserBody.parse({ role: select.value }),
          );
          announce(`${user.fullName} : rôle « ${label(roleLabels, select.value)} ».`);
          await load();
        } catch (error) {
          select.value = user.role;
          report(error);
        }
      });
      return select;
    }

    function userActions(user: User): HTMLElement {
      const toggle = h("button", { type: "button" }, user.disabledAt ? "Réactiver" : "Désactiver");
      toggle.addEventListener("click", async () => {
        try {
          await api.patch(`/api/users/${encodeURIComponent(user.id)}`, { disabled: !user.disabledAt });
          announce(`${user.fullName} ${user.disabledAt ? "réactivé·e" : "désactivé·e"}.`);
          await load();
        } catch (error) {
          report(error);
        }
      });
      const linkButton = h(
        "button",
        { type: "button", disabled: Boolean(user.disabledAt) },
        user.hasPassword ? "Lien de réinitialisation" : "Nouveau lien d'invitation",
      );
      linkButton.addEventListener("click", async () => {
        try {
          const link = await api.post<PasswordLink>(
            `/api/users/${encodeURIComponent(user.id)}/password-link`,
            {
              purpose: user.hasPassword ? "password_reset" : "invitation",
            },
          );
          mount(created, linkBox(link, user.fullName));
          created.scrollIntoView({ block: "nearest" });
        } catch (error) {
          report(error);
        }
      });
      return h("div", { class: "actions" }, toggle, linkButton);
    }

    mount(
      root,
      h("h1", null, "Utilisateurs"),
      section("Inviter un utilisateur", form, created),
      section("Comptes", list),
    );
    await load();
  },
};

type Organisation = z.infer<typeof OrganisationSchema>;

const percentOf = (basisPoints: number) => basisPoints / 100;
const basisPointsOf = (percent: unknown) =>
  typeof percent === "number" ? Math.round(percent * 100) : percent;

export const parametersPage: Page = {
  path: "/admin/parametres",
  title: "Paramètres du programme",
  permission: "organisation.update",
  async render(context) {
    const { root } = context;
    let organisation: Organisation;
    try {
      organisation = await api.get<Organisation>("/api/organisation");
    } catch (error) {
      mount(root, h("h1", null, "Paramètres du programme"), loadError(error, "Organisation"));
      return;
    }
    const form = h(
      "form",
      { "aria-label": "Paramètres du programme" },
      formAlert(),
      fieldset(
        "Structure",
        h(
          "div",
          { class: "form-grid" },
          field({ name: "name", label: "Nom", required: true, value: organisation.name }),
          field({ name: "city", label: "Ville", required: true, value: organisation.city }),
          field({
            name: "capacity",
            label: "Capacité (personnes accompagnées)",
            type: "number",
            required: true,
            value: organisation.capacity,
          }),
        ),
      ),
      fieldset(
        "Dispersion des logements",
        h(
          "div",
          { class: "form-grid" },
          field({
            name: "buildingCapBasisPoints",
            label: "Part maximale des logements d'un immeuble (%)",
            type: "number",
            required: true,
            value: percentOf(organisation.buildingCapBasisPoints),
            attrs: { step: "any" },
            hint: "Cahier des charges : 20 % au plus des logements d'un immeuble.",
          }),
          field({
            name: "smallBuildingException",
            label: "Exception des petits immeubles (un logement du programme admis)",
            type: "checkbox",
            value: organisation.smallBuildingException,
          }),
          field({
            name: "neighbourhoodCapMode",
            label: "Plafond par quartier",
            required: true,
            value: organisation.neighbourhoodCapMode,
            options: [
              { value: "off", label: "Aucun" },
              { value: "share", label: "Part du parc du programme (%)" },
              { value: "count", label: "Nombre de logements" },
            ],
          }),
          field({
            name: "neighbourhoodCapValue",
            label: "Valeur du plafond par quartier",
            type: "number",
            value:
              organisation.neighbourhoodCapValue === null
                ? null
                : organisation.neighbourhoodCapMode === "share"
                  ? percentOf(organisation.neighbourhoodCapValue)
                  : organisation.neighbourhoodCapValue,
            attrs: { step: "any" },
            hint: "En % pour une part, en nombre de logements sinon.",
          }),
        ),
      ),
      fieldset(
        "Propositions",
        h(
          "div",
          { class: "form-grid" },
          field({
            name: "firstOfferDeadlineWeeks",
            label: "Délai de première proposition (semaines)",
            type: "number",
            required: true,
            value: organisation.firstOfferDeadlineWeeks,
            hint: "Cahier des charges : 8 semaines après le premier jour.",
          }),
          field({
            name: "minimumPanelSize",
            label: "Nombre minimal de logements proposés",
            type: "number",
            required: true,
            value: organisation.minimumPanelSize,
            hint: "Cahier des charges : au moins trois logements.",
          }),
          field({
            name: "panelExpiryDays",
            label: "Expiration d'une proposition sans décision (jours)",
            type: "number",
            required: true,
            value: organisation.panelExpiryDays,
          }),
          field({
            name: "residualRentCeilingBasisPoints",
            label: "Taux d'effort maximal (% des ressources)",
            type: "number",
            required: true,
            value: percentOf(organisation.residualRentCeilingBasisPoints),
            attrs: { step: "any" },
            hint: "Cahier des charges : le reste à charge ne dépasse pas 30 % des ressources.",
          }),
          field({
            name: "reofferDeadlineWeeks",
            label: "Délai d'une nouvelle proposition après un refus (semaines)",
            type: "number",
            required: true,
            value: organisation.reofferDeadlineWeeks,
            hint: "Cahier des charges : si le logement ne convient pas, un autre doit être proposé.",
          }),
          field({
            name: "localCommitment",
            label: "Engagement local au-delà des règles nationales",
            value: organisation.localCommitment,
            hint: "Par exemple : deux logements correspondant aux choix. N'abaisse aucun plancher national.",
          }),
          field({
            name: "openedOn",
            label: "Date d'ouverture du dispositif",
            type: "date",
            value: organisation.openedOn,
            hint: "Les objectifs de captation (50 logements la première année, 100 à la fin de la deuxième) courent de cette date.",
          }),
        ),
      ),
      h("p", { class: "hint" }, `Dernière modification : ${formatDateTime(organisation.updatedAt)}.`),
      submitButton("Enregistrer les paramètres"),
    );
    bindForm(
      form,
      UpdateOrganisationBody,
      async (body) => {
        organisation = await api.patch<Organisation>("/api/organisation", body);
        announce("Paramètres enregistrés.");
        await parametersPage.render(context);
      },
      (values) => ({
        ...values,
        localCommitment: values.localCommitment ?? null,
        openedOn: values.openedOn ?? null,
        buildingCapBasisPoints: basisPointsOf(values.buildingCapBasisPoints),
        residualRentCeilingBasisPoints: basisPointsOf(values.residualRentCeilingBasisPoints),
        neighbourhoodCapValue:
          values.neighbourhoodCapMode === "off"
            ? null
            : values.neighbourhoodCapMode === "share"
              ? (basisPointsOf(values.neighbourhoodCapValue) ?? null)
              : (values.neighbourhoodCapValue ?? null),
      }),
    );
    mount(
      root,
      h("h1", null, "Paramètres du programme"),
      h(
        "p",
        null,
        `Taux d'effort maximal actuel : ${formatNumber(percentOf(organisation.residualRentCeilingBasisPoints))} % ; plafond par immeuble : ${formatNumber(percentOf(organisation.buildingCapBasisPoints))} %.`,
      ),
      form,
    );
  },
};

type AuditEntry = z.infer<typeof AuditEntrySchema>;

const entityLabels: Record<string, string> = {
  person: "Personne",
  choices: "Choix de logement",
  housing_choices: "Choix de logement",
  panel: "Proposition",
  offer: "Logement proposé",
  lease: "Contrat",
  mandate: "Mandat",
  unit: "Logement",
  building: "Immeuble",
  landlord: "Propriétaire",
  neighbourhood: "Quartier",
  user: "Utilisateur",
  session: "Session",
  api_token: "Jeton d'API",
  organisation: "Paramètres",
  document: "Document",
  ledger: "Comptabilité",
  transaction: "Écriture",
  rent_call: "Appel de loyer",
};

/** The journal's action codes in words. */
const actionLabels: Record<string, string> = {
  "auth.login": "Connexion",
  "auth.logout": "Déconnexion",
  "auth.login_failed": "Connexion refusée",
  "api_token.create": "Jeton d'API créé",
  "api_token.revoke": "Jeton d'API révoqué",
  "api_token.use": "Jeton d'API utilisé",
  "building.create": "Immeuble créé",
  "building.update": "Immeuble modifié",
  "building.delete": "Immeuble supprimé",
  "costs.budgets.set": "Budgets fixés",
  "costs.record": "Dépense enregistrée",
  "costs.rent_complements.run": "Compléments de loyer calculés",
  "demo.seed": "Données de démonstration",
  "demo.seed.persons": "Données de démonstration (personnes)",
  "demo.seed.stock": "Données de démonstration (parc)",
  "document.generate": "Document produit",
  "landlord.create": "Propriétaire créé",
  "landlord.update": "Propriétaire modifié",
  "landlord.delete": "Propriétaire supprimé",
  "lease.create": "Contrat préparé",
  "lease.sign": "Contrat signé",
  "lease.review": "Point d'étape du bail glissant",
  "lease.glissement": "Glissement du bail",
  "lease.notice": "Congé enregistré",
  "lease.end": "Contrat clos",
  "lease.relocation": "Relogement",
  "ledger.bank_import": "Relevé bancaire importé",
  "ledger.bank_line.assign": "Ligne bancaire affectée",
  "ledger.caf_report.record": "Signalement à la CAF",
  "ledger.guarantee_payout": "Garantie des loyers versée",
  "ledger.housing_benefit.record": "Aide au logement reçue",
  "ledger.irl.upsert": "Indice de référence des loyers",
  "ledger.landlord_payout": "Loyer versé au propriétaire",
  "ledger.mandate_payout": "Reversement au mandant",
  "ledger.payment.record": "Paiement reçu",
  "ledger.rent_calls.run": "Appel des loyers",
  "ledger.repayment_plan.create": "Plan d'apurement",
  "ledger.revision.propose": "Révision de loyer proposée",
  "ledger.revision.request": "Révision de loyer demandée",
  "ledger.transaction.reverse": "Écriture contre-passée",
  "ledger.write_off": "Créance passée en perte",
  "mandate.create": "Mandat créé",
  "mandate.sign": "Mandat signé",
  "neighbourhood.import": "Quartiers importés",
  "neighbourhood.update": "Quartier modifié",
  "neighbourhood.delete": "Quartier supprimé",
  "offer.accepted": "Logement accepté",
  "offer.declined": "Logement refusé",
  "offer.update": "Visite ou décision",
  "organisation.update": "Paramètres modifiés",
  "panel.create": "Proposition faite",
  "panel.expire": "Proposition échue",
  "panel.read": "Proposition consultée",
  "person.create": "Personne enregistrée",
  "person.read": "Dossier consulté",
  "person.update": "Dossier modifié",
  "person.choices.update": "Choix de logement modifiés",
  "person.matches.read": "Candidats consultés",
  "person.matches.excluded.read": "Logements écartés consultés",
  "person.suspend": "Accompagnement suspendu",
  "person.reenter": "Retour dans le programme",
  "person.readmit": "Nouvelle admission",
  "person.leave": "Sortie du programme",
  "scatter.small_building_exception_used": "Exception petit immeuble utilisée",
  "unit.create": "Logement créé",
  "unit.update": "Logement modifié",
  "unit.delete": "Logement supprimé",
  "unit.transition": "Étape du logement",
  "user.create": "Utilisateur invité",
  "user.update": "Utilisateur modifié",
  "user.invitation_issued": "Lien d'invitation remis",
  "user.password_changed": "Mot de passe changé",
  "import.landlords": "Import de propriétaires",
  "import.buildings": "Import d'immeubles",
  "import.units": "Import de logements",
};

/** "offer.accepted" → "Logement accepté"; an unknown code: its object, then the code itself. */
export function auditActionLabel(action: string, entityType: string): string {
  if (actionLabels[action]) return actionLabels[action];
  const entity = entityLabels[action.split(".")[0] ?? ""] ?? entityLabels[entityType] ?? entityType;
  return `${entity} (${action})`;
}

export const auditPage: Page = {
  path: "/admin/journal",
  title: "Journal d'audit",
  permission: "audit.read",
  async render({ root, query: search, navigate }) {
    const limit = 50;
    const offset = Math.max(0, Number(search.get("offset") ?? 0) || 0);
    const filters = h(
      "form",
      { class: "form-grid", role: "search", "aria-label": "Filtrer le journal" },
      field({
        name: "entityType",
        label: "Objet",
        value: search.get("entityType"),
        options: Object.entries(entityLabels)
          .filter(([key]) => key !== "housing_choices")
          .map(([value, text]) => ({ value, label: text })),
      }),
      field({ name: "from", label: "Du", type: "date", value: search.get("from") }),
      field({ name: "to", label: "Au", type: "date", value: search.get("to") }),
      h("div", { class: "field" }, h("button", { type: "submit" }, "Filtrer")),
    );
    filters.addEventListener("submit", (event) => {
      event.preventDefault();
      const data = new FormData(filters);
      navigate(
        `/admin/journal${query({
          entityType: String(data.get("entityType") ?? ""),
          from: String(data.get("from") ?? ""),
          to: String(data.get("to") ?? ""),
        })}`,
      );
    });
    const content = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    mount(root, h("h1", null, "Journal d'audit"), filters, content);
    const params = {
      entityType: search.get("entityType"),
      from: search.get("from"),
      to: search.get("to"),
    };
    try {
      const page = await api.get<z.infer<typeof AuditPage>>(
        `/api/audit${query({ ...params, limit, offset })}`,
      );
      const pageLink = (to: number, text: string) =>
        h(
          "a",
          {
            href: `/admin/journal${query({ ...params, offset: to || null })}`,
            "data-link": true,
            class: "button",
          },
          text,
        );
      mount(
        content,
        h(
          "p",
          null,
          page.total === 0
            ? "Aucune entrée."
            : `Entrées ${offset + 1} à ${Math.min(offset + limit, page.total)} sur ${page.total}, de la plus récente à la plus ancienne.`,
        ),
        table<AuditEntry>(
          "Journal d'audit",
          [
            { header: "N°", cell: (e) => String(e.sequence), numeric: true },
            { header: "Date", cell: (e) => formatDateTime(e.occurredAt) },
            { header: "Auteur", cell: (e) => e.actorLabel },
            { header: "Action", cell: (e) => auditActionLabel(e.action, e.entityType) },
            {
              header: "Modifications",
              cell: (e) =>
                e.changes && Object.keys(e.changes).length > 0
                  ? h(
                      "details",
                      null,
                      h("summary", null, `${Object.keys(e.changes).length} valeur(s)`),
                      h("pre", { class: "audit-changes" }, JSON.stringify(e.changes, null, 1)),
                    )
                  : "—",
            },
          ],
          page.items,
          "Aucune entrée pour ces filtres.",
        ),
        h(
          "p",
          { class: "actions" },
          offset > 0 ? pageLink(Math.max(0, offset - limit), "← Plus récentes") : null,
          offset + limit < page.total ? pageLink(offset + limit, "Plus anciennes →") : null,
        ),
      );
    } catch (error) {
      mount(content, loadError(error, "Journal"));
    }
  },
};
