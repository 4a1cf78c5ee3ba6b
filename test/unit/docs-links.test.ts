// The project carries its own documentation (issue 11, item 10): the README and docs/ may point only at files of
// this repository, and every file they name must exist, so a rename that forgets the docs fails here.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DOCUMENTS = ["README.md", "docs/architecture.md", "docs/vod-events.md"];

const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const headings = [...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => match[1] as string);
  return new Set(
    headings.map((heading) =>
      heading
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .trim()
        .replace(/\s/g, "-"),
    ),
  );
}

function linksOf(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] as string);
}

describe("the README and docs", () => {
  it.each(DOCUMENTS)("%s points at nothing outside the repository", (file) => {
    const text = read(file);
    expect(text).not.toMatch(/\.\.\/shared|vod-reference\.md|DESIGN\.md/);
    const outside = linksOf(text)
      .filter((link) => !/^(https?:|mailto:|#)/.test(link))
      .filter((link) =>
        path.relative(ROOT, path.resolve(ROOT, path.dirname(file), link.split("#")[0] as string)).startsWith(".."),
      );
    expect(outside).toEqual([]);
  });

  it.each(DOCUMENTS)("%s links to files and headings that exist", (file) => {
    const broken = linksOf(read(file))
      .filter((link) => !/^(https?:|mailto:)/.test(link))
      .filter((link) => {
        const [target = "", anchor] = link.split("#");
        const linked = target === "" ? file : path.join(path.dirname(file), target);
        if (!existsSync(path.join(ROOT, linked))) return true;
        return anchor !== undefined && linked.endsWith(".md") && !anchorsOf(read(linked)).has(anchor);
      });
    expect(broken).toEqual([]);
  });

  it.each(DOCUMENTS)("%s names only repository paths that exist", (file) => {
    const named = [...read(file).matchAll(/`((?:src|test|prisma|docs|bench)\/[^`\s]*)`/g)]
      .map((match) => match[1] as string)
      .filter((named) => !/[*<…]/.test(named));
    const missing = named.filter((named) => {
      const full = path.join(ROOT, named);
      return !existsSync(full) || (named.endsWith("/") && !statSync(full).isDirectory());
    });
    expect(missing).toEqual([]);
  });
});
