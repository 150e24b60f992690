/**
 * Suggestions for options marked `autocomplete: true`: regions (the story's gazetteer), stories (ids),
 * sources (ids), else the option's own choices — filtered by what was typed (accent- and
 * case-insensitive; prefix matches first, then word starts), at most 25.
 */
import type { AppContext } from '../../core/context.ts';
import type { OptionDefinition } from '../../core/command.ts';

export interface Choice {
  name: string;
  value: string;
}

export const MAX_CHOICES = 25;

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().trim();
}

function cut(text: string, max = 100): string {
  if (text.length <= max) return text;
  return `${Array.from(text).join('').slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

/**
 * Keeps choices whose name or value (or an alias) starts with what was typed, then those with a word that does ("pu" →
 * "San Juan de Puno"); the ones that merely contain it inside a word ("per" in "copper") only when nothing starts so.
 */
export function filterChoices(choices: readonly (Choice & { also?: string[] })[], typed: string): Choice[] {
  const wanted = fold(typed);
  const wordStart = (key: string) => key.split(/[^\p{L}\d]+/u).some((word) => word.startsWith(wanted));
  const scored: { choice: Choice; rank: number; index: number }[] = [];
  choices.forEach((choice, index) => {
    const keys = [choice.name, choice.value, ...(choice.also ?? [])].map(fold);
    let rank = -1;
    if (!wanted) rank = 0;
    else if (keys.some((key) => key.startsWith(wanted))) rank = 0;
    else if (keys.some(wordStart)) rank = 1;
    else if (keys.some((key) => key.includes(wanted))) rank = 2;
    if (rank >= 0) scored.push({ choice: { name: cut(choice.name), value: cut(choice.value) }, rank, index });
  });
  const kept = scored.some((s) => s.rank < 2) ? scored.filter((s) => s.rank < 2) : scored;
  kept.sort((a, b) => a.rank - b.rank || a.index - b.index);
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (const { choice } of kept) {
    if (seen.has(choice.value)) continue;
    seen.add(choice.value);
    out.push(choice);
    if (out.length === MAX_CHOICES) break;
  }
  return out;
}

export async function suggest(app: AppContext, option: OptionDefinition | undefined, optionName: string, typed: string, others: Record<string, string | number | boolean>): Promise<Choice[]> {
  if (optionName === 'region') {
    const storyId = typeof others.story === 'string' ? others.story : undefined;
    const story = (storyId ? app.stories.find((s) => s.id === storyId) : undefined) ?? app.stories[0];
    const regions = story ? story.regions : app.stories.flatMap((s) => s.regions);
    return filterChoices(regions.map((region) => ({ name: region.name, value: region.name, also: region.aliases })), typed);
  }
  if (optionName === 'story') {
    return filterChoices(app.stories.map((story) => ({ name: `${story.id} — ${story.name}`, value: story.id })), typed);
  }
  if (optionName === 'source' || optionName === 'id') {
    const sources = await app.store.listSources();
    return filterChoices(sources.map((source) => ({ name: source.title ? `${source.id} — ${source.title}` : source.id, value: source.id, also: [source.url ?? ''] })), typed);
  }
  if (option?.choices?.length) return filterChoices(option.choices.map((choice) => ({ name: choice, value: choice })), typed);
  return [];
}
