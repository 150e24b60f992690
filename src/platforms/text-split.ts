/**
 * Shared, platform-neutral splitting helpers for the Telegram and Discord renderers.
 *
 * Model: the renderer escapes every piece of user text into `Atom`s — one per source code point, each
 * carrying its already-escaped output (`&amp;`, `\*`, `@\u200b`, a whole surrogate pair…). A `Seg` is a
 * run of atoms sharing one formatting (`fmt`); the platform's `Markup` says which opening/closing
 * markup wraps a run. Because cuts only ever fall between atoms, and every piece of a cut run is
 * wrapped in its own opening+closing markup, no output chunk can end inside an escape sequence, inside a
 * tag or between the halves of a surrogate pair, and no markup is left open across a chunk boundary.
 *
 * Lengths are counted in UTF-16 code units of the *rendered* (escaped, marked-up) text, which is never
 * less than what either platform counts.
 *
 * Hand-written: neither discord.js 14 nor grammY has a message splitter, and generic string splitters cut
 * plain text: they know neither Telegram's HTML escapes nor Discord's markdown, so a cut could fall inside an
 * escape or leave bold open. Cutting only between escaped atoms is what keeps every chunk valid.
 */

export interface Atom {
  /** The source text this atom stands for (one code point, normally). */
  src: string;
  /** What is written out for it (escaped). */
  out: string;
}

export interface Seg<F> {
  atoms: Atom[];
  fmt: F;
}

export type SegLine<F> = Seg<F>[];

