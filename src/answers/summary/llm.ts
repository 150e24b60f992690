// Optional abstractive summary from any OpenAI-compatible chat-completions endpoint (OpenAI, Ollama,
// llama.cpp server, vLLM). The model's answer is used only when every number in it can be found in the
// sources; anything else — not configured, HTTP error, timeout, malformed answer, an invented figure —
// falls back to the extractive summary.

import { llmConfigFromEnv, type LlmConfig } from '../../core/llm-config.ts';
import { createChatClient } from '../../sources/chat-completions.ts';
import { findNumbers } from '../../facts/numbers.ts';
import { summarizeExtractive } from './extractive.ts';
import { isEnglishOnce } from './stopwords.ts';

export { llmConfigFromEnv, type LlmConfig };

export type LlmSummarizer = (texts: string[]) => Promise<string | null>;

export const SYSTEM_PROMPT = [
  'You summarise news reports about one event for a news digest.',
  'Write one or two plain sentences in the language of the reports.',
  'Copy every number exactly as the reports give it; do not add, round, convert or compute numbers.',
  'State only what the reports say: no speculation, opinion, background or advice.',
  'Answer with the summary only — no title, preamble, quotes or lists.',
].join(' ');

/** The documents as the user message: deduplicated, whitespace collapsed, cut to a shared budget at sentence ends. */
export function buildUserMessage(texts: string[], maxChars = 6000): string {
  const seen = new Set<string>();
  const docs: string[] = [];
  for (const t of texts) {
    const clean = (t ?? '').replace(/[ \t\f\v\r]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim();
    if (clean && !seen.has(clean)) {
      seen.add(clean);
      docs.push(clean);
    }
  }
  const share = Math.max(200, Math.floor(maxChars / Math.max(1, docs.length)));
  const parts = docs.map((d, i) => {
    let body = d;
    if (body.length > share) {
      const cut = body.slice(0, share);
      const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('.\n'));
      body = end > share / 2 ? cut.slice(0, end + 1) : `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : share)} …`;
    }
    return `Report ${i + 1}:\n${body}`;
  });
  return `Summarise these reports of the same news event.\n\n${parts.join('\n\n')}`;
}

/** Removes what chat models wrap around an answer: reasoning blocks, "Summary:", quotes, markdown emphasis. */
export function cleanAnswer(content: string): string {
  let text = content.replace(/<think>[\s\S]*?<\/think>/gi, '').replace(/<\/?think>/gi, '');
  text = text.replace(/\s+/g, ' ').trim();
  text = text.replace(/\*\*|__/g, '');
  text = text.replace(/^(?:summary|resumen)\s*:\s*/i, '');
  const quoted = /^["“«](.*)["”»]$/s.exec(text);
  if (quoted && !/["“”«»]/.test(quoted[1]!)) text = quoted[1]!.trim();
  return text;
}

/**
 * A summarizer calling `{baseUrl}/chat/completions`, or null when not configured (no base URL or model,
 * or a base URL that is not http(s)). The summarizer resolves to null on any failure; it never throws.
 */
export function createLlmSummarizer(config: LlmConfig | null | undefined = llmConfigFromEnv()): LlmSummarizer | null {
  const chat = createChatClient(config);
  if (!config || !chat) return null;
  const maxInputChars = config.maxInputChars ?? 6000;
  const maxOutputChars = config.maxOutputChars ?? 600;
  const fail = (reason: string): null => {
    config.onError?.(reason);
    return null;
  };

  return async (texts: string[]): Promise<string | null> => {
    if (!texts.some((t) => t?.trim())) return null;
    const messages = [
      { role: 'system' as const, content: SYSTEM_PROMPT },
      { role: 'user' as const, content: buildUserMessage(texts, maxInputChars) },
    ];
    // Sampling options most servers take, then (after a 400) the bare request.
    const result = await chat({ messages, variants: [{ temperature: 0, max_tokens: 300 }, {}] });
    if (!result.ok) return fail(result.reason);
    const text = cleanAnswer(result.content);
    if (!text) return fail('empty answer');
    if (text.length > maxOutputChars) return fail(`answer longer than ${maxOutputChars} characters`);
    return text;
  };
}

/** Number values named in `text`: digit mentions and number words, without the article-like Spanish "un"/"una". */
function numberValues(text: string): number[] {
  return findNumbers(text)
    .filter((m) => !m.weak && !isEnglishOnce(m.text, text))
    .map((m) => m.value);
}

/** Digit runs as written, thousands separators removed: "1,200" → "1200", "3.5" → "3.5" */
function digitRuns(text: string): string[] {
  return [...text.matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => (/^\d{1,3}(?:[.,]\d{3})+$/.test(m[0]) ? m[0].replace(/[.,]/g, '') : m[0]));
}

/**
 * True when every number in `summary` — digits ("47", "1,200", also ages, decimals and percentages) and
 * number words ("forty-seven", "diecisiete") — appears in the sources, compared by value: "47" in the
 * summary is backed by "forty-seven" in a source.
 */
export function verifyNumbers(summary: string, sources: string[]): boolean {
  const values = new Set<number>();
  const runs = new Set<string>();
  for (const source of sources) {
    for (const m of findNumbers(source ?? '')) values.add(m.value);
    for (const r of digitRuns(source ?? '')) {
      runs.add(r);
      if (/^\d+$/.test(r)) values.add(Number(r));
    }
  }
  for (const v of numberValues(summary)) if (!values.has(v)) return false;
  // Digits findNumbers leaves out on purpose (ages, percentages, decimals, times) still have to be sourced.
  for (const r of digitRuns(summary)) {
    if (runs.has(r)) continue;
    if (/^\d+$/.test(r) && values.has(Number(r))) continue;
    return false;
  }
  return true;
}

export interface SummarizeOptions {
  llm?: LlmSummarizer | null;
  /** Sentences already told; the extractive summary skips what repeats them. */
  known?: string[];
  maxSentences?: number;
  /** Longest summary; an LLM answer longer than this is not used. Default 400. */
  maxChars?: number;
  language?: string | null;
}

/**
 * The LLM's summary when one is configured, answers within `maxChars`, and names only numbers found in
 * the sources; otherwise the extractive summary. When the extractive summary is empty (no text, or
 * everything already `known`) the model is not asked and the empty extractive summary is returned.
 */
export async function summarize(
  texts: string[],
  options: SummarizeOptions = {},
): Promise<{ text: string; method: 'llm' | 'extractive' }> {
  const maxChars = options.maxChars ?? 400;
  const text = summarizeExtractive(texts, {
    maxSentences: options.maxSentences,
    maxChars,
    known: options.known,
    language: options.language,
  });
  // Nothing new beyond the known sentences (or nothing at all): no model call; the model cannot see `known`.
  if (options.llm && text) {
    let answer: string | null = null;
    try {
      answer = await options.llm(texts);
    } catch {
      answer = null;
    }
    if (answer && answer.length <= maxChars && verifyNumbers(answer, texts)) return { text: answer, method: 'llm' };
  }
  return { text, method: 'extractive' };
}
