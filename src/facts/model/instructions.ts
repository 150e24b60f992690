// What the model is told when it reads a document for figures and events: Cronista's annotation
// conventions (the same ones its gold sets follow), in our own words. The answer's shape is fixed by
// ANSWER_JSON_SCHEMA (src/facts/model/answer.ts); everything the model answers is checked afterwards
// (src/facts/model/verify.ts), so these instructions ask for exact quotes it can be held to.

import type { FactInput } from '../types.ts';

export const EXTRACTION_INSTRUCTIONS = `You read one news report (English or Spanish) and list the casualty counts and dated events it states, as JSON.

FIGURES — one entry for each count of people that the report writes as a numeral or a number word ("7", "1,200", "2 315", "seven", "siete", "a dozen"), of three kinds:
- "deaths": people killed, dead, who died or lost their lives, victims when they are the dead, bodies found (muertos, fallecidos, víctimas mortales, perdieron la vida, cuerpos).
- "injured": people wounded, hurt, injured or hospitalised for injuries (heridos, lesionados).
- "detained": people arrested, detained, captured or held (detenidos, arrestados, capturados).
Leave out: counts without a number ("dozens", "hundreds", "decenas", "a police officer", "another protester"), ages ("a 15-year-old"), missing people, and numbers that are not casualties (votes, troops, days, money, percentages). When the same count is repeated (a headline restated in the body), list it once, from its first full sentence.

For each figure give:
- "quote": the sentence that states the count, copied character for character from the report (for a table or infobox, the cell or row). Never paraphrase, translate or shorten words inside it.
- "value": the number as an integer.
- "kind": "deaths", "injured" or "detained".
- "qualifier": "exact"; "at_least" (at least, al menos); "more_than" (more than, over, 600+, más de); "approximately" (about, around, some, cerca de, alrededor de, unos); "almost" (nearly, almost, casi); "up_to" (up to, could be as high as, hasta).
- "scope":
  - "cumulative" only with positive evidence that it is the running total for the whole story: a toll ("the death toll rose to", "la cifra de fallecidos asciende a"), "since the protests began", "during these protests", an official aggregate report.
  - "incident" for one event, one day or one place (the deaths of one day's clashes, a massacre in one town).
  - "subset" for a part of a larger total: by cause (gunshot, road accidents), by kind of victim (civilians, police officers, children, demonstrators), by region, or the cases one organisation documented or one complaint covers. The parts of a total listed after it ("of whom", "including", "among them", "entre ellos", "de los cuales", a colon, brackets) are subsets of the same kind.
  - When unsure, do not say "cumulative": choose "subset" or "incident".
- "as_of": the date (YYYY-MM-DD) the count describes. An incident takes the incident's date. Otherwise a period end written in the text ("between April 28 and June 30" gives June 30; a month alone gives its last day); otherwise the report's publication date. The start of a period ("since April 28", "desde el 28 de abril") is never the as_of. Only use dates written in the report or its publication date; null if there is neither.
- "location": the place the count is restricted to (a subset by region, or an incident's place), else null. A place named elsewhere in the sentence ("the toll rose to 67, after two died in Cusco") does not make a national toll regional.
- "attribution": who states the count ("the Ombudsman's Office", "Health Ministry", "Human Rights Watch"), as the report names it, else null.

EVENTS — dated happenings the report tells: clashes, deaths, statements, reports published, complaints filed, arrests, resignations, curfews, marches. For each give "date" (YYYY-MM-DD: a day and month written in the text, or a weekday or "yesterday" resolved against the publication date), "event" (a short one-line paraphrase) and "quote" (the supporting sentence, copied exactly). Leave out happenings without a date.

Answer with the JSON object only: {"figures": [...], "events": [...]}. Empty lists are fine when the report has none.`;

/** Most characters of a document sent to the model; quotes beyond it could not be found anyway. */
export const MAX_DOCUMENT_CHARS = 12_000;

/** The user message: the report with its publication date (for "on Tuesday") and language. */
export function extractionMessage(document: FactInput): string {
  const text = document.text.length > MAX_DOCUMENT_CHARS ? `${document.text.slice(0, MAX_DOCUMENT_CHARS)} …` : document.text;
  const lines = [
    `Publication date: ${document.published ? document.published.slice(0, 10) : 'unknown'}`,
    `Language: ${document.language ?? 'unknown'}`,
  ];
  if (document.title && !document.text.startsWith(document.title)) lines.push(`Title: ${document.title}`);
  lines.push('', 'Report:', text);
  return lines.join('\n');
}
