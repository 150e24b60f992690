import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { summarizeExtractive } from '../../src/answers/summary/extractive.ts';
import { findNumbers } from '../../src/facts/numbers.ts';
import { splitSentences } from '../../src/facts/sentences.ts';


const EN_TOLL = "Peru's ombudsman's office said 47 people have died in clashes between protesters and security forces since the unrest began in December.";

const EN_OUTLETS: string[] = [
  `Peru protests: death toll rises after clashes in Juliaca

LIMA, Jan 10 (Wire) - ${EN_TOLL} Seventeen of them were killed on Monday in the southern city of Juliaca, near Lake Titicaca, where demonstrators tried to storm the airport.

Prime Minister Alberto Otárola told Congress the security forces had acted "within the law" and blamed outside agitators for the violence. Human rights groups disputed that account and called for an independent investigation.

The protests erupted after former President Pedro Castillo was removed from office and arrested on Dec. 7. Demonstrators are demanding early elections, the resignation of President Dina Boluarte and the closure of Congress.

Photo: Reuters`,

  `Deadliest day of Peru unrest leaves 17 dead in Juliaca

At least 17 people were killed in Juliaca on Monday, health officials said, the deadliest single day since protests began a month ago. The ombudsman's office said the overall number of people who have died in clashes with security forces since December now stands at 47.

Hospitals in the Puno region reported more than 60 injured, several of them with gunshot wounds. A police officer was burned to death in his patrol car overnight, the interior ministry said.

Read more: What is behind Peru's political crisis? https://example.com/peru-explainer

Subscribe to our newsletter for daily updates.`,

  `Peru's government declared a three-day curfew in the Puno region on Tuesday after a day of violence in which 17 people died. Ombudsman officials said 47 people have died in clashes with security forces since December.

The curfew runs from 8 p.m. to 4 a.m. and applies to the provinces of Puno, Juliaca and Chucuito, officials said. Regional leaders said a general strike would continue regardless.`,
];

const ES_TOLL = 'La Defensoría del Pueblo informó que 47 personas han muerto en enfrentamientos entre manifestantes y fuerzas del orden desde que comenzaron las protestas en diciembre.';

const ES_OUTLETS: string[] = [
  `Protestas en Perú: sube a 47 la cifra de muertos

LIMA. ${ES_TOLL} Diecisiete de ellas fallecieron el lunes en Juliaca, en la región Puno, cuando los manifestantes intentaron tomar el aeropuerto.

El primer ministro Alberto Otárola defendió ante el Congreso la actuación de la policía y atribuyó la violencia a grupos organizados. Organizaciones de derechos humanos pidieron una investigación independiente.

Las protestas comenzaron tras la destitución y detención del expresidente Pedro Castillo el 7 de diciembre.`,

  `El lunes fue la jornada más violenta desde el inicio de las protestas: diecisiete personas murieron en Juliaca, según el Ministerio de Salud. La Defensoría del Pueblo elevó a 47 el número de fallecidos en enfrentamientos con las fuerzas del orden desde diciembre.

Los hospitales de Puno atendieron a más de 60 heridos, varios de ellos por arma de fuego. Un policía murió quemado dentro de su patrullero durante la noche, informó el Ministerio del Interior.

Suscríbete a nuestro boletín para recibir las noticias del día.`,
];

const norm = (s: string) => s.replace(/\s+/g, ' ');
/** The summary's sentences, as the splitter sees them. */
const sentencesOf = (summary: string) => splitSentences(summary).map((s) => s.text);
const valuesOf = (text: string) => findNumbers(text).filter((m) => !m.weak).map((m) => m.value);

/** Every sentence of the summary is a whole sentence of one source, verbatim. */
function assertWholeSentences(summary: string, sources: string[]): void {
  const all = sources.map(norm);
  for (const s of sentencesOf(summary)) {
    assert.match(s, /^["“¿¡]?[\p{Lu}\d].*[.!?]["”]?$/u, `not a whole sentence: ${s}`);
    assert.ok(all.some((a) => a.startsWith(s) || a.includes(` ${s}`) || a.includes(`\n${s}`)), `not in any source: ${s}`);
  }
}

