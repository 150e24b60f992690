import type { CommandDefinition } from '../../core/command.ts';
import { InputError } from '../../core/errors.ts';

export interface ParsedLine {
  name: string;
  subcommand?: string;
  options: Record<string, string>;
}

/**
 * Reads a chat-style command line: `/timeline from:2023-01-01 query:"state of emergency"`.
 * Options are `name:value` or `name:"several words"`; words without a name belong to the first
 * option (`/search Juliaca killings`), and a leading word that names a subcommand selects it
 * (`/feeds add https://…`).
 */
export function parseCommandLine(line: string, find: (name: string) => CommandDefinition | undefined): ParsedLine {
  const tokens = tokenize(line.trim());
  const head = tokens.shift();
  if (!head || !head.value.startsWith('/') || head.value.length < 2) {
    throw new InputError('A command starts with "/", e.g. /sources or /timeline from:2023-01-01.');
  }
  const name = head.value.slice(1).replace(/@\S+$/, '').toLowerCase();
  const command = find(name);
  const parsed: ParsedLine = { name, options: {} };
  if (command?.subcommands?.length && tokens[0] && !tokens[0].key) {
    const candidate = tokens[0].value.toLowerCase();
    if (command.subcommands.some((sub) => sub.name === candidate)) {
      parsed.subcommand = candidate;
      tokens.shift();
    }
  }
  const bare: string[] = [];
  for (const token of tokens) {
    if (token.key) parsed.options[token.key] = token.value;
    else bare.push(token.value);
  }
  if (bare.length > 0) {
    const options = command?.subcommands?.find((sub) => sub.name === parsed.subcommand)?.options ?? command?.options ?? [];
    const first = options.find((option) => parsed.options[option.name] === undefined) ?? options[0];
    if (!first) throw new InputError(`/${name} takes no options, but got "${bare.join(' ')}".`);
    parsed.options[first.name] = bare.join(' ');
  }
  return parsed;
}

interface Token {
  key?: string;
  value: string;
}

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /(?:([A-Za-z_][\w-]*):(?!\/\/))?(?:"((?:[^"\\]|\\.)*)"|“([^”]*)”|(\S+))/g;
  for (const match of line.matchAll(pattern)) {
    const [, key, quoted, curly, plain] = match;
    const value = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (curly ?? plain ?? '');
    tokens.push(key ? { key: key.toLowerCase(), value } : { value });
  }
  return tokens;
}
