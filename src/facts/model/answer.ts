// The shape of the model's answer: a JSON schema sent as the chat-completions `response_format` (strict,
// where the server supports it) and the zod schema the answer is read with anyway, since not every server
// enforces the former. A malformed answer as a whole is refused; one malformed entry is dropped alone.

import { z } from 'zod';

const KINDS = ['deaths', 'injured', 'detained'] as const;
const QUALIFIERS = ['exact', 'at_least', 'more_than', 'approximately', 'almost', 'up_to'] as const;
const SCOPES = ['cumulative', 'incident', 'subset'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const ModelFigureSchema = z.object({
  quote: z.string().min(1),
  value: z.number().int().nonnegative(),
  kind: z.enum(KINDS),
  qualifier: z.enum(QUALIFIERS),
  scope: z.enum(SCOPES),
  as_of: z.string().regex(DAY).nullable(),
  location: z.string().nullable(),
  attribution: z.string().nullable(),
});
export const ModelEventSchema = z.object({
  date: z.string().regex(DAY),
  event: z.string(),
  quote: z.string().min(1),
});
export type ModelFigure = z.infer<typeof ModelFigureSchema>;
export type ModelEvent = z.infer<typeof ModelEventSchema>;
export interface ModelAnswer {
  figures: ModelFigure[];
  events: ModelEvent[];
  /** Entries that did not fit the schema, as "figures[2]: value: …" lines. */
  invalid: string[];
}

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });

/** `response_format` for OpenAI-compatible servers: every field required, nothing else allowed (strict mode's rules). */
export const ANSWER_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['figures', 'events'],
  properties: {
    figures: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['quote', 'value', 'kind', 'qualifier', 'scope', 'as_of', 'location', 'attribution'],
        properties: {
          quote: { type: 'string' },
          value: { type: 'integer' },
          kind: { type: 'string', enum: [...KINDS] },
          qualifier: { type: 'string', enum: [...QUALIFIERS] },
          scope: { type: 'string', enum: [...SCOPES] },
          as_of: nullable('string', { description: 'YYYY-MM-DD' }),
          location: nullable('string'),
          attribution: nullable('string'),
        },
      },
    },
    events: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['date', 'event', 'quote'],
        properties: {
          date: { type: 'string', description: 'YYYY-MM-DD' },
          event: { type: 'string' },
          quote: { type: 'string' },
        },
      },
    },
  },
} as const;

export const RESPONSE_FORMAT = {
  type: 'json_schema',
  json_schema: { name: 'casualty_figures_and_events', strict: true, schema: ANSWER_JSON_SCHEMA },
} as const;

const Envelope = z.object({ figures: z.array(z.unknown()), events: z.array(z.unknown()).optional() });

/**
 * The model's message content read as an answer: reasoning blocks and a markdown code fence around the JSON
 * are tolerated; anything else that is not the object the schema describes is an error (one line).
 */
export function parseModelAnswer(content: string): { ok: true; answer: ModelAnswer } | { ok: false; reason: string } {
  let text = content.replace(/<think>[\s\S]*?<\/think>/gi, '').trim();
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(text);
  if (fenced) text = fenced[1]!;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'answer is not JSON' };
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) return { ok: false, reason: 'answer is not an object with a figures list' };
  const answer: ModelAnswer = { figures: [], events: [], invalid: [] };
  const issue = (where: string, error: z.ZodError) => {
    const first = error.issues[0];
    return `${where}: ${first?.path.join('.') || 'entry'}: ${first?.message ?? 'invalid'}`;
  };
  envelope.data.figures.forEach((entry, i) => {
    const parsed = ModelFigureSchema.safeParse(entry);
    if (parsed.success) answer.figures.push(parsed.data);
    else answer.invalid.push(issue(`figures[${i}]`, parsed.error));
  });
  (envelope.data.events ?? []).forEach((entry, i) => {
    const parsed = ModelEventSchema.safeParse(entry);
    if (parsed.success) answer.events.push(parsed.data);
    else answer.invalid.push(issue(`events[${i}]`, parsed.error));
  });
  return { ok: true, answer };
}
