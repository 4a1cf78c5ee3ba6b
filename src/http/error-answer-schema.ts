// The error body of the API contract (DESIGN §6) answered with one HTTP status. Its codes are the ones the error
// mapper answers with that status, asked of the mapper itself, so the document follows any change made there.
import { z } from "zod";
import { AppError, errorCodes, type ErrorCode } from "../errors.js";
import { errorToHttp } from "./error-to-http.js";

const built = new Map<number, z.ZodObject>();

export function errorAnswerSchema(status: number): z.ZodObject {
  const known = built.get(status);
  if (known) return known;
  const [first, ...rest] = errorCodes.filter((code) => errorToHttp(new AppError(code, "")).status === status);
  if (!first) throw new Error(`no error code is answered with status ${status}`);
  const codes: [ErrorCode, ...ErrorCode[]] = [first, ...rest];
  const schema = z.object({
    error: z.object({ code: z.enum(codes), message: z.string(), details: z.unknown().optional() }),
  });
  built.set(status, schema);
  return schema;
}
