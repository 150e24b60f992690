// One count told for each of several places: "nine each in Jatrabari and Uttara", "Nakuru, Kajiado and Mombasa
// recorded three each", "Laikipia, Narok and Nandi each recorded one death", "en el Distrito Capital y en Aragua hubo
// seis en cada caso". Each place has that count: one figure per place (ANNOTATION.md: a subset by region).

const ARTICLE = String.raw`(?:(?:el|la|los|las|the)\s+)?`;
const NAME = String.raw`[\p{Lu}][\p{L}'’-]+(?:\s+(?:de\s+|del\s+)?[\p{Lu}][\p{L}'’-]+)*`;
const ITEM = String.raw`(?:(?:en|in|at)\s+)?${ARTICLE}${NAME}`;
const LIST = String.raw`${ITEM}(?:\s*,\s*${ITEM})*\s*,?\s+(?:and|y|e)\s+${ITEM}`;
const EACH = String.raw`(?:each|apiece|en cada (?:caso|un[oa])|cada un[oa])`;

/** After the number: "nine each in Jatrabari and Uttara", "three each at Everest Hospital and Civil Hospital". */
const LIST_AFTER = new RegExp(String.raw`^\s+(?:[\p{L}-]+\s+){0,2}?(?:each|apiece)\s+(?:in|at)\s+(${LIST})`, 'u');
/** After the number, the list before it: "Nakuru, Kajiado and Mombasa recorded three each", "Artemisa y Holguín, con 96 … cada una". */
const EACH_AFTER = new RegExp(String.raw`^\s+(?:[\p{L}-]+\s+){0,2}?${EACH}(?![\p{L}])`, 'iu');
const LIST_BEFORE = new RegExp(String.raw`(${LIST}),?\s+(?:[\p{L}-]+\s+){0,4}$`, 'u');
/** Before the number: "Laikipia, Narok and Nandi each recorded one death". */
const LIST_EACH_BEFORE = new RegExp(String.raw`(${LIST})\s+(?:each|cada un[oa])\s+(?:[\p{L}-]+\s+){0,3}$`, 'u');

function names(list: string): string[] {
  return list
    .split(/\s*,\s*|\s+(?:and|y|e)\s+/u)
    .map((item) => item.replace(/^(?:(?:en|in|at)\s+)?(?:(?:el|la|los|las|the)\s+)?/u, '').trim())
    .filter(Boolean);
}

/** The places a count at [start, end) of `s` is told for, each ("nine each in A and B"), or null. */
export function placesSharing(s: string, start: number, end: number): string[] | null {
  const after = s.slice(end, end + 200);
  const before = s.slice(Math.max(0, start - 200), start);
  const list = LIST_AFTER.exec(after)?.[1] ?? (EACH_AFTER.test(after) ? LIST_BEFORE.exec(before)?.[1] : undefined) ?? LIST_EACH_BEFORE.exec(before)?.[1];
  const found = list ? names(list) : [];
  return found.length >= 2 ? found : null;
}
