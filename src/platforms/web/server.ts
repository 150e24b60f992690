import type { IncomingMessage, ServerResponse } from 'node:http';
/**
 * The web face of Cronista (`cronista start`): story pages, their data as JSON, the digests as a feed,
 * health and metrics, on Fastify. Bound to 127.0.0.1 unless CRONISTA_HTTP_HOST says otherwise, on
 * CRONISTA_HTTP_PORT (8080; 0 picks a free port; "off" disables it). Pages read the same builders as the
 * chat commands (src/answers/) and are rendered on the server (pages.tsx).
 */
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { deathsJson, deathsQuery } from '../../answers/deaths.ts';
import { readDigestArchive } from '../../answers/digest/archive.ts';
import { timelineEvents, timelineJson } from '../../answers/timeline.ts';
import type { AppContext } from '../../core/context.ts';
import { CronistaError, errorMessage, InputError } from '../../core/errors.ts';
import { digestFeed } from './feed.tsx';
import { serverLinks } from './links.ts';
import { createMetrics, type QueueDepths } from './metrics.ts';
import type { WebAddress } from './options.ts';
import { errorPage, homePage, storyPageHtml } from './pages.tsx';
import { ICON, STYLESHEET } from './stylesheet.ts';
import { findStory, storyOverviews, storyPage, timelineParams, toTimelineQuery } from './site.ts';

/** Strict: no scripts at all, styles and images from this site only, no framing, forms post here only. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  scriptSrc: ["'none'"],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};

export interface WebOptions extends WebAddress {
  /** Whether each chat platform started (for /healthz). */
  platforms?: () => Record<string, boolean>;
  queues?: QueueDepths;
  /** Raw handlers platforms mounted here by path (a Telegram webhook): they take the request before any route. */
  mounted?: ReadonlyMap<string, (request: IncomingMessage, response: ServerResponse) => void>;
}

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

/** Pretty JSON exactly as `cronista ask … --json` prints it. */
function sendJson(reply: FastifyReply, status: number, value: unknown): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(value, null, 2));
}

export function buildWebApp(app: AppContext, options: Omit<WebOptions, 'host' | 'port'> = {}): FastifyInstance {
  const web = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 } });
  const metrics = createMetrics(app, options.queues);
  const links = serverLinks;

  void web.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // Plain http on loopback is the default: do not ask browsers to switch to https.
    strictTransportSecurity: false,
  });

  // A platform's webhook mounted here answers its POSTs itself, before Fastify reads the body.
  web.addHook('onRequest', (request, reply, done) => {
    const handler = request.method === 'POST' ? options.mounted?.get(request.url.split('?')[0] ?? '') : undefined;
    if (!handler) return done();
    reply.hijack();
    handler(request.raw, reply.raw);
  });

  web.setNotFoundHandler((request, reply) =>
    request.url.endsWith('.json') ? sendJson(reply, 404, { error: { code: 'not_found', message: 'No such page.' } }) : sendHtml(reply, 404, errorPage(404, 'No such page.', links)),
  );
  web.setErrorHandler((error, request, reply) => {
    const known = error instanceof CronistaError;
    if (!known) app.logger.error({ err: error, url: request.url.split('?')[0] }, `web: ${errorMessage(error)}`);
    const status = error instanceof InputError ? 400 : 500;
    const message = known ? error.message : 'Something went wrong; the operator can see the details in the logs.';
    return request.url.split('?')[0]!.endsWith('.json')
      ? sendJson(reply, status, { error: { code: status === 400 ? 'bad_input' : 'failed', message } })
      : sendHtml(reply, status, errorPage(status, message, links));
  });

  web.get('/', async (_request, reply) => sendHtml(reply, 200, homePage(await storyOverviews(app), links)));
  web.get('/assets/site.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(STYLESHEET));
  web.get('/assets/icon.svg', async (_request, reply) => reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(ICON));

  web.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/stories/:id', async (request, reply) => {
    const story = findStory(app, request.params.id);
    if (!story) return sendHtml(reply, 404, errorPage(404, `No story "${request.params.id}" is followed.`, links));
    const page = await storyPage(app, story, timelineParams(request.query));
    return sendHtml(reply, 200, storyPageHtml(page, links));
  });

  web.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/stories/:id/deaths.json', async (request, reply) => {
    if (!findStory(app, request.params.id)) return sendJson(reply, 404, { error: { code: 'not_found', message: `No story "${request.params.id}" is followed.` } });
    const { region } = request.query;
    // The same date check as the timeline's (`since` is a first day, like `from`).
    const since = timelineParams({ from: request.query.since }).from;
    return sendJson(reply, 200, await deathsJson(app, deathsQuery(app, { story: request.params.id, region, since })));
  });

  web.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/stories/:id/timeline.json', async (request, reply) => {
    const story = findStory(app, request.params.id);
    if (!story) return sendJson(reply, 404, { error: { code: 'not_found', message: `No story "${request.params.id}" is followed.` } });
    const events = await timelineEvents(app, toTimelineQuery(app, story, timelineParams(request.query)));
    return sendJson(reply, 200, timelineJson(story, events));
  });

  const feed = (format: 'atom' | 'rss') => async (request: { protocol: string; host: string }, reply: FastifyReply) => {
    const base = options.publicUrl ? (options.publicUrl.endsWith('/') ? options.publicUrl : `${options.publicUrl}/`) : `${request.protocol}://${request.host}/`;
    const { digests } = await readDigestArchive(app.store.kv);
    return reply.type(format === 'atom' ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8').send(digestFeed(digests, app.stories, base, format));
  };
  web.get('/feed.xml', feed('atom'));
  web.get('/rss.xml', feed('rss'));

  web.get('/healthz', async (_request, reply) => {
    let store = 'ok';
    try {
      await app.store.countDocuments();
    } catch (error) {
      store = `error: ${errorMessage(error)}`;
      app.logger.error({ err: error }, 'healthz: store unreachable');
    }
    const platforms = Object.fromEntries(Object.entries(options.platforms?.() ?? {}).map(([name, up]) => [name, up ? 'up' : 'down']));
    const ok = store === 'ok' && Object.values(platforms).every((state) => state === 'up');
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', ready: true, store: store === 'ok' ? 'ok' : 'unreachable', platforms });
  });

  web.get('/metrics', async (_request, reply) => reply.type(metrics.contentType).send(await metrics.metrics()));
  return web;
}

/** The web server as the service runs it: listening once started, closed on stop (in-flight requests finish). */
export class WebServer {
  readonly name = 'web';
  private readonly web: FastifyInstance;
  url: string | null = null;

  constructor(app: AppContext, private readonly options: WebOptions) {
    this.web = buildWebApp(app, options);
  }

  async start(): Promise<void> {
    await this.web.listen({ host: this.options.host, port: this.options.port });
    const address = this.web.server.address();
    const port = typeof address === 'object' && address ? address.port : this.options.port;
    const host = ['0.0.0.0', '::'].includes(this.options.host) ? '127.0.0.1' : this.options.host;
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  }

  async stop(): Promise<void> {
    await this.web.close();
  }
}
