// The temporary COS credentials of an upload session (ApplyUpload's TempCertificate, the client upload's
// tempCertificate). The COS endpoint finds the session by the Token (x-cos-security-token), so each Token is
// registered here; a renewed certificate leaves the old Token mapped, but the endpoint then checks requests against
// the session's current certificate only.
import { randomBytes } from "node:crypto";
import type { EmulatorState, TempCertificate } from "../emulator-state.js";

const CERTIFICATE_LIFETIME_SECONDS = 3600;

export function issueTempCertificate(state: EmulatorState, vodSessionKey: string, nowMs: number): TempCertificate {
  const certificate: TempCertificate = {
    secretId: `AKIDvodemu${randomBytes(12).toString("hex")}`,
    secretKey: randomBytes(20).toString("base64url"),
    token: randomBytes(32).toString("base64url"),
    expiredTime: Math.floor(nowMs / 1000) + CERTIFICATE_LIFETIME_SECONDS,
  };
  state.sessionKeyByToken.set(certificate.token, vodSessionKey);
  return certificate;
}
