// The one 404 of the upload routes: the Express routes and the read fast path throw the same error for a ref.
import { AppError } from "../errors.js";

export const uploadNotFound = (ref: string) => new AppError("not_found", `no upload with id or FileId ${ref}`);
