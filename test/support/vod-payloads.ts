// Real VOD payloads (test/fixtures) re-aimed at a fresh FileId, so every test works on rows of its own.
import { loadFixture } from "../fixtures/load-fixture.js";
import { newFileId } from "./vod-event-factory.js";

type Json = Record<string, any>;

export function v3NewFileUpload(fileId = newFileId(), patch: (body: Json) => void = () => undefined): Json {
  const body = loadFixture("v3/new-file-upload") as Json;
  body.FileUploadEvent.FileId = fileId;
  patch(body);
  return body;
}

export function v3Procedure(fileId: string, kind: "success" | "failed" | "processing" = "success"): Json {
  const name = {
    success: "v3/procedure-finish-success",
    failed: "v3/procedure-finish-failed",
    processing: "v3/procedure-processing",
  }[kind];
  const body = loadFixture(name) as Json;
  body.ProcedureStateChangeEvent.FileId = fileId;
  return body;
}

export function v3FileDeleted(fileId: string, options: { partial?: boolean } = {}): Json {
  const body = loadFixture(options.partial ? "v3/file-deleted-partial" : "v3/file-deleted") as Json;
  body.FileDeleteEvent.FileIdSet = [fileId];
  for (const info of body.FileDeleteEvent.FileDeleteResultInfo ?? []) info.FileId = fileId;
  return body;
}

export function legacyNewFileUpload(fileId = newFileId()): Json {
  const body = loadFixture("legacy/new-file-upload") as Json;
  body.data.fileId = fileId;
  return body;
}

export function legacyProcedure(fileId: string): Json {
  const body = loadFixture("legacy/procedure-state-changed") as Json;
  body.data.fileId = fileId;
  return body;
}

export function legacyFileDeleted(fileId: string): Json {
  const body = loadFixture("legacy/file-deleted") as Json;
  body.data.fileInfo = [{ fileId }];
  return body;
}
