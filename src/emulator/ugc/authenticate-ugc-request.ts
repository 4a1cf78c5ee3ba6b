// Authenticates a client upload call by its signature, against the key pairs the emulator accepts, and honours
// oneTimeValid. A one-time signature "有且只能被使用一次" — can be used once and only once (client upload guide,
// https://www.tencentcloud.com/document/product/266/33921) — so every authenticated call spends it, the apply as
// much as the commit: the early vod-js-sdk-v6 fetched a fresh signature for CommitUploadUGC when its signature was
// one-time (`isTempSignature`), and the current one calls getSignature() before every request. Spending happens at
// authentication, like a nonce, so a call that then fails on its parameters has still used the signature up.
import type { EmulatorState } from "../emulator-state.js";
import { UgcError } from "./ugc-error.js";
import { verifyUploadSignature, type UploadSignatureClaims } from "./verify-upload-signature.js";

export function authenticateUgcRequest(
  state: EmulatorState,
  signature: unknown,
  action: string,
): UploadSignatureClaims {
  const verdict = verifyUploadSignature(
    signature,
    (secretId) => state.keys.find((pair) => pair.secretId === secretId)?.secretKey,
    Math.floor(Date.now() / 1000),
  );
  if (!verdict.ok) throw new UgcError(verdict.kind, verdict.message);
  const { claims } = verdict;
  if (claims.oneTimeValid) {
    if (state.oneTimeSignatures.has(claims.fingerprint)) {
      throw new UgcError("invalidSignature", "duplicate vod signature");
    }
    state.oneTimeSignatures.set(claims.fingerprint, action);
  }
  return claims;
}
