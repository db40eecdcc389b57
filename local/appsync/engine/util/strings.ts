// String helpers with the Java semantics AppSync's documentation refers to.
import vm from 'node:vm';

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

const TEST_PATTERN = new vm.Script('__pattern.test(__value)', { filename: 'appsync-matches.js' });
const REMEMBERED_VALUE_LENGTH = 256;

/**
 * util.matches, Java's String.matches (the whole value must match the pattern). A pattern can
 * backtrack for ever, so it runs under the handlers' time limit; and answers are remembered by
 * pattern and value, since resolvers check the same ids against the same patterns on every
 * request and the time limit costs a watchdog thread per run.
 */
export function createMatcher(timeoutMs: number, capacity = 1000): (pattern: string, value: string) => boolean {
  const context = vm.createContext({});
  const answers = new Map<string, boolean>();
  return (pattern, value) => {
    const text = String(value);
    const key = text.length <= REMEMBERED_VALUE_LENGTH ? JSON.stringify([String(pattern), text]) : undefined;
    const known = key === undefined ? undefined : answers.get(key);
    if (known !== undefined) return known;
    context.__pattern = new RegExp(`^(?:${pattern})$`);
    context.__value = text;
    let answer: boolean;
    try {
      answer = TEST_PATTERN.runInContext(context, { timeout: timeoutMs }) === true;
    } finally {
      context.__pattern = undefined;
      context.__value = undefined;
    }
    if (key !== undefined) {
      if (answers.size >= capacity) answers.delete(answers.keys().next().value as string);
      answers.set(key, answer);
    }
    return answer;
  };
}

export function normalize(value: string, form: string): string {
  const upper = String(form).toUpperCase();
  if (upper !== 'NFC' && upper !== 'NFD' && upper !== 'NFKC' && upper !== 'NFKD') {
    throw new TypeError(`normalization type must be nfc, nfd, nfkc or nfkd, not ${form}`);
  }
  return String(value).normalize(upper);
}
