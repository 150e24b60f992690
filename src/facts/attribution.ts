// Who a count is attributed to ("the Health Ministry said", "según la Defensoría", "according to HRW") and whether that
// source is official for the story. Hand-written over the source table of figure-rules.ts (no library knows news sources).
import * as R from './figure-rules.ts';
import type { Story } from './types.ts';

const { REPORT_VERBS } = R;

export function attributionOf(sentence: string, numStart: number, story?: Story): { attribution: string | null; official: boolean } {
  const officialByStory = (name: string) =>
    story?.officialSources.some((o) => name.toLowerCase().includes(o.toLowerCase()) || o.toLowerCase().includes(name.toLowerCase())) ?? false;
  const canonical = (text: string): [string, boolean] | null => {
    for (const [re, name, official] of R.SOURCES) {
      const m = re.exec(text);
      if (m) return [(name || m[0]).trim().replace(/[\s,]+$/, ''), official || officialByStory(name || m[0])];
    }
    return null;
  };
  const cue = /\b(?:according to|citing|per(?!\s+(?:cent|capita|day|week|month|year|hour))|seg[uú]n|de acuerdo (?:con|a))\s+/iu.exec(sentence);
  if (cue) {
    const hit = canonical(sentence.slice(cue.index + cue[0].length, cue.index + cue[0].length + 80));
    if (hit) return { attribution: hit[0], official: hit[1] };
    const acc = R.ACCORDING_TO.exec(sentence);
    const name = acc?.[1]?.trim() ?? '';
    if (name.length > 2) return { attribution: name, official: officialByStory(name) };
  }
  for (const [re, name, official] of R.SOURCES) {
    const m = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`).exec(sentence);
    if (!m) continue;
    if (/\b(?:by|of|against|to|for|from|por|contra|de|del|a)\s+(?:the\s+|la\s+|el\s+|los\s+|peru['’]s\s+)?$/i.test(sentence.slice(0, m.index))) continue;
    const tail = sentence.slice(m.index + m[0].length, m.index + m[0].length + 30);
    const inverted = new RegExp(`(?:${REPORT_VERBS.source})\\s+(?:the\\s+|el\\s+|la\\s+|los\\s+)?$`, 'iu').test(sentence.slice(Math.max(0, m.index - 25), m.index));
    const after = new RegExp(`^\\s*(?:${REPORT_VERBS.source})`, 'iu').test(tail.replace(/^\s*(?:has|have|had|also|later|on \w+)\s+/i, ' '));
    const said = inverted || (m.index < numStart ? REPORT_VERBS.test(sentence.slice(m.index, numStart + 1)) : after);
    if (!said) continue;
    const attribution = (name || m[0]).trim();
    return { attribution, official: official || officialByStory(attribution) };
  }
  for (const o of story?.officialSources ?? []) {
    const i = sentence.toLowerCase().indexOf(o.toLowerCase());
    if (i >= 0 && i < numStart) return { attribution: o, official: true };
  }
  return { attribution: null, official: false };
}

