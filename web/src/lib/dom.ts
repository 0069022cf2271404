/**
 * DOM building without innerHTML: every string from the API becomes a text node, so
 * nothing the server returns can be interpreted as markup (no XSS through data).
 */
export type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined | EventListener;
export type Attrs = Record<string, AttrValue>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) {
      element.setAttribute(name, "");
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the content of an element. */
export function mount(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let idCounter = 0;
/** A unique element id (labels, aria-describedby). */
export function uid(prefix = "id"): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Announces a message to screen readers and shows it in the status bar. */
const ANNOUNCEMENT_SECONDS = 8;
let clearAnnouncement: ReturnType<typeof setTimeout> | undefined;

/**
 * Says what just happened in the status bubble (a live region, read by screen readers). The
 * bubble floats over the bottom of the page, so it fades after a few seconds rather than hiding
 * the buttons underneath for good.
 */
export function announce(message: string, kind: "info" | "error" = "info"): void {
  const region = document.getElementById("status");
  if (!region) return;
  region.textContent = message;
  region.dataset.kind = kind;
  clearTimeout(clearAnnouncement);
  clearAnnouncement = setTimeout(() => {
    if (region.textContent === message) region.textContent = "";
  }, ANNOUNCEMENT_SECONDS * 1000);
}
