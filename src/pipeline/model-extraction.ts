// The optional model pass of extraction: where the operator configures an OpenAI-compatible endpoint
// (CRONISTA_LLM_*, app.llm), each new document of a followed story is read by the model too, before the
// store's transaction; its answer is verified against the text inside factsOf (src/facts/model/verify.ts)
// and only what holds is kept. Without an endpoint nothing here runs. An unreachable, slow or malformed
// endpoint costs one warning line per outage and the rules' facts alone — never the document.
//
// Answers are kept in the store's key-value space by text hash, so a feed polled again (every item is
// offered to the store each time) does not ask the model again; after three failures in a row the model
// is left alone for five minutes, so an outage does not stall ingestion one timeout per item.

import { createHash } from 'node:crypto';
import type { AppContext } from '../core/context.ts';
import type { LlmConfig } from '../core/llm-config.ts';
import type { DocumentDraft } from '../documents/types.ts';
import { parseModelAnswer, RESPONSE_FORMAT, type ModelAnswer } from '../facts/model/answer.ts';
import { EXTRACTION_INSTRUCTIONS, extractionMessage } from '../facts/model/instructions.ts';
import { createChatClient, type ChatClient } from '../sources/chat-completions.ts';
import type { ModelInput } from '../facts/extract.ts';
import { storyFor } from '../facts/story.ts';

/** A document can be long and a local model slow: more time than a summary gets. */
const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_TOKENS = 4096;
const FAILURES_BEFORE_PAUSE = 3;
const PAUSE_MS = 5 * 60_000;
const CACHE_TTL_MS = 30 * 24 * 3_600_000;

export interface ModelExtraction {
  /** The model's answer for a document, or null (not asked, or it failed: the rules alone then). */
  answerFor(draft: DocumentDraft): Promise<ModelAnswer | null>;
  /** What factsOf needs to merge that answer, logging what verification refused. */
  inputFor(draft: DocumentDraft, answer: ModelAnswer | null): ModelInput | null;
}

const perApp = new WeakMap<AppContext, ModelExtraction | null>();

/** The app's model pass, or null when no endpoint is configured (created once per app). */
export function modelExtractionFor(app: AppContext): ModelExtraction | null {
  if (!perApp.has(app)) perApp.set(app, app.llm ? createModelExtraction(app, app.llm) : null);
  return perApp.get(app) ?? null;
}

function createModelExtraction(app: AppContext, config: LlmConfig): ModelExtraction | null {
  const client: ChatClient | null = createChatClient(config);
  if (!client) {
    app.logger.warn('CRONISTA_LLM_BASE_URL is not an http(s) URL: model-assisted extraction is off');
    return null;
  }
  const chat: ChatClient = client;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The cache key changes with the model and with what it is told.
  const version = createHash('sha256').update(`${config.model}\n${EXTRACTION_INSTRUCTIONS}\n${JSON.stringify(RESPONSE_FORMAT)}`).digest('hex').slice(0, 12);
  const cacheKey = (draft: DocumentDraft) => `extraction:model:${version}:${draft.contentHash}`;
  let failures = 0;
  let warned = false;
  let pausedUntil = 0;

  const failed = (reason: string) => {
    failures++;
    if (failures >= FAILURES_BEFORE_PAUSE) pausedUntil = Date.now() + PAUSE_MS;
    if (warned) {
      app.logger.debug({ reason }, 'model extraction failed again; rules only');
      return null;
    }
    warned = true;
    app.logger.warn(`model extraction unavailable (${reason}); using the rule-based figures alone`);
    return null;
  };

  return {
    async answerFor(draft) {
      try {
        return await ask(draft);
      } catch (error) {
        return failed(error instanceof Error ? error.message : String(error));
      }
    },

    inputFor(draft, answer) {
      if (!answer) return null;
      return {
        answer,
        onVerified: ({ added, filled, rejected }) => {
          for (const r of rejected) app.logger.debug({ item: r.item, what: r.what, quote: r.quote.slice(0, 200), reason: r.reason }, `model ${r.item} rejected: ${r.reason}`);
          app.logger.debug({ key: draft.key, added, filled, rejected: rejected.length }, 'model extraction verified');
        },
      };
    },
  };

  async function ask(draft: DocumentDraft): Promise<ModelAnswer | null> {
    if (app.stories.length > 0 && !storyFor(draft, app.stories)) return null; // not a story Cronista follows
    const cached = await app.store.kv.get<ModelAnswer>(cacheKey(draft));
    if (cached) return cached;
    if (Date.now() < pausedUntil) {
      app.logger.debug('model extraction paused after repeated failures; rules only');
      return null;
    }
    const result = await chat({
      messages: [
        { role: 'system', content: EXTRACTION_INSTRUCTIONS },
        { role: 'user', content: extractionMessage(draft) },
      ],
      // The strict schema where the server supports it; a 400 drops sampling options, then the schema.
      variants: [{ temperature: 0, max_tokens: MAX_TOKENS, response_format: RESPONSE_FORMAT }, { response_format: RESPONSE_FORMAT }, {}],
      timeoutMs,
    });
    if (!result.ok) return failed(result.reason);
    const parsed = parseModelAnswer(result.content);
    if (!parsed.ok) return failed(parsed.reason);
    failures = 0;
    warned = false;
    await app.store.kv.set(cacheKey(draft), parsed.answer, CACHE_TTL_MS);
    return parsed.answer;
  }
}
