/**
 * The story pages as a reader sees them: the real server over a real store (the bundled sample plus pages
 * whose titles try to become markup), driven in headless Chromium (see browser-helpers.ts). Screenshots of
 * every page, width and theme are written when CRONISTA_SCREENSHOTS names a folder.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { DeathsJson } from '../../src/answers/deaths.ts';
import { exportSite } from '../../src/platforms/web/export.ts';
import { startSite, type WebSite } from '../platforms/web-helpers.ts';
import { axeProblems, DESKTOP, launchChromium, openPage, PHONE, screenshotDir, type Scheme } from './browser-helpers.ts';

const STORY = 'peru-crisis';
const STORY_PATH = `/stories/${STORY}`;
const HOSTILE_TITLE = '<script>alert("title")</script> Juliaca <img src=x onerror=alert(1)>';

let site: WebSite;
let browser: Browser;
let deaths: DeathsJson;

before(async () => {
  browser = await launchChromium();
  site = await startSite({ hostile: true });
  deaths = (await (await site.get(`${STORY_PATH}/deaths.json`)).json()) as DeathsJson;
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const url = (path: string) => new URL(path, site.url).href;

async function timelineDates(query: Record<string, string>): Promise<string[]> {
  const json = (await (await site.get(`${STORY_PATH}/timeline.json?${new URLSearchParams(query)}`)).json()) as { events: { date: string }[] };
  return json.events.map((event) => event.date);
}

/** The dates of the events the page lists, in page order. */
const listedDates = (page: Page) => page.locator('ol.timeline > li.event').evaluateAll((items) => items.map((item) => item.getAttribute('data-date') ?? ''));

test('the CSP is strict and the pages load with no console error, failed request or CSP violation', async () => {
  for (const path of ['/', STORY_PATH, '/stories/atlantis']) {
    const csp = (await site.get(path)).headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(' ')]));
    assert.equal(directives.get('default-src'), "'none'", `${path}: ${csp}`);
    assert.equal(directives.get('script-src'), "'none'", `${path}: ${csp}`);
    assert.equal(directives.get('style-src'), "'self'", `${path}: ${csp}`);
    assert.equal(directives.get('frame-ancestors'), "'none'", `${path}: ${csp}`);
    assert.equal(directives.get('base-uri'), "'none'", `${path}: ${csp}`);
    assert.equal(directives.get('form-action'), "'self'", `${path}: ${csp}`);
    assert.doesNotMatch(csp, /unsafe-|\*|data:|http:|https:/, `${path}: ${csp}`);
  }
  const { page, problems, close } = await openPage(browser);
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failed.push(`failed ${request.url()}`));
  try {
    await page.goto(url('/'));
    await page.getByRole('link', { name: 'Peru political crisis and protests' }).click();
    await page.waitForURL(url(STORY_PATH));
    // The stylesheet applied (a CSP that blocked it would leave the browser's default margins).
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).margin), '0px');
    await page.locator('#q').fill('curfew');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/q=curfew/);
    assert.deepEqual(problems, []);
    assert.deepEqual(failed, []);
  } finally {
    await close();
  }
});

