/**
 * A platform-neutral answer. Commands and digests build one; each platform renders it within
 * its own limits and escaping rules (console: plain text; Telegram: HTML; Discord: embeds).
 */
export type Span = string | { text: string; url?: string; bold?: boolean; code?: boolean };
export type Line = Span[];

export interface Section {
  heading?: string;
  lines: Line[];
}

export interface Attachment {
  name: string;
  contentType: string;
  /** Where the file was written (the console shows the path); platforms upload its bytes. */
  path: string;
  description?: string;
}

/** A paged answer: platforms that can offer next/previous buttons re-run `command` with another page. */
export interface Pager {
  command: string;
  options: Record<string, string | number | boolean>;
  page: number;
  pages: number;
}

/** What a next/previous button asks for: the command re-run with its options at another page. */
export type PageRequest = Omit<Pager, 'pages'>;

export interface Answer {
  title?: string;
  sections: Section[];
  /** What `--json` prints: the command's data, not its rendering. */
  json: unknown;
  attachments?: Attachment[];
  /** Shown only to the caller where the platform can do that (Discord); errors and admin answers. */
  ephemeral?: boolean;
  pager?: Pager;
  /** Where to read the whole thing (the story page, with CRONISTA_PUBLIC_URL): a link button where the platform has them. */
  link?: AnswerLink;
}

export interface AnswerLink {
  label: string;
  /** An absolute http(s) URL. */
  url: string;
}

export function textAnswer(text: string, json: unknown = { message: text }, ephemeral = false): Answer {
  return { sections: [{ lines: text.split('\n').map((line) => [line]) }], json, ephemeral };
}

export function spanText(span: Span): string {
  return typeof span === 'string' ? span : span.text;
}
