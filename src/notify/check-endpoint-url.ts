// An endpoint URL as an admin saves it (issue 16 "Bad input"): malformed, not http(s), with credentials, plain http
// or private in production → invalid_request naming the reason. Checked again at every delivery
// (resolve-endpoint-address.ts), since what a name resolves to can change after it was saved.
import { AppError } from "../errors.js";
import { resolveEndpointAddress, type LookupAll } from "./resolve-endpoint-address.js";

const MAX_URL_LENGTH = 2000;

export async function checkEndpointUrl(
  text: string,
  options: { allowPrivate: boolean; lookup?: LookupAll },
): Promise<string> {
  const refuse = (reason: string, message: string) =>
    new AppError("invalid_request", `endpoint url refused: ${message}`, { reason });
  if (text.length > MAX_URL_LENGTH) throw refuse("too_long", `longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse("malformed", "not a valid absolute URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw refuse("scheme", "must be https (or http)");
  if (url.username !== "" || url.password !== "") {
    throw refuse("credentials", "must not carry a user name or password (the signature authenticates us)");
  }
  if (url.protocol === "http:" && !options.allowPrivate) {
    throw refuse("not_https", "must be https (plain http only with ALLOW_PRIVATE_ENDPOINTS=true)");
  }
  if (url.hash !== "") throw refuse("fragment", "must not have a #fragment");
  const resolved = await resolveEndpointAddress(url.hostname, options);
  if (!resolved.ok)
    throw refuse("private_address", `${resolved.reason} (allowed only with ALLOW_PRIVATE_ENDPOINTS=true)`);
  return url.toString();
}
