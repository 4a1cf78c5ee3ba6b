// The page's DOM helpers. Every value from the API reaches the page as text: el() and fill() append strings as
// text nodes, no HTML string is ever parsed; a URL from a payload becomes an href or a src only when it is
// http(s), so a javascript: or data: URL in an event stays text.

export const $ = (id) => document.getElementById(id);

const compact = (children) =>
  children
    .flat(Infinity)
    .filter((child) => child !== null && child !== undefined && child !== false)
    .map((child) => (typeof child === "object" ? child : String(child)));

/** props: class, on<event> handlers, or attribute values (true → present, false/null → absent). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  node.append(...compact(children));
  return node;
}

export const fill = (node, ...children) => node.replaceChildren(...compact(children));
export const dash = () => el("span", { class: "muted" }, "—");
export const time = (iso) =>
  iso ? el("time", { datetime: iso, title: iso }, iso.replace("T", " ").replace(/\.\d+Z$/, "Z")) : dash();
export const badge = (kind, value) => el("span", { class: `badge ${kind}-${String(value).toLowerCase()}` }, value);
export const button = (label, onclick, extra = {}) =>
  el("button", { type: "button", class: "quiet", onclick, ...extra }, label);
export const hint = (text) => el("p", { class: "hint" }, text);

export const isHttpUrl = (value) => typeof value === "string" && /^https?:\/\//i.test(value);

/** A link for an http(s) URL, the text otherwise. */
export const link = (url, label = url) =>
  isHttpUrl(url) ? el("a", { href: url, rel: "noreferrer noopener", target: "_blank" }, label) : (url ?? dash());

/** An image for an http(s) URL (nothing otherwise), opening the full image in a new tab. */
export const thumbnail = (url, alt, extra = {}) =>
  isHttpUrl(url)
    ? el(
        "a",
        { href: url, rel: "noreferrer noopener", target: "_blank", class: "thumb" },
        el("img", { src: url, alt, ...extra }),
      )
    : null;
