import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { decodeBytes } from '../../src/sources/decode.ts';

const TEXT = '<?xml version="1.0"?><rss><channel><title>Ünïcödé — 中文</title></channel></rss>';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/files/${name}`, import.meta.url));
const bytes = (...parts: Array<number[] | Buffer>) => Buffer.concat(parts.map((p) => Buffer.from(p)));

test('BOMs pick the encoding and are not part of the text', () => {
  const cases: Array<[string, number[], string]> = [
    ['utf-8', [0xef, 0xbb, 0xbf], 'utf8'],
    ['utf-16le', [0xff, 0xfe], 'utf-16le'],
    ['utf-16be', [0xfe, 0xff], 'utf-16be'],
    ['utf-32le', [0xff, 0xfe, 0x00, 0x00], 'utf-32le'],
    ['utf-32be', [0x00, 0x00, 0xfe, 0xff], 'utf-32be'],
  ];
  for (const [encoding, bom, iconvName] of cases) {
    const decoded = decodeBytes(bytes(bom, iconv.encode(TEXT, iconvName)));
    assert.equal(decoded.encoding, encoding);
    assert.equal(decoded.text, TEXT, encoding);
  }
});

test('UTF-16 and UTF-32 without a BOM are recognized from the bytes of "<?xml"', () => {
  for (const encoding of ['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be']) {
    const decoded = decodeBytes(iconv.encode(TEXT, encoding));
    assert.equal(decoded.encoding, encoding);
    assert.equal(decoded.text, TEXT);
  }
  const corpus = decodeBytes(fixture('tests__encoding__utf-16le-autodetect.xml'));
  assert.equal(corpus.encoding, 'utf-16le');
  assert.match(corpus.text, /^<\?xml/);
});

test('a UTF-8 HTTP charset the bytes contradict gives way to the XML declaration', () => {
  const latin = iconv.encode('<?xml version="1.0" encoding="iso-8859-1"?><rss><title>café</title></rss>', 'latin1');
  const decoded = decodeBytes(latin, 'application/rss+xml; charset=utf-8');
  assert.equal(decoded.encoding, 'windows-1252');
  assert.match(decoded.text, /café/);
});

test('a UTF-8 declaration the bytes contradict gives way to the HTTP charset', () => {
  const gb = iconv.encode('<?xml version="1.0" encoding="utf-8"?><feed><title>中文新闻</title></feed>', 'gb18030');
  const decoded = decodeBytes(gb, "application/atom+xml; charset='gb2312'");
  assert.equal(decoded.encoding, 'gb18030');
  assert.match(decoded.text, /中文新闻/);
});

test('the HTTP charset overrides the XML declaration (RFC 7303)', () => {
  const gb = iconv.encode('<?xml version="1.0" encoding="windows-1252"?><feed><title>中文新闻</title></feed>', 'gb18030');
  const decoded = decodeBytes(gb, 'application/atom+xml; charset=gb2312');
  assert.equal(decoded.encoding, 'gb18030');
  assert.match(decoded.text, /中文新闻/);
});

test('undeclared legacy encodings are detected from the bytes (chardet), not read as windows-1252', () => {
  const cases: Array<[string, string, string]> = [
    ['koi8-r', '<rss><item><title>Новый год наступит обязательно, несмотря ни на что</title></item></rss>', 'koi8-r'],
    ['windows-1251', '<rss><item><title>Новый год наступит обязательно, несмотря ни на что</title></item></rss>', 'windows-1251'],
    ['shift_jis', '<rss><item><title>日本語のニュース記事です。今日は晴れです。</title></item></rss>', 'cp932'],
    ['gb18030', '<rss><item><title>中文新闻标题，今天的天气很好，我们去公园散步。</title></item></rss>', 'gb18030'],
  ];
  for (const [encoding, text, expected] of cases) {
    const decoded = decodeBytes(iconv.encode(text, encoding));
    assert.equal(decoded.encoding, expected, encoding);
    assert.equal(decoded.text, text, encoding);
  }
  const thai = decodeBytes(fixture('tests__illformed__chardet__tis620.xml'));
  assert.equal(thai.encoding, 'windows-874');
  assert.match(thai.text, /ส่ง/);
  // Accented Latin text stays windows-1252, however the detector ranks it.
  for (const text of ['<p>Niño muerto en Juliaca; la policía informó según la Defensoría.</p>', '<p>São Paulo, ação, coração, não há nada aqui.</p>', '<p>Größe</p>']) {
    const decoded = decodeBytes(iconv.encode(text, 'windows-1252'));
    assert.equal(decoded.encoding, 'windows-1252', text);
    assert.equal(decoded.text, text);
  }
});

test('HTTP charset applies when the document declares nothing', () => {
  const decoded = decodeBytes(fixture('tests__encoding__http_text_xml_charset_2.xml'), 'text/xml; charset=windows-1252');
  assert.equal(decoded.encoding, 'windows-1252');
  assert.match(decoded.text, /This is a £“test\.”/);
});

test('text/xml without charset means us-ascii only when that does no harm', () => {
  const ascii = decodeBytes(fixture('tests__encoding__http_text_xml_bogus_charset.xml'), 'text/xml;');
  assert.equal(ascii.encoding, 'us-ascii');
  const utf8 = decodeBytes(fixture('tests__encoding__bozo_http_i18n.xml'), 'text/xml');
  assert.equal(utf8.encoding, 'utf-8');
  assert.match(utf8.text, /Iñtërnâtiônàlizætiøn/);
});

test('Big5 and EUC-KR by declaration', () => {
  const big5 = decodeBytes(iconv.encode('<?xml version="1.0" encoding="big5"?><rss><title>中文</title></rss>', 'big5'));
  assert.match(big5.text, /<title>中文<\/title>/);
  assert.match(big5.encoding, /^big5/);
  const euckr = decodeBytes(fixture('tests__encoding__euc-kr.xml'));
  assert.match(euckr.text, /년/);
});

test('windows-1252 when the bytes are not UTF-8 and nothing is declared', () => {
  const decoded = decodeBytes(bytes(Buffer.from('<rss><title>'), [0x93, 0x71, 0x94, 0x20, 0x80], Buffer.from('</title></rss>')));
  assert.equal(decoded.encoding, 'windows-1252');
  assert.equal(decoded.text, '<rss><title>“q” €</title></rss>');
});

test('valid UTF-8 without declaration is UTF-8; C1 controls become the windows-1252 characters meant', () => {
  assert.equal(decodeBytes(Buffer.from('<rss>é</rss>')).encoding, 'utf-8');
  assert.equal(decodeBytes(fixture('tests__encoding__demoronize-1.xml')).text.includes('don’t'), true);
});

test('unknown encoding names fall back without throwing', () => {
  const decoded = decodeBytes(Buffer.from('<?xml version="1.0" encoding="x-bogus-9"?><rss>é</rss>'), 'text/xml; charset=nonsense');
  assert.equal(decoded.encoding, 'utf-8');
  assert.match(decoded.text, /<rss>é<\/rss>/);
});

test('HTML pages use <meta charset>', () => {
  const page = iconv.encode('<!doctype html><html><head><meta charset="koi8-r"></head><body>Привет</body></html>', 'koi8-r');
  const decoded = decodeBytes(page, 'text/html');
  assert.equal(decoded.encoding, 'koi8-r');
  assert.match(decoded.text, /Привет/);
});
