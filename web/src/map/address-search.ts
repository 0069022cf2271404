import type { z } from "zod";
import type {
  AddressCandidate as AddressCandidateSchema,
  AddressSearchResult,
} from "../../../server/modules/geocoding/geocoding.schemas";
import { ApiError, api, query } from "../lib/api";
import { h, uid } from "../lib/dom";

export type AddressCandidate = z.infer<typeof AddressCandidateSchema>;

/** The fallback the forms offer when no address service answers (or none is configured). */
export const geocoderFallbackMessage =
  "Service d'adresses indisponible : placez le point en cliquant sur la carte.";

const kindLabels: Record<AddressCandidate["kind"], string> = {
  housenumber: "adresse",
  street: "voie",
  locality: "lieu-dit",
  municipality: "commune",
};

/**
 * An address search with suggestions from the Base Adresse Nationale (GET /api/geocoding/search),
 * as an ARIA 1.2 combobox: type, then ↓/↑ to move through the suggestions, Entrée to choose,
 * Échap to close. A chosen suggestion is handed to `onChoose` (coordinates, BAN id, postcode,
 * INSEE code). With no address service the field says so and the map stays the way to place a point.
 */
export function addressSearch(options: {
  label: string;
  onChoose: (candidate: AddressCandidate) => void;
  /** false: no geocoder configured (GET /api/config): the fallback is shown at once */
  enabled?: boolean;
  placeholder?: string;
}): HTMLElement {
  const inputId = uid("address");
  const listId = uid("address-list");
  const hintId = uid("address-hint");
  const input = h("input", {
    id: inputId,
    type: "search",
    role: "combobox",
    autocomplete: "off",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    "aria-describedby": hintId,
    placeholder: options.placeholder ?? "ex. 12 rue de la Liberté, Dijon",
  });
  const list = h("ul", {
    id: listId,
    role: "listbox",
    class: "address-suggestions",
    "aria-label": "Suggestions d'adresses",
    hidden: true,
  });
  const hint = h("p", { id: hintId, class: "hint", "aria-live": "polite" });
  const root = h(
    "div",
    { class: "address-search" },
    h("label", { for: inputId }, options.label),
    input,
    list,
    hint,
  );
  if (options.enabled === false) {
    input.disabled = true;
    hint.textContent = geocoderFallbackMessage;
    root.dataset.geocoder = "unavailable";
    return root;
  }

  let candidates: AddressCandidate[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index: number) => {
    active = index;
    for (const [i, item] of [...list.children].entries())
      item.setAttribute("aria-selected", String(i === index));
    const item = list.children[index];
    if (item) input.setAttribute("aria-activedescendant", item.id);
    else input.removeAttribute("aria-activedescendant");
  };
  const choose = (candidate: AddressCandidate) => {
    input.value = candidate.label;
    close();
    hint.textContent = `Adresse retenue : ${candidate.label}`;
    options.onChoose(candidate);
  };
  const show = (items: AddressCandidate[]) => {
    candidates = items;
    list.replaceChildren(
      ...items.map((candidate, index) =>
        h(
          "li",
          {
            id: `${listId}-${index}`,
            role: "option",
            "aria-selected": "false",
            onmousedown: (event: Event) => {
              // before the input's blur closes the list
              event.preventDefault();
              choose(candidate);
            },
          },
          candidate.label,
          h("span", { class: "hint" }, ` — ${kindLabels[candidate.kind]}`),
        ),
      ),
    );
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", String(items.length > 0));
    hint.textContent =
      items.length === 0
        ? "Aucune adresse trouvée."
        : `${items.length} suggestion(s) : ↓ pour les parcourir.`;
  };
  const search = async (text: string) => {
    controller?.abort();
    controller = new AbortController();
    try {
      const body = await api.get<z.infer<typeof AddressSearchResult>>(
        `/api/geocoding/search${query({ q: text, limit: 5 })}`,
        { signal: controller.signal },
      );
      show(body.items);
      root.dataset.geocoder = "available";
    } catch (error) {
      if ((error as Error).name === "AbortError") return;
      close();
      if (error instanceof ApiError && error.code === "GEOCODER_UNAVAILABLE") {
        hint.textContent = geocoderFallbackMessage;
        root.dataset.geocoder = "unavailable";
      } else hint.textContent = "La recherche d'adresse a échoué.";
    }
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 3) {
      close();
      return;
    }
    timer = setTimeout(() => void search(text), 250);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && candidates.length > 0) {
      event.preventDefault();
      if (list.hidden) show(candidates);
      highlight(Math.min(active + 1, candidates.length - 1));
    } else if (event.key === "ArrowUp" && candidates.length > 0) {
      event.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (event.key === "Enter") {
      const candidate = candidates[active >= 0 ? active : 0];
      if (candidate && !list.hidden) {
        event.preventDefault();
        choose(candidate);
      }
    } else if (event.key === "Escape") close();
  });
  input.addEventListener("blur", () => close());
  return root;
}
