import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Parser from 'rss-parser';
import type { DeathsJson } from '../../src/answers/deaths.ts';
import { deliverDigest } from '../../src/pipeline/digest.ts';
import { CONSOLE_DESTINATION } from '../../src/pipeline/destination.ts';
import { renderPlain } from '../../src/platforms/console/render.ts';
import { operator } from '../commands/helpers.ts';
import { startSite, type WebSite } from './web-helpers.ts';

let site: WebSite;
before(async () => {
  site = await startSite({ hostile: true, web: { platforms: () => ({ telegram: true }) } });
});
after(async () => site?.close());

const STORY = 'peru-crisis';
let calls = 0;

async function commandJson(name: string, options: Record<string, string>): Promise<unknown> {
  // What `cronista ask "/name …" --json` prints: the console's answer JSON, pretty-printed.
  // A new console user each time: /deaths has a cooldown per user.
  const answer = await site.dispatcher.dispatch({ name, options, caller: { ...operator, userId: `operator-${++calls}` } });
  return JSON.parse(JSON.stringify(answer.json));
}

test('the home page lists the stories with their latest toll, source and date', async () => {
  const response = await site.get('/');
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
  const html = await response.text();
  assert.match(html, /<a href="\/stories\/peru-crisis">Peru political crisis and protests<\/a>/);
  const deaths = (await commandJson('deaths', { story: STORY })) as DeathsJson;
  assert.ok(deaths.latest);
  assert.match(html, new RegExp(`Death toll <strong>[^<]*${deaths.latest.value}</strong> as of <time datetime="${deaths.latest.as_of}">`));
  assert.match(html, /last update <time/);
});

test('deaths.json and timeline.json are the same JSON as /deaths and /timeline --json', async () => {
  const deaths = await site.get(`/stories/${STORY}/deaths.json`);
  assert.equal(deaths.status, 200);
  assert.deepEqual(await deaths.json(), await commandJson('deaths', { story: STORY }));
  const regional = await site.get(`/stories/${STORY}/deaths.json?region=puno&since=2023-01-01`);
  assert.deepEqual(await regional.json(), await commandJson('deaths', { story: STORY, region: 'puno', since: '2023-01-01' }));

  const filters = { from: '2023-01', to: '2023-02-15', query: 'protesters', place: 'Juliaca' };
  const timeline = await site.get(`/stories/${STORY}/timeline.json?${new URLSearchParams(filters)}`);
  const json = (await timeline.json()) as { story: string; events: { places: string[] }[] };
  // The command's JSON is the page it shows (12 events) and the count; timeline.json the whole selection.
  const page = (await commandJson('timeline', { story: STORY, ...filters })) as { story: string; events: unknown[]; total: number };
  assert.deepEqual({ story: page.story, events: page.events, total: page.total }, { story: json.story, events: json.events.slice(0, 12), total: json.events.length });
  assert.ok(json.events.length > 0 && json.events.every((event) => event.places.includes('Juliaca')));

  const bad = await site.get(`/stories/${STORY}/timeline.json?from=last-week`);
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), { error: { code: 'bad_input', message: 'from: expects a date like 2023-01-31 (or 2023-01), not "last-week".' } });
  assert.equal((await site.get('/stories/atlantis/deaths.json')).status, 404);
});

