// Reads a dict literal as people paste it: JSON, or the Python / JavaScript object a beta-era snippet
// passed to session.update (single quotes, True/False/None, trailing commas, unquoted JS keys). Only
// literal values are accepted; an expression such as `self.voice` is reported with its position so the
// user knows what to replace. Pure, no eval.

export class DictLiteralError extends Error {}

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/** Parses the first `{…}` in `text` (so `session.update(session={…})` works as pasted). */
export function parseDictLiteral(text: string): Value {
  const start = text.indexOf('{');
  if (start < 0) throw new DictLiteralError('no {…} object found');
  const parser = new Parser(text, start);
  return parser.value();
}

class Parser {
  constructor(
    private readonly text: string,
    private pos: number,
  ) {}

  value(): Value {
    this.skip();
    const ch = this.text[this.pos];
    if (ch === '{') return this.object();
    if (ch === '[' || ch === '(') return this.array(ch === '[' ? ']' : ')');
    if (ch === '"' || ch === "'") return this.string(ch);
    if (ch !== undefined && /[-+\d.]/.test(ch)) return this.number();
    const word = /^[A-Za-z_$][\w$.]*(\(\))?/.exec(this.text.slice(this.pos))?.[0];
    const literals: Record<string, Value> = {
      True: true,
      False: false,
      None: null,
      true: true,
      false: false,
      null: null,
    };
    if (word !== undefined && Object.hasOwn(literals, word)) {
      this.pos += word.length;
      return literals[word] ?? null;
    }
    if (word) this.fail(`\`${word}\` is an expression, not a value: replace it with a literal`);
    this.fail(ch === undefined ? 'unexpected end of text' : `unexpected \`${ch}\``);
  }

  private object(): Value {
    this.pos++; // {
    const out: Record<string, Value> = {};
    for (;;) {
      this.skip();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return out;
      }
      const key = this.key();
      this.skip();
      if (this.text[this.pos] !== ':') this.fail('expected `:` after a key');
      this.pos++;
      out[key] = this.value();
      this.separator('}');
    }
  }

  private array(close: string): Value {
    this.pos++;
    const out: Value[] = [];
    for (;;) {
      this.skip();
      if (this.text[this.pos] === close) {
        this.pos++;
        return out;
      }
      out.push(this.value());
      this.separator(close);
    }
  }

  /** After an entry: a comma (a trailing one is fine) or the closing bracket. */
  private separator(close: string) {
    this.skip();
    const ch = this.text[this.pos];
    if (ch === ',') this.pos++;
    else if (ch !== close) this.fail(`expected \`,\` or \`${close}\``);
  }

  private key(): string {
    const ch = this.text[this.pos];
    if (ch === '"' || ch === "'") return this.string(ch);
    const word = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.pos))?.[0];
    if (!word) this.fail('expected a key');
    this.pos += word.length;
    return word;
  }

  private string(quote: string): string {
    let out = '';
    this.pos++;
    for (;;) {
      const ch = this.text[this.pos++];
      if (ch === undefined) this.fail('unterminated string');
      if (ch === quote) return out;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const esc = this.text[this.pos++];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0' };
      if (esc === 'u' || esc === 'x') {
        const length = esc === 'u' ? 4 : 2;
        const hex = this.text.slice(this.pos, this.pos + length);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) this.fail('bad escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += length;
      } else if (esc !== undefined) {
        out += simple[esc] ?? esc;
      }
    }
  }

  private number(): number {
    const raw = /^[-+]?(\d[\d_]*)?(\.\d+)?([eE][-+]?\d+)?/.exec(this.text.slice(this.pos))?.[0] ?? '';
    const value = Number(raw.replaceAll('_', ''));
    if (raw === '' || !Number.isFinite(value)) this.fail('bad number');
    this.pos += raw.length;
    return value;
  }

  /** Whitespace and # or // comments. */
  private skip() {
    for (;;) {
      const rest = this.text.slice(this.pos);
      const match = /^(\s+|#[^\n]*|\/\/[^\n]*)/.exec(rest);
      if (!match) return;
      this.pos += match[0].length;
    }
  }

  private fail(message: string): never {
    const before = this.text.slice(0, this.pos);
    const line = before.split('\n').length;
    const column = this.pos - before.lastIndexOf('\n');
    throw new DictLiteralError(`${message} (line ${line}, column ${column})`);
  }
}
