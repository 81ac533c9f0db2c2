/**
 * Atom 1.0 (RFC 4287) and the few XML helpers the feeds and the sitemap share. Pure: strings in, a string out.
 * Every date comes from the data (the as-of date, decision dates), never from the clock, so a rebuild of the same
 * data gives the same bytes.
 */

/**
 * Characters XML 1.0 does not allow at all: C0 controls other than tab, LF and CR, lone surrogates, U+FFFE and
 * U+FFFF. Escaping cannot make them legal, so they are dropped.
 */
const ILLEGAL_XML = new RegExp(
  [
    '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]',
    '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])',
    '(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  ].join('|'),
  'g',
);

export function stripIllegalXml(text: string): string {
  return text.replace(ILLEGAL_XML, '');
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Safe in element content and in either kind of quoted attribute. */
export function xmlEscape(text: string): string {
  return stripIllegalXml(text).replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

/** A calendar date as an RFC 3339 timestamp: midnight in China, where the dates were set. */
export function dateToTimestamp(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not an ISO date: ${date}`);
  return `${date}T00:00:00+08:00`;
}

/**
 * A tag: URI (RFC 4151) for an entry or feed id. Unlike a page URL it survives a move to another address as long as
 * the tagging authority stays the same.
 */
export function tagUri(authority: string, year: string, specific: string): string {
  const safe = specific.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?]/g, (c) =>
    Array.from(new TextEncoder().encode(c), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(
      '',
    ),
  );
  return `tag:${authority},${year}:${safe}`;
}

export interface AtomEntry {
  id: string;
  title: string;
  /** ISO date (YYYY-MM-DD). */
  updated: string;
  /** Absolute URL of the page the entry is about. */
  link: string;
  /** Plain text; written as type="text", escaped. */
  summary: string;
  categories?: readonly string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** ISO date (YYYY-MM-DD): the as-of date of the data. */
  updated: string;
  /** Absolute URL of the feed itself. */
  selfUrl: string;
  /** Absolute URL of the HTML page the feed mirrors. */
  alternateUrl: string;
  author: string;
  rights?: string;
  entries: readonly AtomEntry[];
}

function textElement(name: string, value: string, indent: string): string {
  return `${indent}<${name} type="text">${xmlEscape(value)}</${name}>`;
}

export function renderAtom(feed: AtomFeed): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${xmlEscape(feed.id)}</id>`,
    textElement('title', feed.title, '  '),
  ];
  if (feed.subtitle) lines.push(textElement('subtitle', feed.subtitle, '  '));
  lines.push(
    `  <updated>${dateToTimestamp(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(feed.alternateUrl)}"/>`,
    `  <author><name>${xmlEscape(feed.author)}</name></author>`,
  );
  if (feed.rights) lines.push(textElement('rights', feed.rights, '  '));
  for (const e of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${xmlEscape(e.id)}</id>`,
      textElement('title', e.title, '    '),
      `    <updated>${dateToTimestamp(e.updated)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(e.link)}"/>`,
    );
    for (const c of e.categories ?? []) lines.push(`    <category term="${xmlEscape(c)}"/>`);
    lines.push(textElement('summary', e.summary, '    '), '  </entry>');
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