test('the story page: chart points and table for every date, latest toll with its sentence, incidents, regions, disagreements, whole timeline', async () => {
  const deaths = (await commandJson('deaths', { story: STORY })) as DeathsJson;
  const timeline = (await commandJson('timeline', { story: STORY })) as { total: number };
  const response = await site.get(`/stories/${STORY}`);
  assert.equal(response.status, 200);
  const html = await response.text();
  assert.equal(html.match(/<circle class="point"/g)?.length, deaths.series.length);
  assert.equal(html.match(/<path class="incident"/g)?.length, deaths.incidents.length);
  assert.match(html, /<svg class="chart"[^>]* role="img" aria-labelledby="chart-title chart-desc"/);
  assert.match(html, new RegExp(`<caption>The toll by date \\(${deaths.series.length} dates\\)</caption>`));
  const latest = deaths.latest!;
  assert.ok(html.includes(`<blockquote>${escapeHtml(latest.sources[0]!.quote)}</blockquote>`), 'the latest toll shows its source sentence');
  assert.match(html, /<h2 id="incidents-heading">Deadly incidents<\/h2>/);
  assert.match(html, /<h2 id="regions-heading">By region<\/h2>/);
  assert.match(html, /<h3 id="disagree-heading">Sources disagree<\/h3>/);
  assert.equal(html.match(/<li class="event"/g)?.length, timeline.total);
  assert.match(html, new RegExp(`${timeline.total} events, newest first`));
  // Newest first by default, oldest first on request.
  const dates = [...html.matchAll(/<li class="event" data-date="([^"]+)"/g)].map((m) => m[1]!);
  assert.deepEqual(dates, [...dates].sort().reverse());
  const oldest = await (await site.get(`/stories/${STORY}?order=oldest`)).text();
  const oldestDates = [...oldest.matchAll(/<li class="event" data-date="([^"]+)"/g)].map((m) => m[1]!);
  assert.deepEqual(oldestDates, [...dates].reverse());
});

test('the timeline filters narrow the page by date range, place and words', async () => {
  const all = (await commandJson('timeline', { story: STORY })) as { total: number };
  const html = await (await site.get(`/stories/${STORY}?from=2023-01-01&to=2023-01-31&place=Juliaca&q=killed`)).text();
  const shown = html.match(/<li class="event"/g)?.length ?? 0;
  const expected = (await commandJson('timeline', { story: STORY, from: '2023-01-01', to: '2023-01-31', place: 'Juliaca', query: 'killed' })) as { total: number };
  assert.equal(shown, expected.total);
  assert.ok(shown > 0 && shown < all.total, `${shown} of ${all.total}`);
  assert.match(html, new RegExp(`${shown} of ${all.total} events match`));
  assert.match(html, /<option value="Juliaca" selected>Juliaca<\/option>/);
  assert.match(html, /<input type="date" id="from" name="from" value="2023-01-01"\/>/);

  const bad = await site.get(`/stories/${STORY}?to=<script>`);
  assert.equal(bad.status, 400);
  const page = await bad.text();
  assert.ok(page.includes('to: expects a date like 2023-01-31 (or 2023-01), not &quot;&lt;script>&quot;.') || page.includes('not "&lt;script>".'), page);
  assert.equal((await site.get('/stories/atlantis')).status, 404);
});