test('the chart draws one point per date of the series, at its value, and the table lists the same numbers', async () => {
  assert.ok(deaths.series.length >= 5, 'the sample has a toll series');
  const { page, problems, close } = await openPage(browser, { viewport: DESKTOP });
  try {
    await page.goto(url(STORY_PATH));
    const chart = page.locator('svg.chart');
    await chart.waitFor();
    const box = (await chart.boundingBox())!;
    assert.ok(box.width > 600 && box.height > 250, `chart drawn at ${box.width}×${box.height}`);
    const points = await page.locator('svg.chart circle.point').evaluateAll((circles) =>
      circles.map((circle) => {
        const rect = circle.getBoundingClientRect();
        return { date: circle.getAttribute('data-date'), value: Number(circle.getAttribute('data-value')), x: rect.x + rect.width / 2, y: rect.y + rect.height / 2, w: rect.width, title: circle.querySelector('title')?.textContent ?? '' };
      }),
    );
    assert.deepEqual(
      points.map(({ date, value }) => ({ date, value })),
      deaths.series.map((point) => ({ date: point.as_of, value: point.value })),
    );
    for (const [i, point] of points.entries()) {
      assert.ok(point.w > 4, `point ${point.date} is visible`);
      assert.ok(point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height, `point ${point.date} inside the chart`);
      assert.ok(point.title.startsWith(`${point.date}: `) && point.title.includes(String(point.value)), point.title);
      const previous = points[i - 1];
      if (!previous) continue;
      assert.ok(point.x > previous.x, `${point.date} right of ${previous.date}`);
      // Screen y grows downwards: a higher toll is drawn higher up.
      if (point.value > previous.value) assert.ok(point.y < previous.y, `${point.date} above ${previous.date}`);
      if (point.value === previous.value) assert.ok(Math.abs(point.y - previous.y) < 0.5, `${point.date} level with ${previous.date}`);
    }
    assert.equal(await page.locator('svg.chart polyline.toll').count(), 1, 'the toll line');
    assert.equal(await page.locator('svg.chart path.incident').count(), deaths.incidents.length, 'one marker per incident');
    // The y axis reaches the highest value reported.
    const ticks = (await page.locator('svg.chart .grid > g > text').allTextContents()).map(Number);
    assert.ok(Math.max(...ticks) >= Math.max(...deaths.series.map((point) => point.high)), `ticks ${ticks.join(',')}`);

    const rows = await page.locator('table.toll-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent ?? '')));
    assert.equal(rows.length, deaths.series.length);
    for (const [i, point] of deaths.series.entries()) {
      assert.equal(rows[i]![0], point.as_of);
      assert.match(rows[i]![1]!, new RegExp(`\\b${point.value}\\b`));
    }
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

for (const javaScriptEnabled of [true, false]) {
  test(`the timeline filters narrow the list by date range, place and words (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const { page, close } = await openPage(browser, { javaScriptEnabled });
    try {
      await page.goto(url(STORY_PATH));
      const all = await listedDates(page);
      assert.deepEqual(all, (await timelineDates({})).reverse(), 'the whole timeline, newest first');

      const steps: [Record<string, string>, (page: Page) => Promise<void>][] = [
        [{ from: '2023-01-01', to: '2023-01-31' }, async (p) => { await p.locator('#from').fill('2023-01-01'); await p.locator('#to').fill('2023-01-31'); }],
        [{ place: 'Puno' }, async (p) => void (await p.locator('#place').selectOption('Puno'))],
        [{ query: 'curfew' }, async (p) => p.locator('#q').fill('curfew')],
      ];
      let query: Record<string, string> = {};
      let before = all.length;
      for (const [added, act] of steps) {
        await act(page);
        await Promise.all([page.waitForURL((address) => Object.keys(added).every((key) => address.searchParams.has(key === 'query' ? 'q' : key))), page.getByRole('button', { name: 'Filter' }).click()]);
        query = { ...query, ...added };
        const shown = await listedDates(page);
        assert.deepEqual(shown, (await timelineDates(query)).reverse(), `the list matches timeline.json for ${JSON.stringify(query)}`);
        assert.ok(shown.length > 0 && shown.length < before, `${JSON.stringify(query)} narrows ${before} to ${shown.length}`);
        assert.ok(shown.every((date) => date >= '2023-01-01' && date <= '2023-01-31'));
        assert.match((await page.locator('p.count').textContent()) ?? '', new RegExp(`^${shown.length} of ${all.length} events match\\.$`));
        before = shown.length;
      }
      // The form keeps what was asked; every event left names the place and the word.
      assert.equal(await page.locator('#place').inputValue(), 'Puno');
      assert.equal(await page.locator('#from').inputValue(), '2023-01-01');
      for (const text of await page.locator('ol.timeline > li.event').allTextContents()) {
        assert.match(text, /Puno/);
        assert.match(text, /curfew/i);
      }
      await page.getByRole('link', { name: 'Clear' }).click();
      await page.waitForURL((address) => address.search === '');
      assert.equal((await listedDates(page)).length, all.length);
    } finally {
      await close();
    }
  });
}

test('hostile titles and sentences stay text: no dialog, no injected element, the literal text shown', async () => {
  // bypassCSP: the escaping alone must hold, without the CSP as a safety net.
  const { page, dialogs, problems, close } = await openPage(browser, { bypassCSP: true });
  try {
    for (const path of [STORY_PATH, `${STORY_PATH}?q=Juliaca`, `/?x=%3Cscript%3Ealert(3)%3C/script%3E`, `/stories/%3Cimg%20src=x%20onerror=alert(1)%3E`]) {
      await page.goto(url(path));
      await page.mouse.move(10, 10);
      await page.locator('body').hover();
      const injected = await page.evaluate(() =>
        [...document.querySelectorAll('script, img, iframe, object, embed, [onerror], [onload], [onmouseover], a[href^="javascript:" i]')].map((element) => element.outerHTML.slice(0, 120)),
      );
      assert.deepEqual(injected, [], path);
    }
    await page.goto(url(STORY_PATH));
    const text = (await page.locator('main').textContent()) ?? '';
    assert.ok(text.includes(HOSTILE_TITLE), 'the hostile title is shown as the literal text');
    assert.ok((await page.getByText(HOSTILE_TITLE, { exact: true }).count()) > 0, 'an element whose whole text is the hostile title');
    await page.goto(url('/stories/%3Cimg%20src=x%20onerror=alert(1)%3E'));
    assert.match((await page.locator('main').textContent()) ?? '', /No story "<img src=x onerror=alert\(1\)>" is followed/);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(problems.filter((problem) => !/404/.test(problem)), []);
  } finally {
    await close();
  }
});

/** Visible chart labels that overlap one another or leave the chart. */
async function chartLabelClashes(page: Page): Promise<string[]> {
  return page.locator('svg.chart').evaluate((svg) => {
    const frame = svg.getBoundingClientRect();
    const labels = [...svg.querySelectorAll('text')]
      .filter((label) => getComputedStyle(label).display !== 'none')
      .map((label) => ({ text: label.textContent ?? '', box: label.getBoundingClientRect() }));
    const clashes: string[] = [];
    for (const [i, a] of labels.entries()) {
      if (a.box.left < frame.left - 0.5 || a.box.right > frame.right + 0.5 || a.box.top < frame.top - 0.5 || a.box.bottom > frame.bottom + 0.5) clashes.push(`"${a.text}" leaves the chart`);
      for (const b of labels.slice(i + 1)) {
        const overlap = a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom;
        if (overlap) clashes.push(`"${a.text}" overlaps "${b.text}"`);
      }
    }
    return clashes;
  });
}

const relativeLuminance = (rgb: string) => {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((n) => Number(n) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};

for (const scheme of ['light', 'dark'] as Scheme[]) {
  test(`${scheme} theme at 375 px and 1280 px: no horizontal scroll, the chart fits with readable labels, no serious axe finding`, async () => {
    const shots = screenshotDir();
    // Every page, width and check is looked at before failing, so one run reports all that is wrong.
    const findings: string[] = [];
    const check = (ok: boolean, message: string) => void (ok || findings.push(message));
    for (const [width, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      const { page, problems, close } = await openPage(browser, { viewport, bypassCSP: true });
      try {
        await page.emulateMedia({ colorScheme: scheme });
        for (const [name, path] of [['home', '/'], ['story', STORY_PATH]] as const) {
          await page.goto(url(path));
          const where = `${name} ${width} ${scheme}`;
          if (shots) await page.screenshot({ path: join(shots, `${name}-${width}-${scheme}.png`), fullPage: true });
          const background = relativeLuminance(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
          check(scheme === 'dark' ? background < 0.05 : background > 0.9, `${where}: not a ${scheme} background (luminance ${background.toFixed(2)})`);
          const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
          check(scrollWidth <= viewport.width, `${where}: the page is ${scrollWidth} px wide`);
          if (name === 'story') {
            const chart = (await page.locator('svg.chart').boundingBox())!;
            check(chart.x >= 0 && chart.x + chart.width <= viewport.width, `${where}: the chart spans ${chart.x}–${chart.x + chart.width} px`);
            check(chart.width >= viewport.width * 0.75 || chart.width >= 700, `${where}: the chart is only ${chart.width} px wide`);
            for (const clash of await chartLabelClashes(page)) check(false, `${where}: chart label ${clash}`);
            // The tables fit too: their scroll boxes are a fallback, not something a phone reader must use.
            for (const region of await page.locator('.scroll').evaluateAll((boxes) => boxes.map((box) => ({ label: box.getAttribute('aria-label'), scroll: box.scrollWidth, width: box.clientWidth })))) {
              check(region.scroll <= region.width + 1, `${where}: the table "${region.label}" needs ${region.scroll} px in ${region.width} px`);
            }
            const labelHeight = await page.locator('svg.chart .grid text').first().evaluate((label) => label.getBoundingClientRect().height);
            check(labelHeight >= 10, `${where}: axis labels only ${labelHeight.toFixed(1)} px high`);
          }
          for (const finding of await axeProblems(page)) check(false, `${where}: axe ${finding}`);
        }
        for (const problem of problems) check(false, `${width} ${scheme}: ${problem}`);
      } finally {
        await close();
      }
    }
    assert.deepEqual(findings, []);
  });
}

test('the static export opens from disk: styled pages, working links, the chart and the whole timeline', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'cronista-export-')), 'site');
  await exportSite(site.app, dir);
  const { page, problems, close } = await openPage(browser, { viewport: PHONE });
  try {
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).margin), '0px', 'the stylesheet loads');
    await page.getByRole('link', { name: 'Peru political crisis and protests' }).click();
    await page.waitForURL(/stories\/peru-crisis\/index\.html$/);
    assert.equal(await page.locator('svg.chart circle.point').count(), deaths.series.length);
    assert.deepEqual(await listedDates(page), (await timelineDates({})).reverse());
    assert.ok((await page.evaluate(() => document.scrollingElement!.scrollWidth)) <= PHONE.width);
    await page.getByRole('link', { name: 'Stories' }).click();
    await page.waitForURL(/site\/index\.html$/);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
