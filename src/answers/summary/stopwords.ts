// Small English and Spanish stopword lists for sentence similarity (diacritics folded, lower case).

export const STOPWORDS_EN: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has have having he
  her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
  now of off on once only or other our ours ourselves out over own same she should so some such than that the
  their theirs them themselves then there these they this those through to too under until up very was we were
  what when where which while who whom why will with would you your yours yourself yourselves said says say
  according told tells reported reports report including since among amid via per yet still however although
  though may might must shall us its it's he's she's they're we're there's that's i'm don't didn't doesn't isn't
  wasn't weren't won't can't couldn't wouldn't shouldn't hasn't haven't hadn't mr mrs ms`.split(/\s+/),
);

export const STOPWORDS_ES: ReadonlySet<string> = new Set(
  `a al algo algunas algunos ante antes aquel aquella aquellas aquellos aqui asi aun aunque cada como con contra
  cual cuales cuando cuanto de del desde donde dos durante e el ella ellas ellos en entre era eran es esa esas
  ese eso esos esta estaba estaban estado estan estar este esto estos fue fueron ha habia habian han hasta hay
  la las le les lo los mas me mi mientras mis mucho muy nada ni no nos nosotros o os otra otras otro otros para
  pero poco por porque que quien quienes se segun ser sera si sido sin sino sobre su sus tambien tan tanto te
  tiene tienen toda todas todo todos tras tu tus u un una unas uno unos usted ustedes y ya yo dijo dice dicen
  informo informaron indico senalo afirmo explico agrego segun luego ademas asimismo sus cuyo cuya donde les
  este esta ese esa han ha habia sea son fue`.split(/\s+/),
);

export const STOPWORDS_ALL: ReadonlySet<string> = new Set([...STOPWORDS_EN, ...STOPWORDS_ES]);

export function stopwordsFor(language: string | null | undefined): ReadonlySet<string> {
  const code = language?.toLowerCase().slice(0, 2);
  if (code === 'en') return STOPWORDS_EN;
  if (code === 'es') return STOPWORDS_ES;
  return STOPWORDS_ALL;
}

/**
 * 'en' or 'es' by which stopword list the text's words hit more often; null on a tie. "once" is not
 * counted: it is the word whose language this is usually asked for (English "once", Spanish eleven).
 */
export function guessLanguage(text: string): 'en' | 'es' | null {
  let en = 0;
  let es = 0;
  for (const m of text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').matchAll(/\p{L}+/gu)) {
    const w = m[0];
    if (w === 'once') continue;
    if (STOPWORDS_EN.has(w)) en++;
    if (STOPWORDS_ES.has(w)) es++;
  }
  if (en === es) return null;
  return en > es ? 'en' : 'es';
}

/** English "once" ("once again") that findNumbers reads as Spanish eleven. */
export function isEnglishOnce(mention: string, text: string): boolean {
  return /^once$/i.test(mention) && guessLanguage(text) !== 'es';
}
