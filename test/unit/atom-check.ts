/**
 * Test helpers: a strict little XML reader (enough for what the feeds and sitemaps contain: a declaration, elements,
 * attributes, text and the five predefined plus numeric entities) and the RFC 4287 rules an Atom reader relies on.
 * Where xmllint is installed the same text is also given to it.
 */
import { spawnSync } from 'node:child_process';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids.
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function decode(raw: string, where: number): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === '<') throw new Error(`raw < at ${where + i}`);
    if (c !== '&') {
      out += c;
      continue;
    }
    const m = ENTITY.exec(raw.slice(i));
    if (!m) throw new Error(`bad entity at ${where + i}: ${raw.slice(i, i + 12)}`);
    const e = m[0];
    out += e.startsWith('&#x')
      ? String.fromCodePoint(Number.parseInt(e.slice(3, -1), 16))
      : e.startsWith('&#')
        ? String.fromCodePoint(Number.parseInt(e.slice(2, -1), 10))
        : (
            { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" } as Record<string, string>
          )[e];
    i += e.length - 1;
  }
  return out;
}

/** Parse or throw. Comments, CDATA, DOCTYPE and processing instructions other than the declaration are refused. */
export function parseXml(xml: string): XmlElement {
  const bad = ILLEGAL.exec(xml);
  if (bad) throw new Error(`illegal character U+${bad[0].codePointAt(0)?.toString(16)} at ${bad.index}`);
  let i = 0;
  const decl = /^<\?xml version="1\.0" encoding="(?:utf|UTF)-8"\?>\n?/.exec(xml);
  if (decl) i = decl[0].length;
  const skipSpace = () => {
    while (i < xml.length && /\s/.test(xml[i] as string)) i++;
  };
  const element = (): XmlElement => {
    if (xml[i] !== '<') throw new Error(`expected < at ${i}`);
    i++;
    const name = NAME.exec(xml.slice(i))?.[0];
    if (!name) throw new Error(`bad element name at ${i}`);
    i += name.length;
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (i === before) throw new Error(`expected space before attribute at ${i}`);
      const an = NAME.exec(xml.slice(i))?.[0];
      if (!an) throw new Error(`bad attribute name at ${i}`);
      i += an.length;
      if (xml[i] !== '=') throw new Error(`expected = at ${i}`);
      const q = xml[i + 1];
      if (q !== '"' && q !== "'") throw new Error(`expected quote at ${i + 1}`);
      const end = xml.indexOf(q, i + 2);
      if (end < 0) throw new Error('unterminated attribute');
      if (an in el.attrs) throw new Error(`duplicate attribute ${an}`);
      el.attrs[an] = decode(xml.slice(i + 2, end), i + 2);
      i = end + 1;
    }
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt < 0) throw new Error(`unclosed <${name}>`);
      el.text += decode(xml.slice(i, lt), i);
      i = lt;
      if (xml.startsWith('</', i)) {
        const close = `</${name}>`;
        if (!xml.startsWith(close, i))
          throw new Error(`expected ${close} at ${i}, found ${xml.slice(i, i + 30)}`);
        i += close.length;
        return el;
      }
      if (xml.startsWith('<!', i) || xml.startsWith('<?', i)) throw new Error(`unexpected markup at ${i}`);
      el.children.push(element());
    }
  };
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== xml.length) throw new Error(`content after the root element at ${i}`);
  return root;
}

/** xmllint's verdict: null when well-formed, its message when not, undefined when xmllint is not installed. */
export function xmllint(xml: string): string | null | undefined {
  const r = spawnSync('xmllint', ['--noout', '-'], { input: xml, encoding: 'utf8' });
  if (r.error) return undefined;
  return r.status === 0 ? null : r.stderr;
}

const ATOM_NS = 'http://www.w3.org/2005/Atom';

function kids(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function isAbsoluteIri(s: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s);
}

/** Problems an Atom 1.0 reader would have with the document (RFC 4287 §4.1); empty when none. */
export function atomProblems(feed: XmlElement): string[] {
  const p: string[] = [];
  if (feed.name !== 'feed') p.push(`root is <${feed.name}>`);
  if (feed.attrs.xmlns !== ATOM_NS) p.push('feed is not in the Atom namespace');
  const one = (el: XmlElement, name: string, where: string) => {
    const n = kids(el, name).length;
    if (n !== 1) p.push(`${where} has ${n} <${name}>`);
  };
  for (const n of ['id', 'title', 'updated']) one(feed, n, 'feed');
  for (const u of kids(feed, 'updated')) if (!RFC3339.test(u.text)) p.push(`feed updated ${u.text}`);
  for (const id of kids(feed, 'id')) if (!isAbsoluteIri(id.text)) p.push(`feed id ${id.text} is not an IRI`);
  const links = kids(feed, 'link');
  if (!links.some((l) => l.attrs.rel === 'self' && isAbsoluteIri(l.attrs.href ?? '')))
    p.push('no absolute rel=self');
  if (links.filter((l) => (l.attrs.rel ?? 'alternate') === 'alternate').length > 1)
    p.push('two alternate links');
  const feedAuthor = kids(feed, 'author').length > 0;
  const ids = new Set<string>();
  for (const [k, e] of kids(feed, 'entry').entries()) {
    const where = `entry ${k + 1}`;
    for (const n of ['id', 'title', 'updated']) one(e, n, where);
    const id = kids(e, 'id')[0]?.text ?? '';
    if (!isAbsoluteIri(id)) p.push(`${where} id ${id} is not an IRI`);
    if (ids.has(id)) p.push(`${where} repeats id ${id}`);
    ids.add(id);
    for (const u of kids(e, 'updated')) if (!RFC3339.test(u.text)) p.push(`${where} updated ${u.text}`);
    const alt = kids(e, 'link').filter((l) => (l.attrs.rel ?? 'alternate') === 'alternate');
    if (alt.length !== 1 || !isAbsoluteIri(alt[0]?.attrs.href ?? ''))
      p.push(`${where} needs one absolute alternate`);
    if (kids(e, 'content').length === 0 && kids(e, 'summary').length !== 1) p.push(`${where} has no summary`);
    if (!feedAuthor && kids(e, 'author').length === 0) p.push(`${where} has no author`);
  }
  // Atom readers expect the text constructs to be plain text here.
  for (const el of [feed, ...kids(feed, 'entry')]) {
    for (const t of [...kids(el, 'title'), ...kids(el, 'summary')]) {
      if ((t.attrs.type ?? 'text') !== 'text') p.push(`<${t.name}> type ${t.attrs.type}`);
      if (t.children.length) p.push(`<${t.name}> holds markup`);
    }
  }
  return p;
}
