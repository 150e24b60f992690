/**
 * The pages, rendered on the server with Preact (render-to-string escapes every text and attribute: feed
 * text is hostile). Only http(s) URLs become links. No script: the pages work as plain HTML, and the
 * Content-Security-Policy (server.ts) allows none.
 */
import { disagreement, formatCount } from '../../answers/deaths-text.ts';
import type { DeathPoint, PointSource, TimelineEvent } from '../../timeline/types.ts';
import { ChartLegend, TollChart } from './chart.tsx';
import type { Links } from './links.ts';
import { eventDate, htmlDocument, Layout, outlets, Scroll, SourceLink, whoSays } from './page-parts.tsx';
import type { StoryOverview, StoryPage } from './site.ts';

export function homePage(overviews: StoryOverview[], links: Links): string {
  // Stories with nothing dated or counted yet are one short list at the end, not empty cards.
  const reported = overviews.filter((overview) => overview.latest || overview.events > 0);
  const quiet = overviews.filter((overview) => !overview.latest && overview.events === 0);
  return htmlDocument(
    <Layout title="Cronista — stories followed" links={links}>
      <h1>Stories followed</h1>
      {overviews.length === 0 ? <p>No story is configured.</p> : null}
      <ul class="stories">
        {reported.map(({ story, latest, lastReport, events }) => (
          <li>
            <h2>
              <a href={links.story(story.id)}>{story.name}</a>
            </h2>
            {latest ? (
              <p class="toll">
                Death toll <strong>{formatCount(latest.value, latest.qualifier)}</strong> as of <time datetime={latest.as_of}>{latest.as_of}</time>, per{' '}
                {whoSays(latest.sources[0]!)}
                {latest.sources[0]!.title ? <> (<SourceLink source={latest.sources[0]!} />)</> : null}
              </p>
            ) : (
              <p class="toll">No death toll reported yet.</p>
            )}
            <p class="meta">
              {events} dated event{events === 1 ? '' : 's'}
              {lastReport ? (
                <>
                  {' '}· last update <time datetime={lastReport}>{lastReport}</time>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      {quiet.length ? (
        <section aria-labelledby="quiet-heading" class="quiet">
          <h2 id="quiet-heading">Nothing dated or counted yet</h2>
          <ul>
            {quiet.map(({ story }) => (
              <li>
                <a href={links.story(story.id)}>{story.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>,
  );
}

function LatestToll({ latest, reports }: { latest: DeathPoint; reports: readonly PointSource[] }) {
  const best = latest.sources[0]!;
  const differ = disagreement(latest);
  return (
    <section aria-labelledby="latest-heading">
      <h2 id="latest-heading">Latest toll</h2>
      <p class="headline">
        <strong>{formatCount(latest.value, latest.qualifier)}</strong> dead as of <time datetime={latest.as_of}>{latest.as_of}</time>, per {whoSays(best)}
      </p>
      <figure class="quote">
        <blockquote>{best.quote}</blockquote>
        <figcaption>
          <SourceLink source={best} /> — {best.source}
          {best.published ? <>, {best.published.slice(0, 10)}</> : null}
        </figcaption>
      </figure>
      {differ ? <p class="disagree">Sources disagree: {differ.replace(/^sources disagree: /, '')}</p> : null}
      {reports.length > 1 ? (
        <details>
          <summary>All {reports.length} reports for {latest.as_of}</summary>
          <ul class="reports">
            {reports.map((source) => (
              <li>
                {formatCount(source.value, source.qualifier)} — <SourceLink source={source} /> ({whoSays(source)}): <q>{source.quote}</q>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function TollSection({ page }: { page: StoryPage }) {
  const { deaths, story } = page;
  if (deaths.series.length === 0 && deaths.incidents.length === 0) {
    return (
      <section aria-labelledby="toll-heading">
        <h2 id="toll-heading">Death toll</h2>
        <p>No death toll reported yet.</p>
      </section>
    );
  }
  const disputed = deaths.series.filter((point) => point.low !== point.high);
  return (
    <section aria-labelledby="toll-heading">
      <h2 id="toll-heading">How the toll grew</h2>
      <figure class="chart-figure">
        <TollChart deaths={deaths} title={`Death toll — ${story.name}`} />
        <ChartLegend />
        <figcaption>The line is the best-attributed toll on each date, the band the lowest and highest values reported that day, triangles single deadly incidents.</figcaption>
      </figure>
      {deaths.series.length ? (
        <Scroll label="Toll by date">
          <table class="data toll-table">
            <caption>The toll by date ({deaths.series.length} dates)</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Toll</th>
                <th scope="col">Reported range</th>
                <th scope="col">Sources</th>
              </tr>
            </thead>
            <tbody>
              {deaths.series.map((point) => (
                <tr>
                  <th scope="row">
                    <time datetime={point.as_of}>{point.as_of}</time>
                  </th>
                  <td>{formatCount(point.value, point.qualifier)}</td>
                  <td>{point.low === point.high ? String(point.low) : `${point.low}–${point.high}`}{point.revision ? ' (lower than before: revised?)' : ''}</td>
                  <td>{outlets(point)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      ) : null}
      {deaths.other_reports.length ? (
        <p class="other">
          Other reports:{' '}
          {deaths.other_reports.map((point, i) => (
            <>
              {i > 0 ? '; ' : ''}
              {formatCount(point.value, point.qualifier)} on {point.as_of} per {whoSays(point.sources[0]!)} (a claim, not a count)
            </>
          ))}
        </p>
      ) : null}
      {disputed.length ? (
        <section aria-labelledby="disagree-heading">
          <h3 id="disagree-heading">Sources disagree</h3>
          <ul class="disagreements">
            {disputed.map((point) => (
              <li>
                <time datetime={point.as_of}>{point.as_of}</time>: {disagreement(point).replace(/^sources disagree: /, '')} ({outlets(point)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

function Incidents({ page }: { page: StoryPage }) {
  const { incidents } = page.deaths;
  if (!incidents.length) return null;
  return (
    <section aria-labelledby="incidents-heading">
      <h2 id="incidents-heading">Deadly incidents</h2>
      <Scroll label="Deadly incidents">
        <table class="data">
          <caption>Single incidents, never added into the toll</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Place</th>
              <th scope="col">Killed</th>
              <th scope="col">Sources</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((incident) => (
              <tr>
                <th scope="row">
                  <time datetime={incident.as_of}>{incident.as_of}</time>
                </th>
                <td>{incident.location ? `${incident.location}${incident.region && incident.region !== incident.location ? ` (${incident.region})` : ''}` : (incident.region ?? 'not given')}</td>
                <td>
                  {incident.low === incident.high ? formatCount(incident.value, incident.qualifier) : `${incident.low}–${incident.high}`}
                  {incident.low !== incident.high ? <span class="disagree"> ({disagreement(incident)})</span> : null}
                </td>
                <td>
                  {incident.sources.map((source, i) => (
                    <>
                      {i > 0 ? ', ' : ''}
                      <SourceLink source={source} />
                    </>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </section>
  );
}

function ByRegion({ page }: { page: StoryPage }) {
  const regions = page.deaths.by_region;
  if (!regions.length) return null;
  return (
    <section aria-labelledby="regions-heading">
      <h2 id="regions-heading">By region</h2>
      <Scroll label="Deaths by region">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Region</th>
              <th scope="col">Deaths</th>
              <th scope="col">As of</th>
            </tr>
          </thead>
          <tbody>
            {regions.map((region) => (
              <tr>
                <th scope="row">{region.region}</th>
                <td>{region.value}</td>
                <td>{region.as_of ? <time datetime={region.as_of}>{region.as_of}</time> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </section>
  );
}

function TimelineFilters({ page, links }: { page: StoryPage; links: Links }) {
  const { params } = page;
  return (
    <form class="filters" method="get" action={links.story(page.story.id)} role="search" aria-label="Filter the timeline">
      <div class="field">
        <label for="from">From</label>
        <input type="date" id="from" name="from" value={params.from ?? ''} />
      </div>
      <div class="field">
        <label for="to">To</label>
        <input type="date" id="to" name="to" value={params.to ?? ''} />
      </div>
      <div class="field">
        <label for="place">Place</label>
        <select id="place" name="place">
          <option value="">Any place</option>
          {page.places.map((place) => (
            <option value={place} selected={place === params.place}>
              {place}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="q">Words</label>
        <input type="search" id="q" name="q" value={params.q ?? ''} />
      </div>
      <div class="field">
        <label for="order">Order</label>
        <select id="order" name="order">
          <option value="newest" selected={params.order === 'newest'}>
            Newest first
          </option>
          <option value="oldest" selected={params.order === 'oldest'}>
            Oldest first
          </option>
        </select>
      </div>
      <div class="actions">
        <button type="submit">Filter</button>
        <a href={`${links.story(page.story.id)}#timeline-heading`}>Clear</a>
      </div>
    </form>
  );
}

function Event({ event }: { event: TimelineEvent }) {
  return (
    <li class="event" data-date={event.date}>
      <time datetime={eventDate(event)}>{eventDate(event)}</time>
      <p class="event-text">{event.text}</p>
      {event.places.length ? <p class="places">{event.places.join(' · ')}</p> : null}
      <ul class="sources" aria-label="Sources">
        {event.sources.map((source) => (
          <li>
            <SourceLink source={source} /> <span class="outlet">— {source.source}</span>
            {source.quote && source.quote !== event.text ? (
              <>
                {' '}
                <q>{source.quote}</q>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </li>
  );
}

export function storyPageHtml(page: StoryPage, links: Links): string {
  const { story, deaths, events, total } = page;
  const filtered = events.length !== total;
  return htmlDocument(
    <Layout title={`${story.name} — Cronista`} links={links}>
      <nav aria-label="Breadcrumb" class="crumbs">
        <a href={links.home}>Stories</a> › <span aria-current="page">{story.name}</span>
      </nav>
      <h1>{story.name}</h1>
      <p class="meta">
        Data: <a href={links.deathsJson(story.id)}>deaths.json</a> · <a href={links.timelineJson(story.id)}>timeline.json</a>
      </p>
      {deaths.latest ? <LatestToll latest={deaths.latest} reports={page.latestReports} /> : null}
      <TollSection page={page} />
      <Incidents page={page} />
      <ByRegion page={page} />
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        {links.canFilter ? <TimelineFilters page={page} links={links} /> : null}
        <p class="count" role="status">
          {filtered ? `${events.length} of ${total} events match.` : `${total} events, ${page.params.order} first.`}
        </p>
        {events.length ? (
          <ol class="timeline">
            {events.map((event) => (
              <Event event={event} />
            ))}
          </ol>
        ) : (
          <p>No dated events match.</p>
        )}
      </section>
    </Layout>,
  );
}

export function errorPage(status: number, message: string, links: Links): string {
  return htmlDocument(
    <Layout title={`${status} — Cronista`} links={links}>
      <h1>{status === 404 ? 'Not found' : 'Cannot show this page'}</h1>
      <p>{message}</p>
      <p>
        <a href={links.home}>All stories</a>
      </p>
    </Layout>,
  );
}
