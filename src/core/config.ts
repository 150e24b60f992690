import cron from 'node-cron';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { yaml } from './yaml.ts';
import { z } from 'zod';
import { CronistaError } from './errors.ts';
import { compileRule } from './filters.ts';

/** Every 10 minutes, the default poll of a subscribed feed. */
export const DEFAULT_POLL = '*/10 * * * *';
export const DEFAULT_DIGEST_SCHEDULE = '0 8 * * *';

/**
 * Verdicts on timezones and cron expressions already checked. A configuration of a thousand sources names a handful
 * of each, and checking one (Intl, node-cron) costs far more than a lookup: unremembered, validating such a
 * configuration took a third of a second. Bounded: cleared at 1,000 entries.
 */
const verdicts = new Map<string, string | null>();
function remembered(key: string, check: () => string | null): string | null {
  if (verdicts.has(key)) return verdicts.get(key)!;
  if (verdicts.size >= 1000) verdicts.clear();
  const verdict = check();
  verdicts.set(key, verdict);
  return verdict;
}

function validTimezone(zone: string): boolean {
  const problem = remembered(`tz:${zone}`, () => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return null;
    } catch {
      return 'unknown';
    }
  });
  return problem === null;
}

const cronExpression = z.string().trim().superRefine((value, context) => {
  const problem = remembered(`cron:${value}`, () => {
    const result = cron.validateDetailed(value);
    return result.valid ? null : `invalid cron expression "${value}": ${result.errors.map((e) => e.message).join('; ')}`;
  });
  if (problem) context.addIssue({ code: 'custom', message: problem });
});
const timezone = z.string().trim().superRefine((value, context) => {
  if (!validTimezone(value)) context.addIssue({ code: 'custom', message: `unknown IANA timezone "${value}" (e.g. America/Lima, UTC)` });
});
const httpUrl = z.string().trim().url().refine((value) => /^https?:\/\//i.test(value), 'must be an http(s) URL');

/** Every rule must compile (a bad /regex/ would otherwise make every digest of the destination throw). */
const filterRules = z.array(z.string()).default([]).superRefine((rules, context) => {
  rules.forEach((rule, index) => {
    try {
      compileRule(rule);
    } catch (error) {
      context.addIssue({ code: 'custom', path: [index], message: error instanceof Error ? error.message : String(error) });
    }
  });
});
const filtersSchema = z.object({ include: filterRules, exclude: filterRules }).strict();

export const sourceSchema = z
  .object({
    url: httpUrl,
    story: z.string().optional(),
    poll: cronExpression.default(DEFAULT_POLL),
    timezone: timezone.default('UTC'),
  })
  .strict();

export const destinationSchema = z
  .object({
    id: z.string().trim().regex(/^[\w:@.-]+$/, 'letters, digits and _ : @ . - only'),
    console: z.literal(true).optional(),
    discord_webhook: httpUrl.optional(),
    discord_channel: z.string().regex(/^\d{5,25}$/, 'a Discord channel id (digits)').optional(),
    telegram_chat: z.union([z.string().regex(/^(@[A-Za-z]\w{3,}|-?\d+)$/, 'a chat id (digits) or @channelname'), z.number().int()]).transform(String).optional(),
    story: z.string().optional(),
    schedule: cronExpression.default(DEFAULT_DIGEST_SCHEDULE),
    timezone: timezone.default('UTC'),
    filters: filtersSchema.optional(),
    nothing_new: z.boolean().default(false),
  })
  .strict()
  .refine((d) => [d.console, d.discord_webhook, d.discord_channel, d.telegram_chat].filter((v) => v !== undefined).length === 1, {
    message: 'needs exactly one of console: true, discord_webhook, discord_channel, telegram_chat',
  });

export const configSchema = z
  .object({
    stories: z.array(z.string()).optional(),
    sources: z.array(sourceSchema).default([]),
    destinations: z.array(destinationSchema).default([]),
    polling: z
      .object({
        per_host: z.number().int().min(1).max(16).default(2),
        timeout_seconds: z.number().positive().max(300).default(20),
        max_bytes: z.number().int().positive().default(10 * 1024 * 1024),
        disable_after_failures: z.number().int().min(1).default(10),
      })
      .strict()
      .default({ per_host: 2, timeout_seconds: 20, max_bytes: 10 * 1024 * 1024, disable_after_failures: 10 }),
  })
  .strict();

export type CronistaConfig = z.infer<typeof configSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export type DestinationConfig = z.infer<typeof destinationSchema>;

export class ConfigError extends CronistaError {
  override name = 'ConfigError';
}

/** A zod failure as one line per problem, each naming its field: "destinations[0].schedule: invalid cron…". */
export function describeIssues(error: z.ZodError, origin: string): string {
  const lines = error.issues.map((issue) => {
    const field = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
    return `${origin}: ${field || '(top level)'}: ${issue.message}`;
  });
  return lines.join('\n');
}

export function parseConfig(data: unknown, origin = 'config'): CronistaConfig {
  const result = configSchema.safeParse(data ?? {});
  if (!result.success) throw new ConfigError(describeIssues(result.error, origin));
  return result.data;
}

/** The configuration file: CRONISTA_CONFIG, else config/cronista.yaml in the working directory, else none. */
export function loadConfigFile(path = process.env.CRONISTA_CONFIG): CronistaConfig {
  const file = resolve(path ?? 'config/cronista.yaml');
  if (!existsSync(file)) {
    if (path) throw new ConfigError(`${file}: no such configuration file (CRONISTA_CONFIG)`);
    return parseConfig({});
  }
  let data: unknown;
  try {
    data = yaml().parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  return parseConfig(data, file);
}
