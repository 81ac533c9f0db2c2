/**
 * Lets the ingest pipeline run in the browser (the /validate/ page) without changing a reader: for the client
 * bundle only, the Node modules it imports resolve to small equivalents in this folder. The server build, the CLI
 * and the tests keep Node's own. (A plain `resolve.alias` would apply to the server build too.)
 *
 * The project's own modules imported by the page's checker get a copy of their own (a marked id): shared with the
 * search and map scripts, they would pull the pipeline's share of a common chunk into those pages.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export const BROWSER_SHIMS: Readonly<Record<string, string>> = {
  'node:crypto': here('./node-crypto.ts'),
  'node:zlib': here('./node-zlib.ts'),
  'pdfjs-dist/legacy/build/pdf.mjs': here('./pdfjs.ts'),
};

/** The project's own modules that have a browser twin, by path. */
const BROWSER_TWINS: Readonly<Record<string, string>> = {
  [here('../ingest/pdf-assets.ts')]: here('./pdf-assets.ts'),
};

const CHECKER = here('./show-check.ts');
/** Packages (ES modules) the map's script uses too. */
const COPIED_PACKAGES = new Set(['gcoord']);
const SRC = fileURLToPath(new URL('../../', import.meta.url));
const MARK = '?validate-page';

interface Resolved {
  id: string;
  external?: boolean | string;
}
interface ShimPlugin {
  name: string;
  enforce: 'pre';
  applyToEnvironment(env: { name: string }): boolean;
  resolveId(
    this: { resolve(id: string, importer?: string, opts?: { skipSelf?: boolean }): Promise<Resolved | null> },
    id: string,
    importer?: string,
  ): Promise<string | null>;
}

export default function browserShims(): ShimPlugin {
  return {
    name: 'care-register:browser-shims',
    enforce: 'pre',
    applyToEnvironment: (env) => env.name === 'client',
    async resolveId(id, importer) {
      const shim = BROWSER_SHIMS[id];
      if (shim) return shim;
      const from = importer?.split('?')[0];
      const twin = from && id.startsWith('.') ? BROWSER_TWINS[resolve(dirname(from), id)] : undefined;
      if (twin) return twin;
      if (!importer || !(importer === CHECKER || importer.endsWith(MARK))) return null;
      if (!id.startsWith('.') && !COPIED_PACKAGES.has(id)) return null;
      const resolved = await this.resolve(id, importer, { skipSelf: true });
      if (!resolved || resolved.external) return null;
      const own = resolved.id.startsWith(SRC) && /\.ts(\?|$)/.test(resolved.id);
      return own || COPIED_PACKAGES.has(id) ? resolved.id.split('?')[0] + MARK : null;
    },
  };
}
