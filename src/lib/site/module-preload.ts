/**
 * `<link rel="modulepreload">` for the chunks a page's module scripts import. The browser learns of a chunk only once
 * it has fetched and parsed the script that imports it, a round trip later and behind the page's first layout;
 * listed in the HTML, the chunks are fetched with the script. Astro writes no such links for its page scripts. Pure:
 * the integration (src/integrations/module-preload.ts) reads and writes the files.
 */

/** The static imports at the head of a bundled script (`import{a as b}from"./labels.x.js";`), relative paths only. */
export function staticImports(code: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;
  for (const m of code.matchAll(re)) out.push(m[1] as string);
  return out;
}

/**
 * The page with a modulepreload link before each of its module scripts for every chunk that script imports, directly
 * or through other chunks. `read(path)` gives a script's code by its URL path, or null when it is not in the build.
 */
export function withModulePreloads(html: string, read: (path: string) => string | null): string {
  const listed = new Set(
    [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1] as string),
  );
  return html.replace(/<script type="module" src="([^"]+)"><\/script>/g, (tag, src: string) => {
    const found: string[] = [];
    const seen = new Set([src]);
    const visit = (path: string) => {
      const code = read(path);
      if (code === null) return;
      for (const rel of staticImports(code)) {
        const chunk = new URL(rel, `http://host${path}`).pathname;
        if (seen.has(chunk)) continue;
        seen.add(chunk);
        found.push(chunk);
        visit(chunk);
      }
    };
    visit(src);
    const links = found
      .filter((p) => !listed.has(p))
      .map((p) => {
        listed.add(p);
        return `<link rel="modulepreload" href="${p}">`;
      });
    return `${links.join('')}${tag}`;
  });
}
