// The open client upload session a vodSessionKey names, for a signature of the same (sub-)application. Anything
// else — unknown, already committed, a server upload's key, another sub-application's — is one refusal, so a
// client learns nothing about sessions that are not its own.
import type { EmulatorState, UploadSession } from "../emulator-state.js";
import { UgcError } from "./ugc-error.js";

export function findClientSession(state: EmulatorState, vodSessionKey: string, subAppId: number): UploadSession {
  const session = state.sessions.get(vodSessionKey);
  if (!session || session.committed || !session.clientUpload || session.subAppId !== subAppId) {
    throw new UgcError("invalidSession", "vodSessionKey is invalid or was already committed");
  }
  return session;
}
