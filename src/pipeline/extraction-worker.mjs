// The extraction worker when Cronista runs from its TypeScript sources (tsx: tests, `npm run eval`, dev):
// a worker thread does not inherit the main thread's tsx hooks (nor take `--import tsx` in its execArgv on
// Node 20), so register tsx here, then load the worker. Compiled builds (dist/) load extraction-worker.js.
import { register } from 'tsx/esm/api';

register();
const worker = await import(new URL('./extraction-worker.ts', import.meta.url).href);

export const { read, prepare, facts } = worker;
