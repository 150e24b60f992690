// The chart worker when Cronista runs from its TypeScript sources (tsx): as extraction-worker.mjs, register tsx in
// the worker thread first. Compiled builds (dist/) load chart-worker.js.
import { register } from 'tsx/esm/api';

register();
const worker = await import(new URL('./chart-worker.ts', import.meta.url).href);

export const { draw } = worker;
