/**
 * Clean text out of what servers put in error bodies: HTML pages (webob/pecan, proxies, login
 * portals) and JSON messages that carry HTML (`<br />`) or webob's generic explanations.
 */

/**
 * webob's fixed explanations for its HTTP exceptions (webob/exc.py). Gnocchi's and Keystone's
 * middlewares put them before the real detail, e.g. `"The server could not comply with the request
 * since it is either malformed or otherwise incorrect.<br /><br />\nInvalid input"`: they say
 * nothing the status does not, so they are dropped when a detail follows.
 */
const GENERIC_EXPLANATIONS = [
  'The server could not comply with the request since it is either malformed or otherwise incorrect.',
  'The resource could not be found.',
  'The server has either erred or is incapable of performing the requested operation.',
  'Access was denied to this resource.',
  'This server could not verify that you are authorized to access the document you requested. Either you supplied the wrong credentials (e.g., bad password), or your browser does not understand how to supply the credentials required.',
  'The server is currently unavailable. Please try again at a later time.',
];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Whether a body looks like an HTML (or XML) document rather than JSON or plain text. */
export function looksLikeHtml(body: string): boolean {
  return /^\s*</.test(body);
}

/** The `<title>` of an HTML page, if any. */
export function htmlTitle(body: string): string {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body);
  return m ? collapse(decodeEntities(m[1].replace(/<[^>]*>/g, ' '))) : '';
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Readable text: no tags, scripts, styles or head; entities decoded; whitespace collapsed. */
export function stripHtml(s: string): string {
  const noBlocks = s
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(head|script|style|title)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, ' ');
  return collapse(decodeEntities(noBlocks));
}

/** A cause for a message: HTML stripped, generic preambles and a repeated status line dropped. */
export function cleanCause(s: string, statusLine?: string, html = looksLikeHtml(s)): string {
  let text = stripHtml(s);
  // HTML error pages repeat the status line ("404 Not Found") or its reason in their <h1>, and
  // JSON errors in their title: said once, by the message's own status line
  if (statusLine) {
    const reason = statusLine.replace(/^\d+\s*/, '');
    if (text.toLowerCase() === statusLine.toLowerCase() || text.toLowerCase() === reason.toLowerCase()) {
      return '';
    }
    for (const prefix of html ? [statusLine, reason] : []) {
      if (prefix && text.startsWith(prefix + ' ')) {
        text = text.slice(prefix.length).replace(/^[\s:.-]+/, '');
        break;
      }
    }
  }
  for (const generic of GENERIC_EXPLANATIONS) {
    if (text.startsWith(generic) && text.length > generic.length) {
      text = text.slice(generic.length).trim();
    }
  }
  return text;
}
