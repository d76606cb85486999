// V8's JSON.parse does not always say where the input went wrong ("Unexpected token '}', ... is not valid JSON").
// This walks the RFC 8259 grammar to find the index of the first character that cannot belong to valid JSON.
// It runs only after JSON.parse has refused the text, to tell the user where to look.

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const LITERALS: Record<string, string> = { t: 'true', f: 'false', n: 'null' };

class Cursor {
  i = 0;
  constructor(readonly text: string) {}

  space(): void {
    while (/[ \t\n\r]/.test(this.text[this.i] ?? '')) this.i++;
  }

  /** Consumes one value; false (with i on the offending character) when it is not valid. */
  value(): boolean {
    this.space();
    const c = this.text[this.i];
    if (c === '{') return this.sequence('}', () => this.member());
    if (c === '[') return this.sequence(']', () => this.value());
    if (c === '"') return this.string();
    const literal = LITERALS[c ?? ''];
    return literal === undefined ? this.number() : this.literal(literal);
  }

  private member(): boolean {
    this.space();
    if (this.text[this.i] !== '"' || !this.string()) return false;
    this.space();
    if (this.text[this.i] !== ':') return false;
    this.i++;
    return this.value();
  }

  private sequence(close: string, item: () => boolean): boolean {
    this.i++;
    this.space();
    if (this.text[this.i] === close) return this.step();
    for (;;) {
      if (!item()) return false;
      this.space();
      const c = this.text[this.i];
      if (c === close) return this.step();
      if (c !== ',') return false;
      this.i++;
    }
  }

  private string(): boolean {
    for (this.i++; this.i < this.text.length; this.i++) {
      const c = this.text[this.i] as string;
      if (c === '"') return this.step();
      if (c < ' ') return false;
      if (c === '\\') {
        ESCAPE.lastIndex = this.i;
        if (!ESCAPE.test(this.text)) return false;
        this.i = ESCAPE.lastIndex - 1;
      }
    }
    return false;
  }

  /** Moves past the current character, which ends what was being read. */
  private step(): true {
    this.i++;
    return true;
  }

  /** Consumes `word`, stopping on the first character that differs (as V8 reports it). */
  private literal(word: string): boolean {
    for (const expected of word) {
      if (this.text[this.i] !== expected) return false;
      this.i++;
    }
    return true;
  }

  private number(): boolean {
    NUMBER.lastIndex = this.i;
    if (!NUMBER.test(this.text)) return false;
    this.i = NUMBER.lastIndex;
    return true;
  }
}

/** Index of the first character of `json` that breaks the JSON grammar (its length when it ends too early). */
export function jsonErrorPosition(json: string): number {
  const cursor = new Cursor(json);
  if (cursor.value()) {
    cursor.space();
    // A whole value followed by more text: the extra text is the error; nothing after it means none was found.
    if (cursor.i < json.length) return cursor.i;
  }
  return Math.min(cursor.i, json.length);
}
