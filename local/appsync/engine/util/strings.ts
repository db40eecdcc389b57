// String helpers with the Java semantics AppSync's documentation refers to.

export function base64Encode(value: string): string {
  return Buffer.from(String(value), 'utf8').toString('base64');
}

export function base64Decode(value: string): string {
  return Buffer.from(String(value), 'base64').toString('utf8');
}

/** `application/x-www-form-urlencoded`, as Java's URLEncoder writes it. */
export function urlEncode(value: string): string {
  return encodeURIComponent(String(value))
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

export function urlDecode(value: string): string {
  return decodeURIComponent(String(value).replace(/\+/g, ' '));
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  "'": "\\'",
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\n': '\\n',
  '\t': '\\t',
  '\f': '\\f',
  '\r': '\\r',
};

/** Escapes as Apache Commons' escapeEcmaScript does (what AppSync's escapeJavaScript uses). */
export function escapeJavaScript(value: string): string {
  let out = '';
  for (const char of String(value)) {
    const code = char.codePointAt(0) ?? 0;
    const escape = ESCAPES[char];
    if (escape) out += escape;
    else if (code < 0x20 || code > 0x7e) out += toUnicodeEscapes(char);
    else out += char;
  }
  return out;
}

function toUnicodeEscapes(char: string): string {
  let out = '';
  for (let i = 0; i < char.length; i += 1) {
    out += `\\u${char.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

/** Java's String.matches: the whole value must match the pattern. */
export function matches(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(String(value));
}

export function normalize(value: string, form: string): string {
  const upper = String(form).toUpperCase();
  if (upper !== 'NFC' && upper !== 'NFD' && upper !== 'NFKC' && upper !== 'NFKD') {
    throw new TypeError(`normalization type must be nfc, nfd, nfkc or nfkd, not ${form}`);
  }
  return String(value).normalize(upper);
}