test('English: the death-toll sentence leads the summary, numbers intact, whole sentences', () => {
  const summary = summarizeExtractive(EN_OUTLETS);
  assert.ok(summary.includes(EN_TOLL), summary);
  assert.ok(summary.length <= 400);
  assert.ok(sentencesOf(summary).length <= 2, summary);
  assertWholeSentences(summary, EN_OUTLETS);
  assert.ok(valuesOf(summary).includes(47) && valuesOf(summary).includes(17), summary);
  // The dateline is not part of what the sentence says; no headline, caption or link made it in.
  assert.ok(!summary.includes('LIMA'), summary);
  assert.ok(!/Read more|Subscribe|Photo:|https?:/.test(summary), summary);
});

test('Spanish: the death-toll sentence is chosen, numbers intact', () => {
  for (const language of ['es', null, undefined]) {
    const summary = summarizeExtractive(ES_OUTLETS, { language });
    assert.ok(summary.includes(ES_TOLL), `${language}: ${summary}`);
    assertWholeSentences(summary, ES_OUTLETS);
    assert.ok(valuesOf(summary).includes(47), summary);
    assert.ok(!/Suscr[ií]bete|LIMA\./.test(summary), summary);
  }
});

test('a sentence already known (and its paraphrases by other outlets) is omitted', () => {
  const summary = summarizeExtractive(EN_OUTLETS, { known: [EN_TOLL] });
  assert.ok(summary.length > 0);
  assert.ok(!summary.includes(EN_TOLL), summary);
  assert.ok(!summary.includes('now stands at 47'), summary);
  assert.ok(!summary.includes('Ombudsman officials said 47'), summary);

  const es = summarizeExtractive(ES_OUTLETS, { known: [ES_TOLL], language: 'es' });
  assert.ok(es.length > 0);
  assert.ok(!es.includes(ES_TOLL), es);
  assert.ok(!es.includes('elevó a 47'), es);
});

test('a known sentence with an older figure does not hide the updated one', () => {
  const old = "Peru's ombudsman's office said 40 people have died in clashes between protesters and security forces since the unrest began in December.";
  const summary = summarizeExtractive(EN_OUTLETS, { known: [old] });
  assert.ok(valuesOf(summary).includes(47), summary);
});

test('everything known: nothing new to say', () => {
  const text = 'At least 17 people were killed in Juliaca on Monday, health officials said. A curfew was declared in Puno on Tuesday night.';
  assert.equal(summarizeExtractive([text], { known: splitSentences(text).map((s) => s.text) }), '');
  assert.equal(summarizeExtractive([]), '');
  assert.equal(summarizeExtractive(['', '   ']), '');
});

test('limits: maxSentences and maxChars are respected, sentences stay whole and in original order', () => {
  const order = EN_OUTLETS.map(norm).join('\n');
  for (const maxSentences of [1, 2, 3, 5]) {
    for (const maxChars of [150, 200, 300, 400, 800, 2000]) {
      const summary = summarizeExtractive(EN_OUTLETS, { maxSentences, maxChars });
      const sentences = sentencesOf(summary);
      assert.ok(summary.length <= maxChars, `${maxSentences}/${maxChars}: ${summary.length}`);
      assert.ok(sentences.length >= 1 && sentences.length <= maxSentences, `${maxSentences}/${maxChars}: ${summary}`);
      assertWholeSentences(summary, EN_OUTLETS);
      const at = sentences.map((s) => order.indexOf(s));
      assert.deepEqual(at, [...at].sort((a, b) => a - b), `not in original order: ${summary}`);
    }
  }
  assert.equal(sentencesOf(summarizeExtractive(EN_OUTLETS, { maxSentences: 1 })).length, 1);
  assert.equal(sentencesOf(summarizeExtractive(EN_OUTLETS, { maxSentences: 3, maxChars: 2000 })).length, 3);
});

test('a limit shorter than any sentence cuts at a word boundary, never inside a number', () => {
  const text = 'The number of people who have died in the clashes rose to two hundred and five on Tuesday, the ombudsman said.';
  for (const maxChars of [40, 60, 70, 75, 80, 90]) {
    const summary = summarizeExtractive([text], { maxChars });
    assert.ok(summary.length <= maxChars, summary);
    assert.ok(summary.endsWith('…'), summary);
    assert.ok(text.startsWith(summary.slice(0, -1)), summary);
    for (const v of valuesOf(summary)) assert.equal(v, 205, `number cut: ${summary}`);
  }
});

