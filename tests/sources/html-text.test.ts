import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlToLine, htmlToText } from '../../src/sources/html-text.ts';

describe('htmlToText (the one html-to-text configuration)', () => {
  it('gives one paragraph per block, links as their words, entities decoded, spaces collapsed', () => {
    assert.equal(htmlToText('<p>Peru&#8217;s  Congress&nbsp;&amp; <b>the</b> army</p><div>Second <a href="https://x.example/">paragraph</a>.</div>'), 'Peru’s Congress & the army\n\nSecond paragraph.');
  });
  it('writes list items as bullet lines, table rows and <br> as lines, cells apart', () => {
    assert.equal(htmlToText('<ul><li>One</li><li>Two<br>lines</li></ul><table><tr><th>Deaths</th><td>48</td></tr><tr><th>Injured</th><td>600</td></tr></table>'), '• One\n• Two\nlines\n\nDeaths 48\nInjured 600');
  });
  it('leaves out scripts, forms, navigation, images and captions', () => {
    const html = '<nav>Home | World</nav><script>track()</script><figure><img src="a.jpg" alt="riot police"><figcaption>Photo: AP</figcaption></figure><p>Roadblocks remain.</p><form><button>Subscribe</button></form><footer>© 2023</footer>';
    assert.equal(htmlToText(html), 'Roadblocks remain.');
  });
  it('keeps plain text as it is (trimmed)', () => {
    assert.equal(htmlToText('  No markup here.\n\nSecond line.  '), 'No markup here.\n\nSecond line.');
  });
  it('gives titles as one line', () => {
    assert.equal(htmlToLine('Example <b>Atom</b> &amp; <p>more</p>'), 'Example Atom & more');
  });
});
