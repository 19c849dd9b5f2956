// Escaping so that nothing a data value contains becomes Markdown structure, HTML or a link.

/**
 * Escapes text for GitHub-flavoured Markdown: every character that can start inline structure
 * is backslash-escaped, and URL-ish sequences are broken so the autolink extension leaves them
 * as text (an "@" gets an invisible U+2060 WORD JOINER after it, so e-mail addresses stay text).
 * Line breaks and control characters are made visible as spaces.
 */
export function escapeMarkdown(text: string): string {
  // GFM links e-mail addresses after parsing, escapes or not: an invisible word joiner after "@"
  // is what keeps "a@b.com", "mailto:" and "xmpp:" text. A trailing " #" would be read as the
  // closing sequence of a heading and vanish, so it is escaped too.
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\uFFFD')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/@/g, '@\u2060')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^(\s*)([-+]|#{1,6})(?=[\s-]|$)/, '$1\\$2')
    .replace(/(\s)(#+\s*)$/, '$1\\$2')
    .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/**
 * Text as a Markdown code span, shown verbatim: the fence is one backtick longer than the longest
 * run of backticks inside (CommonMark), control characters become U+FFFD.
 */
export function codeSpan(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || clean.startsWith(' ') || clean.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/**
 * C0 control characters (but tab and line breaks) and DEL as U+FFFD: for text that a template
 * escapes itself (nunjucks autoescape leaves control characters alone).
 */
export function visibleControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD');
}

/** Escapes text for HTML; C0 control characters (but tab and line breaks) become U+FFFD, as in Markdown. */
export function escapeHtml(text: string): string {
  return visibleControls(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
