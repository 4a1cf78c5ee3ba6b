// Serialises COS answers with the builder cos-nodejs-sdk-v5 itself uses (cos-fast-xml-parser), so the SDK reads
// back exactly what we meant: arrays become repeated elements (<Part>…</Part><Part>…</Part>), as COS writes lists,
// and text is escaped (an ETag's quotes travel as &quot;).
import { XMLBuilder } from "cos-fast-xml-parser";

type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [name: string]: XmlValue };

const builder = new XMLBuilder({ processEntities: true });

export function toCosXml(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: value })}`;
}