test('hostile titles, sentences, outlets and links stay text; only http(s) links are links; strict CSP', async () => {
  const response = await site.get(`/stories/${STORY}`);
  const csp = response.headers.get('content-security-policy') ?? '';
  for (const directive of ["default-src 'none'", "script-src 'none'", "style-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"]) {
    assert.ok(csp.includes(directive), `${directive} in ${csp}`);
  }
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  const html = await response.text();
  assert.ok(html.includes('&lt;script>alert(&quot;title&quot;)&lt;/script> Juliaca &lt;img src=x onerror=alert(1)>'), 'the hostile title is shown as text');
  assert.ok(html.includes('Puno &lt;script>alert(&quot;event&quot;)&lt;/script> according'), 'the hostile sentence is shown as text');
  assert.doesNotMatch(html, /<script|<img|<svg onload|<b onmouseover/i);
  assert.doesNotMatch(html, /href="javascript:/i);
  assert.doesNotMatch(html, /href="file:/i, 'local paths are not linked');
  assert.match(html, /<a href="https:\/\/wire.example\/puno-curfew\?a=1&amp;b=%222%22" rel="noopener noreferrer nofollow ugc">Curfew in Puno<\/a>/);
});

test('/feed.xml offers the delivered digests as Atom (and /rss.xml as RSS 2.0), escaped', async () => {
  const empty = await new Parser().parseString(await (await site.get('/feed.xml')).text());
  assert.equal(empty.items.length, 0);
  const sent: unknown[] = [];
  await deliverDigest(site.app, CONSOLE_DESTINATION, async (answer) => void sent.push(answer));
  assert.equal(sent.length, 1);
  const atom = await site.get('/feed.xml');
  assert.match(atom.headers.get('content-type') ?? '', /^application\/atom\+xml/);
  const feed = await new Parser().parseString(await atom.text());
  assert.equal(feed.title, 'Cronista digests');
  assert.equal(feed.items.length, 1);
  assert.match(feed.items[0]!.title ?? '', /^What's new — Peru political crisis and protests \(\d{4}-\d{2}-\d{2}\)$/);
  assert.equal(feed.items[0]!.link, new URL(`/stories/${STORY}`, site.url).href);
  assert.match(feed.items[0]!.content ?? '', /Casualty figures/);
  assert.doesNotMatch(feed.items[0]!.content ?? '', /<script|<img|javascript:/i);
  const rss = await new Parser().parseString(await (await site.get('/rss.xml')).text());
  assert.equal(rss.items.length, 1);
  // Delivering again with nothing new adds nothing.
  await deliverDigest(site.app, CONSOLE_DESTINATION, async () => {});
  assert.equal((await new Parser().parseString(await (await site.get('/feed.xml')).text())).items.length, 1);
});

test('/healthz reports the store and the platforms; /metrics is Prometheus text with documents, sources, digests, queues and event-loop delay', async () => {
  const health = await site.get('/healthz');
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: 'ok', ready: true, store: 'ok', platforms: { telegram: 'up' } });
  const metrics = await site.get('/metrics');
  assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const text = await metrics.text();
  assert.match(text, new RegExp(`^cronista_documents ${await site.app.store.countDocuments()}$`, 'm'));
  assert.match(text, /^cronista_sources\{state="ok"\} 7$/m);
  assert.match(text, /^cronista_sources\{state="failing"\} 0$/m);
  assert.match(text, /^# TYPE cronista_digests_written_total counter$/m);
  assert.match(text, /^nodejs_eventloop_lag_seconds \d/m);
  assert.match(text, /^nodejs_eventloop_lag_p99_seconds \d/m);
});

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

test('with CRONISTA_PUBLIC_URL, /deaths and /timeline end with a link to the story page showing the same selection', async () => {
  const saved = process.env.CRONISTA_PUBLIC_URL;
  try {
    delete process.env.CRONISTA_PUBLIC_URL;
    const plain = await site.dispatcher.dispatch({ name: 'timeline', options: { story: STORY }, caller: { ...operator, userId: `operator-${++calls}` } });
    assert.equal(plain.link, undefined, 'no public address, no link');

    process.env.CRONISTA_PUBLIC_URL = site.url;
    const deaths = await site.dispatcher.dispatch({ name: 'deaths', options: {}, caller: { ...operator, userId: `operator-${++calls}` } });
    assert.deepEqual(deaths.link, { label: 'Chart and sources on the web', url: new URL(`/stories/${STORY}`, site.url).href });
    assert.match(renderPlain(deaths), /\n\nChart and sources on the web: http:\/\/127\.0\.0\.1:\d+\/stories\/peru-crisis$/);

    const options = { from: '2023-01', place: 'Juliaca', query: 'killed' };
    const timeline = await site.dispatcher.dispatch({ name: 'timeline', options, caller: { ...operator, userId: `operator-${++calls}` } });
    const link = new URL(timeline.link!.url);
    assert.equal(link.pathname, `/stories/${STORY}`);
    assert.deepEqual(Object.fromEntries(link.searchParams), { from: '2023-01', place: 'Juliaca', q: 'killed' });
    const page = await (await fetch(link)).text();
    assert.equal(page.match(/<li class="event"/g)?.length, (timeline.json as { total: number }).total);
  } finally {
    if (saved === undefined) delete process.env.CRONISTA_PUBLIC_URL;
    else process.env.CRONISTA_PUBLIC_URL = saved;
  }
});