test('the same wire copy carried by several outlets is not repeated', () => {
  const wire = EN_OUTLETS[0]!;
  const summary = summarizeExtractive([wire, wire.replace('LIMA, Jan 10 (Wire) - ', ''), wire], { maxSentences: 3, maxChars: 1000 });
  const sentences = sentencesOf(summary);
  assert.equal(sentences.length, 3, summary);
  assert.equal(new Set(sentences).size, 3, summary);
  assert.equal(summary.split(EN_TOLL).length - 1, 1, summary);
});

test('the lead sentence wins over background the later sentences keep repeating', () => {
  const lead = 'Police arrested the former mayor of Juliaca on Wednesday on charges of organising the attack on the airport.';
  const doc = `${lead} The airport in Juliaca has been closed since the protests began last month. Protesters in Juliaca have blocked the airport road for weeks. Flights to the Juliaca airport were cancelled again on Tuesday as protests continued. Airlines said the airport would stay closed while protests in Juliaca go on.`;
  assert.equal(summarizeExtractive([doc], { maxSentences: 1 }), lead);
});

test('among the outlets\' leads, the fact most of them report wins', () => {
  const texts = [
    'Prime Minister Alberto Otárola told Congress on Tuesday that 3 police officers were under investigation. He defended the government\'s response to the protests.',
    `${EN_TOLL} The government declared a curfew in Puno.`,
    'At least 47 people have died in clashes with security forces since the protests began in December, the ombudsman said. Schools in Puno stayed closed.',
    'Clashes between protesters and security forces have left 47 people dead since December, according to the ombudsman. Roads to Cusco were blocked.',
  ];
  const summary = summarizeExtractive(texts, { maxSentences: 1 });
  const tollLeads = texts.slice(1).map((t) => splitSentences(t)[0]!.text);
  assert.ok(tollLeads.includes(summary), summary);
});

test('a sentence every outlet carries is told once, and each outlet adds its own news', () => {
  const curfew = 'A curfew was declared in the Puno region on Tuesday, the government said.';
  const hospitals = 'Hospitals in Puno reported dozens of injured, several with gunshot wounds.';
  const summary = summarizeExtractive([`${EN_TOLL} ${curfew}`, `${EN_TOLL} ${hospitals}`, EN_TOLL], { maxSentences: 3, maxChars: 2000 });
  assert.equal(summary, `${EN_TOLL} ${curfew} ${hospitals}`);
});

test('deterministic: same input, same output, whatever ran before', () => {
  const first = summarizeExtractive(EN_OUTLETS, { maxSentences: 3, maxChars: 600 });
  summarizeExtractive(ES_OUTLETS);
  summarizeExtractive([EN_OUTLETS[1]!], { known: [EN_TOLL] });
  for (let i = 0; i < 5; i++) assert.equal(summarizeExtractive(EN_OUTLETS, { maxSentences: 3, maxChars: 600 }), first);
  assert.equal(summarizeExtractive(ES_OUTLETS, { language: 'es' }), summarizeExtractive(ES_OUTLETS, { language: 'es' }));
});

test('fast: 1,000 entries of ~5 KB', (t) => {
  const dir = new URL('../fixtures/seeds/', import.meta.url);
  const corpus = [
    ...readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(new URL(f, dir), 'utf8')),
    ...EN_OUTLETS,
    ...ES_OUTLETS,
  ].join('\n');
  const entries: string[][] = [];
  for (let i = 0; i < 1000; i++) {
    const start = (i * 7919) % (corpus.length - 5000);
    const chunk = corpus.slice(start, start + 5000);
    const parts = 1 + (i % 3);
    const size = Math.ceil(chunk.length / parts);
    entries.push(Array.from({ length: parts }, (_, j) => chunk.slice(j * size, (j + 1) * size)));
  }
  // A stored timeline of ~200 sentences passed as `known` with every entry, as a digest would.
  const known = splitSentences(corpus).map((s) => s.text).filter((_, i) => i % 3 === 0).slice(0, 200);
  const started = performance.now();
  const cpu = process.cpuUsage();
  let produced = 0;
  for (const entry of entries) if (summarizeExtractive(entry, { known })) produced++;
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - started;
  const cpuMs = (used.user + used.system) / 1000;
  t.diagnostic(`1000 entries × ~5 KB, ${known.length} known sentences: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU`);
  assert.ok(produced > 900, `only ${produced} summaries`);
  // CPU time, not wall time: the machine may be shared. Generous bound, still "a few seconds".
  assert.ok(cpuMs < 5000, `${cpuMs.toFixed(0)} ms CPU`);
});
