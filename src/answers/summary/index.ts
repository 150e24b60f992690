// Per-entry summaries for digests: extractive (always available) and, when configured, an
// OpenAI-compatible model whose answer is used only if its numbers are all in the sources.

import { createLlmSummarizer, summarize, type LlmSummarizer } from './llm.ts';

export { summarizeExtractive, type ExtractiveOptions } from './extractive.ts';
export {
  createLlmSummarizer,
  llmConfigFromEnv,
  summarize,
  verifyNumbers,
  type LlmConfig,
  type LlmSummarizer,
  type SummarizeOptions,
} from './llm.ts';

/**
 * A `(texts, known) => Promise<string>` summarizer (the shape src/answers/digest/build.ts takes).
 * `llm` defaults to the CRONISTA_LLM_* environment (none when unset); pass null for extractive only.
 */
export function createDigestSummarizer(
  options: { llm?: LlmSummarizer | null; maxSentences?: number; maxChars?: number; language?: string | null } = {},
): (texts: string[], known: string[]) => Promise<string> {
  const llm = options.llm === undefined ? createLlmSummarizer() : options.llm;
  return async (texts, known) =>
    (await summarize(texts, { llm, known, maxSentences: options.maxSentences, maxChars: options.maxChars, language: options.language })).text;
}
