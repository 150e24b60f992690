import type { CommandDefinition } from '../../core/command.ts';
import type { AppContext } from '../../core/context.ts';
import { Dispatcher, errorAnswer } from '../../core/dispatch.ts';
import { CronistaError } from '../../core/errors.ts';
import type { Answer } from '../../core/answer.ts';
import { parseCommandLine } from './parse.ts';
import { renderPlain } from './render.ts';

/** The operator at the console is trusted: admin commands are allowed. */
const CONSOLE_CALLER = { platform: 'console', userId: 'operator', chatId: 'console', isAdmin: true, isOperator: true } as const;

export async function runConsoleLine(dispatcher: Dispatcher, line: string): Promise<Answer> {
  let parsed;
  try {
    parsed = parseCommandLine(line, (name) => dispatcher.find(name));
  } catch (error) {
    if (error instanceof CronistaError) return errorAnswer(error.message, 'bad_input');
    throw error;
  }
  return dispatcher.dispatch({ ...parsed, caller: CONSOLE_CALLER });
}

export function isErrorAnswer(answer: Answer): boolean {
  return typeof answer.json === 'object' && answer.json !== null && 'error' in answer.json;
}

export function formatAnswer(answer: Answer, json: boolean): string {
  return json ? JSON.stringify(answer.json, null, 2) : renderPlain(answer);
}

/** `cronista ask`: one command, its answer as text or JSON. */
export async function askOnce(app: AppContext, commands: readonly CommandDefinition[], line: string, json: boolean): Promise<{ output: string; failed: boolean }> {
  const answer = await runConsoleLine(new Dispatcher(app, commands), line);
  return { output: formatAnswer(answer, json), failed: isErrorAnswer(answer) };
}
