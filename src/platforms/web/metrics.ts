import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { readDigestArchive } from '../../answers/digest/archive.ts';
import type { AppContext } from '../../core/context.ts';

/** Queue depths the service can report (digest messages waiting in each destination's outbox). */
export type QueueDepths = () => Promise<Record<string, number>>;

/**
 * The /metrics registry (Prometheus text format). Values are read from the store when scraped, so they are
 * right whichever process or command changed them; Node's default metrics include the event-loop delay
 * (nodejs_eventloop_lag_seconds and its percentiles).
 */
export function createMetrics(app: AppContext, queues?: QueueDepths): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const { store } = app;
  new Gauge({
    name: 'cronista_documents',
    help: 'Documents in the store',
    registers: [registry],
    async collect() {
      this.set(await store.countDocuments());
    },
  });
  new Gauge({
    name: 'cronista_sources',
    help: 'Sources by state: ok, failing (last attempt failed), disabled',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const sources = await store.listSources();
      const disabled = sources.filter((source) => !source.enabled).length;
      const failing = sources.filter((source) => source.enabled && source.failures > 0).length;
      this.set({ state: 'disabled' }, disabled);
      this.set({ state: 'failing' }, failing);
      this.set({ state: 'ok' }, sources.length - disabled - failing);
    },
  });
  new Counter({
    name: 'cronista_digests_written_total',
    help: 'Digests written (unfiltered destinations; each learned range counted once)',
    registers: [registry],
    async collect() {
      this.reset();
      this.inc((await readDigestArchive(store.kv)).total);
    },
  });
  if (queues) {
    new Gauge({
      name: 'cronista_outbox_messages',
      help: 'Digest messages waiting to be sent, per destination',
      labelNames: ['destination'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const [destination, depth] of Object.entries(await queues())) this.set({ destination }, depth);
      },
    });
  }
  return registry;
}
