/**
 * The first call after a start, in a process of its own (bench/run.ts spawns it):
 *   node --import tsx bench/first-call.ts <data dir> '<request JSON: { name, options }>'
 * Opens the app on the data directory, loads the commands' modules (`preload`), times one dispatch (module loading
 * and opening not counted: a running service has done both before its first command), prints `{ "ms": …, "error": … }` on stdout.
 */
import { commands } from '../commands/index.ts';
import { openConfiguredApp } from '../src/app.ts';
import { Dispatcher } from '../src/core/dispatch.ts';

const [dataDir, requestJson] = process.argv.slice(2);
if (!dataDir || !requestJson) {
  console.error('usage: first-call.ts <data dir> <request JSON>');
  process.exit(2);
}
const request = JSON.parse(requestJson) as { name: string; options: Record<string, string> };
const app = await openConfiguredApp(dataDir, { llm: null }); // CRONISTA_DATABASE_URL: the bench's Postgres database
const dispatcher = new Dispatcher(app, commands);
await Promise.all(commands.map((command) => command.preload?.())); // as a started service does (src/pipeline/service.ts)
const started = performance.now();
const answer = await dispatcher.dispatch({ ...request, caller: { platform: 'console', userId: 'bench-first', chatId: 'bench', isAdmin: true, isOperator: true } });
const elapsed = performance.now() - started;
await app.store.close();
const error = (answer.json as { error?: { code?: string } } | null)?.error?.code ?? null;
process.stdout.write(`${JSON.stringify({ ms: elapsed, error })}\n`);
