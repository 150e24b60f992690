// Where the operator's OpenAI-compatible model lives (CRONISTA_LLM_*): read once from the environment,
// shared by digest summaries and model-assisted extraction. Without it, Cronista runs offline.

export interface LlmConfig {
  /** e.g. "http://127.0.0.1:11434/v1" (Ollama), "https://api.openai.com/v1"; "/chat/completions" is appended. */
  baseUrl: string;
  model: string;
  /** Sent as "Authorization: Bearer …"; never logged. */
  apiKey?: string | null;
  /** Budget for the whole request, body included. Each use has its own default. */
  timeoutMs?: number;
  /** Summaries: most characters of source text sent, all documents together. Default 6 000. */
  maxInputChars?: number;
  /** Summaries: longer answers are refused (null). Default 600. */
  maxOutputChars?: number;
  /** Told why a call failed (status, error code); never given the key or the texts. */
  onError?: (reason: string) => void;
}

/**
 * LlmConfig from CRONISTA_LLM_BASE_URL, CRONISTA_LLM_MODEL and CRONISTA_LLM_API_KEY (and CRONISTA_LLM_TIMEOUT_MS
 * when set); null unless both of the first two are set.
 */
export function llmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LlmConfig | null {
  const baseUrl = env.CRONISTA_LLM_BASE_URL?.trim();
  const model = env.CRONISTA_LLM_MODEL?.trim();
  if (!baseUrl || !model) return null;
  const apiKey = env.CRONISTA_LLM_API_KEY?.trim();
  const config: LlmConfig = { baseUrl, model, apiKey: apiKey || null };
  const timeout = Number(env.CRONISTA_LLM_TIMEOUT_MS?.trim());
  if (Number.isFinite(timeout) && timeout > 0) config.timeoutMs = timeout;
  return config;
}
