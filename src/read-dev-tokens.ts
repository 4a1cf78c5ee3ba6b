// DATA_DIR/dev-tokens.json, as src/dev-tokens.ts writes it. The service and `upload --wait` read it through this
// one function so both agree on which tokens are in force: a file that is not what we wrote counts as absent (the
// service then writes a new one).
import fs from "node:fs";
import { z } from "zod";

const devTokensSchema = z.object({ callbackToken: z.string(), apiToken: z.string(), adminToken: z.string() });

export type DevTokens = z.infer<typeof devTokensSchema>;

export function readDevTokens(file: string): DevTokens | null {
  try {
    const parsed = devTokensSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
