/**
 * Who acted: institutions and groups named in a sentence (Congress, police, protesters…, English and Spanish)
 * plus the story's own actors ("Pedro Castillo", also found as "Castillo").
 */
import type { Story } from '../types.ts';

const DEFAULT_ACTORS: [RegExp, string][] = [
  [/\b(?:Congress|Congreso|Parliament|legislators|lawmakers|legisladores|congresistas)\b/u, 'Congress'],
  [/\b(?:Prime Minister|Premier|primer ministro)\b/iu, 'Prime Minister'],
  [/\b(?:government|gobierno|regime|régimen|Executive)\b/iu, 'government'],
  [/\b(?:police|PNP|policía|policia)\b/iu, 'police'],
  [/\b(?:army|military|armed forces|soldiers|troops|ejército|Fuerzas Armadas|militares)\b/iu, 'armed forces'],
  [/\b(?:security forces|fuerzas del orden)\b/iu, 'security forces'],
  [/\b(?:protesters|protestors|demonstrators|marchers|manifestantes|protestantes)\b/iu, 'protesters'],
  [/\b(?:Attorney General|Fiscal de la Nación|Fiscalía|prosecutor(?:'s|’s)? office)\b/iu, 'Attorney General'],
  [/\b(?:Supreme Court|Corte Suprema)\b/u, 'Supreme Court'],
  [/\b(?:Constitutional Tribunal|Constitutional Court|Tribunal Constitucional)\b/u, 'Constitutional Tribunal'],
  [/\b(?:Ombudsman|Defensoría del Pueblo)\b/u, 'Ombudsman'],
  [/\b(?:Health Ministry|Ministry of Health|Ministerio de Salud|Minsa)\b/iu, 'Health Ministry'],
];

const INSTITUTION_WORD = /\b(?:ministry|court|tribunal|office|congress|police|army|general|council|party|front|union|platform|commission)\b/i;

export function actorMatchers(story?: Story): [RegExp, string][] {
  const extra = ((story as { actors?: string[] } | undefined)?.actors ?? []).flatMap((name): [RegExp, string][] => {
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const words = name.split(/\s+/);
    const forms = [esc(name)];
    // "Pedro Castillo" is also "Castillo"; "Health Ministry" is not "Ministry".
    if (words.length >= 2 && !INSTITUTION_WORD.test(name) && /^\p{Lu}/u.test(words.at(-1)!)) forms.push(esc(words.at(-1)!));
    const folded = forms.map((f) => f.normalize('NFD').replace(/\p{M}+/gu, ''));
    return [[new RegExp(`(?<![\\p{L}])(?:${[...new Set([...forms, ...folded])].join('|')})(?![\\p{L}])`, 'u'), name]];
  });
  return [...extra, ...DEFAULT_ACTORS];
}

export function findActors(text: string, matchers: [RegExp, string][]): string[] {
  const out: string[] = [];
  const found: { index: number; name: string }[] = [];
  for (const [re, name] of matchers) {
    const m = re.exec(text);
    if (m && !found.some((f) => f.name === name)) found.push({ index: m.index, name });
  }
  found.sort((a, b) => a.index - b.index);
  for (const f of found) if (!out.includes(f.name)) out.push(f.name);
  return out;
}
