// One OpenAI-compatible chat-completions call (OpenAI, Ollama, llama.cpp server, vLLM), shared by digest
// summaries and model-assisted extraction. It never throws: every failure — not configured, refused
// connection, HTTP error, timeout, a body that is not a chat completion — is a one-line reason.

import type { Dispatcher } from 'undici';
import { z } from 'zod';
import type { LlmConfig } from '../core/llm-config.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /**
   * Extra request fields to try in order: the next is sent only when the server answers 400 to the one
   * before (OpenAI's reasoning models refuse sampling options; older servers refuse `response_format`).
   */
  variants: Record<string, unknown>[];
  /** Overrides the config's timeout for this call. */
  timeoutMs?: number;
}

export type ChatResult = { ok: true; content: string } | { ok: false; reason: string };
export type ChatClient = (request: ChatRequest) => Promise<ChatResult>;

const ResponseSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

const MAX_RESPONSE_BYTES = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 20_000;

/** Drops a response body unread (undici reports the abort on the stream; that is expected). */
function discard(res: Dispatcher.ResponseData): void {
  res.body.on('error', () => {});
  res.body.destroy();
}

function chatUrl(baseUrl: string): URL | null {
  try {
    const url = new URL(`${baseUrl.trim().replace(/\/+$/, '')}/chat/completions`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** A client for `{baseUrl}/chat/completions`, or null when not configured (no base URL or model, or not http(s)). */
export function createChatClient(config: LlmConfig | null | undefined): ChatClient | null {
  if (!config?.baseUrl?.trim() || !config.model?.trim()) return null;
  const url = chatUrl(config.baseUrl);
  if (!url) return null;
  const model = config.model.trim();
  const apiKey = config.apiKey?.trim() || null;

  return async ({ messages, variants, timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS }): Promise<ChatResult> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    const bodies = (variants.length ? variants : [{}]).map((extra) => JSON.stringify({ model, messages, stream: false, ...extra }));
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const { request } = await import('undici'); // loaded on the first call: most runs have no model configured
      let res: Dispatcher.ResponseData | null = null;
      for (const body of bodies) {
        res = await request(url, { method: 'POST', headers, body, signal, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
        if (res.statusCode !== 400) break;
        discard(res);
      }
      if (!res || res.statusCode < 200 || res.statusCode >= 300) {
        if (res) discard(res);
        return { ok: false, reason: `HTTP ${res?.statusCode ?? '?'}` };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > MAX_RESPONSE_BYTES) {
          discard(res);
          return { ok: false, reason: 'response too large' };
        }
        chunks.push(chunk as Buffer);
      }
      let json: unknown;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return { ok: false, reason: 'response is not JSON' };
      }
      const parsed = ResponseSchema.safeParse(json);
      if (!parsed.success) return { ok: false, reason: 'response is not a chat completion' };
      return { ok: true, content: parsed.data.choices[0]!.message.content };
    } catch (error) {
      if (signal.aborted) return { ok: false, reason: `timed out after ${timeoutMs} ms` };
      const code = (error as { code?: unknown }).code;
      return { ok: false, reason: typeof code === 'string' ? code : (error as Error).name || 'request failed' };
    }
  };
}
