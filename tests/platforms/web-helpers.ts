import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { commands } from '../../commands/index.ts';
import { openApp } from '../../src/app.ts';
import type { AppContext } from '../../src/core/context.ts';
import { Dispatcher } from '../../src/core/dispatch.ts';
import { bundledSampleDir } from '../../src/core/paths.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import { WebServer, type WebOptions } from '../../src/platforms/web/server.ts';

/** Pages whose titles, sentences, outlet names and links try to become markup or script. */
export const hostileFixtures = [resolve(import.meta.dirname, '../fixtures/web/hostile.html'), resolve(import.meta.dirname, '../fixtures/web/hostile.rss')];

export interface WebSite {
  app: AppContext;
  dispatcher: Dispatcher;
  server: WebServer;
  url: string;
  get(path: string): Promise<Response>;
  close(): Promise<void>;
}

/** A real store holding the bundled sample (and, when asked, the hostile pages), served on a free loopback port. */
export async function startSite(options: { hostile?: boolean; web?: Partial<WebOptions> } = {}): Promise<WebSite> {
  const app = openApp(mkdtempSync(join(tmpdir(), 'cronista-web-')));
  await ingestTargets(app, [bundledSampleDir, ...(options.hostile ? hostileFixtures : [])]);
  const server = new WebServer(app, { host: '127.0.0.1', port: 0, ...options.web });
  await server.start();
  const url = server.url!;
  return {
    app,
    dispatcher: new Dispatcher(app, commands),
    server,
    url,
    get: (path) => fetch(new URL(path, url)),
    async close() {
      await server.stop();
      await app.store.close();
    },
  };
}