export interface Markup<F> {
  open(fmt: F): string;
  close(fmt: F): string;
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Drops control characters (except tab and newline) and carriage returns; replaces lone surrogates with U+FFFD. */
export function stripControlCharacters(text: string): string {
  let out = text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
  out = out.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return out;
}

/** True when the string holds no lone surrogate (what `String.prototype.isWellFormed` checks). */
export function isWellFormedUtf16(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** Splits cleaned text into code points and maps each through `escape(cp, index, all)`. */
export function toAtoms(text: string, escape: (cp: string, index: number, all: string[]) => string): Atom[] {
  const cps = Array.from(stripControlCharacters(text));
  return cps.map((cp, i, all) => ({ src: cp, out: escape(cp, i, all) }));
}

export function atomsLength(atoms: readonly Atom[]): number {
  let n = 0;
  for (const a of atoms) n += a.out.length;
  return n;
}

export function renderSegs<F>(line: SegLine<F>, markup: Markup<F>): string {
  let out = '';
  for (const seg of line) {
    if (seg.atoms.length === 0) continue;
    out += markup.open(seg.fmt);
    for (const a of seg.atoms) out += a.out;
    out += markup.close(seg.fmt);
  }
  return out;
}

export function segsLength<F>(line: SegLine<F>, markup: Markup<F>): number {
  let n = 0;
  for (const seg of line) {
    if (seg.atoms.length === 0) continue;
    n += markup.open(seg.fmt).length + atomsLength(seg.atoms) + markup.close(seg.fmt).length;
  }
  return n;
}

const isSpace = (a: Atom | undefined): boolean => a !== undefined && /^\s$/u.test(a.src);
const endsSentence = (a: Atom | undefined): boolean => a !== undefined && /^[.!?…;。！？]$/u.test(a.src);

/**
 * Cuts the longest prefix of `line` whose rendering fits `budget`, preferring (in order) a line break
 * inside the text, a sentence end, a word boundary, and only then any code point. Whitespace at the cut
 * is dropped. Returns null when not even one atom fits.
 */
export function takePrefix<F>(line: SegLine<F>, markup: Markup<F>, budget: number): { head: SegLine<F>; rest: SegLine<F> } | null {
  const flat: { atom: Atom; seg: number }[] = [];
  line.forEach((seg, s) => {
    for (const atom of seg.atoms) flat.push({ atom, seg: s });
  });
  // m = the largest number of atoms whose rendering (with the markup of every run touched) fits.
  let cost = 0;
  let m = 0;
  let lastSeg = -1;
  for (const { atom, seg } of flat) {
    let add = atom.out.length;
    if (seg !== lastSeg) {
      const fmt = line[seg]!.fmt;
      add += markup.open(fmt).length + markup.close(fmt).length;
    }
    if (cost + add > budget) break;
    cost += add;
    lastSeg = seg;
    m++;
  }
  if (m === 0) return null;
  if (m === flat.length) return { head: line, rest: [] };

  const atomAt = (i: number) => flat[i]?.atom;
  let cut = -1;
  // A newline inside the text (paragraph/line break) in the last half.
  for (let c = m; c >= Math.ceil(m / 2) && cut < 0; c--) if (c > 0 && atomAt(c - 1)?.src === '\n') cut = c;
  // A sentence end followed by whitespace, in the last half.
  for (let c = m; c >= Math.ceil(m / 2) && cut < 0; c--) {
    if (isSpace(atomAt(c - 1)) && endsSentence(atomAt(c - 2))) cut = c;
  }
  // Any word boundary.
  for (let c = m; c > 0 && cut < 0; c--) if (isSpace(atomAt(c - 1)) || isSpace(atomAt(c))) cut = c;
  if (cut < 0) cut = m;

  let headEnd = cut;
  while (headEnd > 0 && isSpace(atomAt(headEnd - 1))) headEnd--;
  let restStart = cut;
  while (restStart < flat.length && isSpace(atomAt(restStart))) restStart++;
  if (headEnd === 0) {
    // Only whitespace before the cut: keep it rather than loop (still progress since cut > 0).
    headEnd = cut;
  }
  return { head: sliceSegs(line, flat, 0, headEnd), rest: sliceSegs(line, flat, restStart, flat.length) };
}

function sliceSegs<F>(line: SegLine<F>, flat: { atom: Atom; seg: number }[], from: number, to: number): SegLine<F> {
  const out: SegLine<F> = [];
  let current = -1;
  for (let i = from; i < to; i++) {
    const { atom, seg } = flat[i]!;
    if (seg !== current) {
      out.push({ atoms: [], fmt: line[seg]!.fmt });
      current = seg;
    }
    out[out.length - 1]!.atoms.push(atom);
  }
  return out;
}

/** A block is a group of lines kept together when possible (the title, or a section with its heading). */
export interface Block<F> {
  lines: SegLine<F>[];
  /** The first line is a heading: never leave it alone at the end of a chunk. */
  headed?: boolean;
}

export interface PackHooks {
  /** The budget of the chunk being started now. */
  budget(): number;
  /** The budget the next chunk would get if a chunk of `pendingLength` units were flushed now. */
  freshBudget(pendingLength: number): number;
  /** A chunk is finished. */
  flush(chunk: string): void;
  /**
   * Optional: the budget an empty chunk would get if moved to a fresh container (Discord: a new
   * message, when the current one has little room left), and the move itself.
   */
  skipBudget?(): number;
  skip?(): void;
}

/**
 * Packs blocks into chunks (lines joined by `\n`, blocks by a blank line), each within its budget.
 * A block that does not fit where it would go starts a new chunk if it fits a fresh one (paragraph
 * boundary); otherwise it is laid out line by line (a heading stays with the start of its first line),
 * and a line that fits nowhere is cut by `takePrefix` (line break, sentence, word, then code-point
 * boundary), each piece carrying its own markup; pieces fill each chunk to its budget.
 */
export function packBlocks<F>(blocks: Block<F>[], markup: Markup<F>, hooks: PackHooks): void {
  let parts: string[] = [];
  let used = 0;
  let budget = hooks.budget();
  let pendingSep = '';

  const flush = () => {
    if (parts.length > 0) hooks.flush(parts.join(''));
    parts = [];
    used = 0;
    pendingSep = '';
    budget = hooks.budget();
  };
  const append = (text: string) => {
    const sep = parts.length > 0 ? pendingSep : '';
    parts.push(sep + text);
    used += sep.length + text.length;
    pendingSep = '\n';
  };
  const sepLen = () => (parts.length > 0 ? pendingSep.length : 0);
  const fits = (len: number) => used + sepLen() + len <= budget;
  /** Moves an empty chunk to a fresh container (when the hooks allow it) and says whether `len` fits now. */
  const trySkip = (len: number): boolean => {
    if (parts.length > 0 || !hooks.skip || !hooks.skipBudget || len > hooks.skipBudget()) return false;
    hooks.skip();
    budget = hooks.budget();
    return fits(len);
  };
  /** Starts a new chunk (or container) for something of `len` units if that makes it fit whole. */
  const moveToFresh = (len: number): boolean => {
    if (parts.length > 0) {
      if (len > Math.max(hooks.freshBudget(used), hooks.skipBudget?.() ?? 0)) return false;
      flush();
      if (fits(len)) return true;
    }
    return trySkip(len);
  };

  for (const block of blocks) {
    const rendered = block.lines.map((l) => renderSegs(l, markup)).filter((l) => l.length > 0);
    if (rendered.length === 0) continue;
    if (parts.length > 0) pendingSep = '\n\n';
    const whole = rendered.join('\n');
    if (fits(whole.length)) {
      append(whole);
      continue;
    }
    if (moveToFresh(whole.length)) {
      append(whole);
      continue;
    }
    // Line by line.
    block.lines.forEach((line, index) => {
      let text = renderSegs(line, markup);
      if (text.length === 0) return;
      if (index === 0 && block.headed && parts.length > 0) {
        // Keep the heading with (the start of) the next line.
        const next = block.lines[1] ? Math.min(renderSegs(block.lines[1], markup).length, 200) : 0;
        if (!fits(text.length + 1 + next)) flush();
      }
      if (fits(text.length)) {
        append(text);
        return;
      }
      if (moveToFresh(text.length)) {
        append(text);
        return;
      }
      // A line longer than any chunk: start it here only if a fair part of the chunk is left (or it
      // directly follows its heading), so that no chunk ends with a tiny fragment of it.
      const afterHeading = index === 1 && block.headed;
      if (parts.length > 0 && !afterHeading && budget - used - sepLen() < budget / 4) flush();
      let rest: SegLine<F> = line;
      while (rest.length > 0) {
        text = renderSegs(rest, markup);
        if (text.length === 0) break;
        if (fits(text.length)) {
          append(text);
          break;
        }
        const room = budget - used - sepLen();
        const cut = room > 0 ? takePrefix(rest, markup, room) : null;
        if (!cut) {
          if (parts.length === 0) throw new Error(`packBlocks: budget ${budget} cannot hold a single atom`);
          flush();
          continue;
        }
        const head = renderSegs(cut.head, markup);
        if (head.length > 0) append(head);
        rest = cut.rest;
        flush();
      }
    });
  }
  flush();
}

/** Hooks for a sequence of independent chunks: `first` units for the first, `rest` for the others. */
export function fixedBudgets(first: number, rest: number = first): PackHooks & { chunks: string[] } {
  const chunks: string[] = [];
  return {
    chunks,
    budget: () => (chunks.length === 0 ? first : rest),
    freshBudget: (pending) => (chunks.length === 0 && pending === 0 ? first : rest),
    flush: (chunk) => {
      chunks.push(chunk);
    },
  };
}

/** An http(s) URL, parsed; undefined for anything else (javascript:, tg:, malformed), which is never linked. */
export function webUrl(url: string): URL | undefined {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
