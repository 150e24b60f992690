import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  /** The encoding actually used to decode, lower case (e.g. "utf-8", "utf-16le", "gb18030"). */
  encoding: string;
}

const BOMS: Array<[number[], string]> = [
  // UTF-32LE first: its BOM starts with the UTF-16LE one.
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32le'],
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32be'],
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/** How `<?` (or `<` of any tag) looks in UTF-16/32 without a BOM. */
const PATTERNS: Array<[number[], string]> = [
  [[0x00, 0x00, 0x00, 0x3c], 'utf-32be'],
  [[0x3c, 0x00, 0x00, 0x00], 'utf-32le'],
  [[0x00, 0x3c, 0x00, 0x3f], 'utf-16be'],
  [[0x3c, 0x00, 0x3f, 0x00], 'utf-16le'],
  [[0x00, 0x3c, 0x00], 'utf-16be'],
  [[0x3c, 0x00], 'utf-16le'],
];

// Labels that decode better as a superset (as browsers do).
const SUPERSETS: Record<string, string> = {
  'gb2312': 'gb18030', 'gbk': 'gb18030', 'x-gbk': 'gb18030', 'gb_2312-80': 'gb18030',
  'iso-8859-1': 'windows-1252', 'latin1': 'windows-1252', 'l1': 'windows-1252', 'us-ascii': 'windows-1252',
  'ascii': 'windows-1252', 'iso-8859-9': 'windows-1254', 'tis-620': 'windows-874', 'euc-kr': 'cp949',
  'ks_c_5601-1987': 'cp949', 'shift_jis': 'cp932', 'sjis': 'cp932', 'x-sjis': 'cp932', 'big5': 'big5hkscs',
  'utf-16': 'utf-16be', 'utf16': 'utf-16be', 'utf_16': 'utf-16be', 'utf-32': 'utf-32be', 'utf_32': 'utf-32be',
  'ucs-2': 'utf-16be', 'utf8': 'utf-8',
};

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function isAscii(bytes: Uint8Array): boolean {
  return bytes.every((b) => b < 0x80);
}

/**
 * Names chardet gives that decode better as the Windows code page the text was most likely written in:
 * its statistics cannot tell ISO-8859-8 from windows-1255 (nor TIS-620 from windows-874), and Windows
 * wrote most such text. Only for detection: a declared ISO-8859-8 is decoded as declared.
 */
const DETECTED: Record<string, string> = { 'iso-8859-8': 'windows-1255', 'iso-8859-8-i': 'windows-1255', 'iso-8859-11': 'windows-874' };

/** Single-byte encodings of Latin script: plausible only for text that is mostly ASCII letters. */
const LATIN = new Set(['windows-1250', 'windows-1252', 'windows-1254', 'windows-1257', 'windows-1258', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15', 'iso-8859-16']);

/**
 * In Latin-script languages accented letters are the minority inside the words that have them
 * ("Größe", "élève"); text of another script read as Latin shows words made of accented letters only.
 */
function plausibleAsLatin(text: string): boolean {
  let letters = 0;
  let accented = 0;
  for (const word of text.match(/\p{L}+/gu) ?? []) {
    if (!/[^\x00-\x7f]/.test(word)) continue;
    letters += word.length;
    accented += word.replace(/[\x00-\x7f]/g, '').length;
  }
  return letters === 0 || accented / letters <= 0.5;
}

/** Non-ASCII bytes needed before chardet's statistics mean anything. */
const MIN_DETECT_BYTES = 16;

/** The lines that hold non-ASCII bytes: what a detector should weigh (markup and comments are ASCII). */
function nonAsciiLines(bytes: Uint8Array): Buffer {
  const kept: Uint8Array[] = [];
  let start = 0;
  for (let index = 0; index <= bytes.length; index++) {
    if (index < bytes.length && bytes[index] !== 0x0a) continue;
    const line = bytes.subarray(start, index + 1);
    if (line.some((byte) => byte >= 0x80)) kept.push(line);
    start = index + 1;
  }
  return Buffer.concat(kept);
}

/**
 * The encoding of undeclared, non-UTF-8 bytes, by chardet's statistics; its candidates are taken in
 * its order, skipping a Latin code page when the text it gives does not read as Latin script.
 * Null when the sample is too short or no candidate fits (the caller falls back to windows-1252).
 */
export function detectEncoding(bytes: Uint8Array): string | null {
  const sample = nonAsciiLines(bytes);
  // A word or two of accented Latin fits a dozen encodings: too little to tell (windows-1252 then).
  if (sample.filter((byte) => byte >= 0x80).length < MIN_DETECT_BYTES) return null;
  for (const match of chardet.analyse(sample)) {
    const label = match.name.toLowerCase();
    const encoding = normalizeEncoding(DETECTED[label] ?? label);
    if (!encoding || encoding === 'utf-8' || encoding.startsWith('utf-16') || encoding.startsWith('utf-32')) continue;
    const text = iconv.decode(sample, encoding);
    // Replacement, private-use or C1 control characters: these bytes are not text in that encoding.
    if (/[\ufffd\p{Co}\u0080-\u009f]/u.test(text)) continue;
    if ((encoding === 'windows-1252' || LATIN.has(encoding)) && !plausibleAsLatin(text)) continue;
    return encoding;
  }
  return null;
}

/** Normalizes a charset label; null when iconv-lite doesn't know it. */
export function normalizeEncoding(label: string | null | undefined): string | null {
  if (!label) return null;
  const name = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!name) return null;
  const chosen = SUPERSETS[name] ?? name;
  return iconv.encodingExists(chosen) ? chosen : null;
}

function charsetOf(contentType: string | null | undefined): string | null {
  const match = contentType?.match(/charset\s*=\s*["']?([^"';\s]+)/i);
  return match?.[1] ?? null;
}

/** The head of the document read as ASCII, enough to find a declaration. */
function asciiHead(bytes: Uint8Array): string {
  return Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
}

function xmlDeclEncoding(head: string): string | null {
  return head.match(/^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/)?.[1] ?? null;
}

function metaCharset(head: string): string | null {
  return head.match(/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i)?.[1] ?? null;
}

function looksLikeHtml(contentType: string | null | undefined, head: string): boolean {
  if (contentType && /html/i.test(contentType) && !/xhtml\+xml/i.test(contentType)) return true;
  return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html)/i.test(head);
}

// windows-1252 code points for C1 controls 0x80..0x9f (feeds that put them in UTF-8 mean these).
const CP1252_C1 = iconv.decode(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)), 'windows-1252');

/** C1 control characters (U+0080–U+009F, never meant in feeds) → the windows-1252 characters meant. */
export function demoronize(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => {
    const mapped = CP1252_C1[c.charCodeAt(0) - 0x80];
    return mapped && mapped.charCodeAt(0) > 0x9f ? mapped : c;
  });
}

