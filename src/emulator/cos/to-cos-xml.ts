// Serialises COS answers. Arrays become repeated elements (<Part>…</Part><Part>…</Part>), as COS writes lists.
type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [name: string]: XmlValue };

export function toCosXml(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value)}`;
}

function element(name: string, value: XmlValue): string {
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join("");
  if (value === null || value === undefined) return `<${name}/>`;
  if (typeof value === "object") {
    const children = Object.entries(value).map(([child, childValue]) => element(child, childValue));
    return `<${name}>${children.join("")}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
