// Keeps secrets out of the log file. Every line goes through `scrubText` on its way to the file, whatever
// wrote it (our records, electron-updater's messages, an error's stack), so "never in the log" does not
// depend on each caller remembering. Three nets:
//  - the secrets themselves: the API key and MCP server secrets are registered (`add`) where main reads
//    them, and every occurrence is replaced, also in its JSON-escaped form;
//  - their shapes, for a key the log never learnt (a key pasted into a base URL, a server quoting one):
//    OpenAI keys (`sk-…`), ephemeral client secrets (`ek_…`), `Bearer …`, and a URL's user:password@;
//  - fields named like credentials in structured records (authorization, api_key, token, secret…), whose
//    values are dropped whatever they hold, as are MCP servers' `env` and `headers` maps.

export const REDACTED = '[redacted]';

/** Secrets shorter than this are not registered: replacing "abc" everywhere would garble the log. */
const MIN_SECRET_LENGTH = 8;

const patterns: [RegExp, string][] = [
  // OpenAI API keys (sk-…, sk-proj-…, sk-svcacct-…) and the Realtime API's ephemeral keys (ek_…).
  [/\b(sk|ek)([-_])[A-Za-z0-9_-]{6,}/g, `$1$2${REDACTED}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`],
  // https://user:password@host: credentials in a URL.
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@"']+:[^/\s@"']*@/gi, `$1${REDACTED}@`],
];

/** Field names whose values are credentials, whatever they hold. */
const secretField = /authori[sz]ation|api[-_]?key|secret|token|passw(or)?d|cookie|credential/i;
/** Maps whose every value may be a secret (an MCP server's environment and HTTP headers). */
const secretMap = /^(env|headers)$/i;

export interface Scrubber {
  /** Registers a value that must never reach the log (shorter than 8 characters: ignored). */
  add(secret: string): void;
  scrubText(text: string): string;
  /** A copy of a structured value with credentials removed (fields by name, strings by content). */
  scrubValue(value: unknown): unknown;
}

export function createScrubber(): Scrubber {
  // Longest first, so a secret that contains another is replaced whole.
  let secrets: string[] = [];

  const scrubText = (text: string): string => {
    let out = text;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
    return out;
  };

  const scrubValue = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return scrubText(value);
    if (value instanceof Error) {
      return {
        type: value.name,
        message: scrubText(value.message),
        ...(value.stack ? { stack: scrubText(value.stack) } : {}),
      };
    }
    if (typeof value !== 'object' || value === null) return value;
    if (depth > 8) return '[deep]';
    if (Array.isArray(value)) return value.map((entry) => scrubValue(entry, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (secretField.test(key)) out[key] = REDACTED;
      else if (secretMap.test(key) && typeof entry === 'object' && entry !== null)
        out[key] = Object.fromEntries(Object.keys(entry).map((name) => [name, REDACTED]));
      else out[key] = scrubValue(entry, depth + 1);
    }
    return out;
  };

  return {
    add(secret) {
      const value = secret.trim();
      if (value.length < MIN_SECRET_LENGTH) return;
      // The form a JSON line holds it in: quotes and backslashes escaped.
      const escaped = JSON.stringify(value).slice(1, -1);
      const next = new Set([...secrets, value, escaped]);
      secrets = [...next].sort((a, b) => b.length - a.length);
    },
    scrubText,
    scrubValue: (value) => scrubValue(value),
  };
}
