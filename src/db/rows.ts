// The stored rows' types, for code outside src/db that reads what a repository function answers. Only src/db
// imports the generated Prisma client itself (npm run layers).
export type { Upload, UploadTask, VodEvent } from "./generated/client.js";