function decodeAs(bytes: Uint8Array, encoding: string, skipBom = 0): Decoded {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + skipBom, bytes.byteLength - skipBom);
  const text = iconv.decode(body, encoding, { stripBOM: true });
  return { text: demoronize(text), encoding };
}

/**
 * Decodes a feed or page: BOM → byte pattern of `<?xml` (UTF-16/32) → HTTP charset (it overrides the
 * document's own, RFC 7303) → XML declaration → `<meta charset>` (HTML) → UTF-8 when valid → chardet's
 * detection (`detectEncoding`) → windows-1252. A declared UTF-8 that the bytes contradict is skipped (a
 * wrong declaration is common; a wrong HTTP charset too), and `text/xml` without a charset means us-ascii
 * (RFC 3023) only when the bytes really are ASCII. Never throws.
 */
export function decodeBytes(bytes: Uint8Array, httpContentType?: string | null): Decoded {
  for (const [bom, encoding] of BOMS) {
    if (startsWith(bytes, bom)) return decodeAs(bytes, encoding, bom.length);
  }
  for (const [pattern, encoding] of PATTERNS) {
    if (startsWith(bytes, pattern)) return decodeAs(bytes, encoding);
  }

  const head = asciiHead(bytes);
  const candidates = [charsetOf(httpContentType), xmlDeclEncoding(head)];
  if (httpContentType && /^\s*text\/xml\s*(;|$)/i.test(httpContentType) && !charsetOf(httpContentType)) {
    candidates.push('us-ascii');
  }
  if (looksLikeHtml(httpContentType, head)) candidates.push(metaCharset(head));

  const ascii = isAscii(bytes);
  for (const label of candidates) {
    const encoding = normalizeEncoding(label);
    if (!encoding || encoding.startsWith('utf-16') || encoding.startsWith('utf-32')) continue;
    if (encoding === 'utf-8' && !isValidUtf8(bytes)) continue;
    if (label?.toLowerCase() === 'us-ascii') {
      if (ascii) return { text: Buffer.from(bytes).toString('latin1'), encoding: 'us-ascii' };
      continue;
    }
    return decodeAs(bytes, encoding);
  }
  if (isValidUtf8(bytes)) return decodeAs(bytes, 'utf-8');
  return decodeAs(bytes, detectEncoding(bytes) ?? 'windows-1252');
}
