// Rule tables for casualty-figure extraction (English + Spanish). Hand-written on purpose: no library does
// casualty extraction well, and rules keep every decision explainable. Each table is data: a word list or a
// regex source; figures.ts assembles them into patterns around each number mention.
import type { FigureKind, Qualifier } from './types.ts';
import { WEEKDAY_RE } from './dates.ts';
import { ASIDE_VERB, CITY_STOP_DATELINE } from './sentences.ts';

const alt = (words: string[]) => `(?:${words.join('|')})`;

/** Words allowed between a number and its casualty word: "48 protesters (…) have been killed", "17 personas fueron…". */
export const FILLERS = alt([
  // who
  'people', 'persons?', 'individuals', 'protest[eo]rs?', 'demonstrators?', 'marchers', 'civilians?', 'citizens', 'residents',
  'peruvians', 'villagers', 'farmers', 'peasants', 'students?', 'children', 'kids', 'minors', 'teenagers', 'youths?', 'men', 'women',
  'boys?', 'girls?', 'officers?', 'policemen', 'police', 'soldiers?', 'troops', 'workers?', 'journalists?', 'reporters?', 'medics?',
  'indigenous', 'aymaras?', 'quechuas?', 'campesinos', 'bystanders', 'victims', 'others?', 'members', 'supporters', 'activists',
  'medical', 'health', 'worker', 'rescuers', 'security', 'forces', 'guards', 'law enforcement', 'personnel', 'nationals', 'foreigners', 'carabineros', 'uniformados',
  'extranjeros', 'fuerzas', 'seguridad', 'fuerza', 'pública', 'passengers', 'migrants', 'inmates', 'prisoners', 'miners', 'leaders',
  'personas?', 'manifestantes', 'civiles', 'ciudadan[oa]s', 'peruan[oa]s', 'pobladores', 'comuneros', 'campesin[oa]s',
  'estudiantes', 'menores', 'niñ[oa]s', 'j[oó]venes', 'hombres', 'mujeres', 'polic[ií]as', 'agentes', 'militares', 'soldados',
  'efectivos', 'trabajadores', 'periodistas', 'v[ií]ctimas', 'dirigentes', 'rondas', 'ronderos', 'cases', 'casos',
  // how many more / which ones
  'more', 'additional', 'further', 'new', 'other', 'unarmed', 'innocent', 'young', 'confirmed', 'reported', 'recorded', 'official',
  'violent', 'registered', 'total', 'más', 'otr[oa]s', 'nuev[oa]s', 'total',
  // verb scaffolding
  'have', 'has', 'had', 'having', 'been', 'were', 'was', 'are', 'is', 'be', 'being', "'ve", 'reportedly', 'allegedly', 'already',
  'also', 'now', 'so', 'far', 'all', 'of', 'them', 'whom', 'those', 'who', 'that', 'which', 'later', 'subsequently', 'still',
  'remain', 'remained', 'remains', 'may', 'might', 'could', 'likely', 'feared', 'presumed', 'officially', 'apparently',
  'believed', 'to', 'got', 'just', 'since', 'then', 'across', 'country', 'nationwide', 'countrywide',
  'han', 'ha', 'habían', 'había', 'fueron', 'son', 'eran', 'están', 'estaban', 'permanecen', 'siguen', 'quedaron', 'ya', 'también',
  'los', 'las', 'de', 'ellos', 'ellas', 'quienes', 'que', 'al', 'parecer', 'oficialmente', 'hasta', 'ahora', 'the',
  // "habrían sido detenidas", "menores de edad figuran entre los fallecidos"
  'habr[ií]an', 'habr[ií]a', 'ser[ií]an', 'sido', 'edad', 'figuran', 'figuraban', 'se', 'encuentran', 'encontraban', 'estar[ií]an',
]);

/** Nouns that are never the people a count is about: one unknown word may sit between number and verb, not these. */
export const NOT_PERSON = alt([
  'votes?', 'votos?', 'days?', 'd[ií]as', 'weeks?', 'semanas', 'months?', 'meses', 'years?', 'a[ñn]os', 'decades?', 'd[eé]cadas?', 'hours?', 'horas',
  'minutes?', 'minutos', 'trucks?', 'camiones', 'vehicles?', 'veh[ií]culos', 'cars?', 'buses', 'roadblocks?', 'bloqueos?',
  'blockades?', 'points?', 'puntos', 'regions?', 'regiones', 'provinces?', 'provincias', 'districts?', 'distritos', 'cities',
  'ciudades', 'towns?', 'attacks?', 'ataques?', 'strikes?', 'bombs?', 'shots?', 'rounds?', 'times?', 'veces', 'percent',
  'dollars?', 'd[oó]lares', 'soles', 'euros?', 'kilomet(?:er|re)s?', 'miles', 'meters?', 'metros', 'homes?', 'houses?',
  'casas', 'buildings?', 'edificios', 'tons?', 'toneladas', 'kilos?', 'projects?', 'letters?', 'signatures?', 'firmas',
  'bullets?', 'balas', 'rifles?', 'weapons?', 'armas', 'million', 'millones', 'billion', 'thousand', 'mil', 'hundred',
  'incidents?', 'protests?', 'protestas', 'marches', 'marchas', 'demonstrations', 'clashes', 'operations?', 'raids?',
  // gatherings held, not people held: "12 vigils were held in Nairobi", "se celebraron 30 asambleas"
  'rallies', 'vigils?', 'vigilias?', 'meetings?', 'reuniones', 'funerals?', 'funerales', 'ceremon(?:y|ies)', 'ceremonias?',
  'hearings?', 'audiencias?', 'sessions?', 'sesiones', 'assemblies', 'asambleas?', 'concentraciones', 'manifestaciones', 'masses', 'misas?',
  'laws?', 'leyes', 'decrees?', 'articles?', 'and', 'or', 'y', 'o', 'in', 'en', 'on', 'at', 'by', 'por', 'with', 'con',
  'from', 'desde', 'to', 'a', 'the', 'el', 'la', 'were', 'was', 'have', 'has', 'dozens?', 'hundreds', 'thousands', 'scores',
  'decenas', 'centenares', 'cientos', 'miles', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  '\\p{L}*(?:teen|ty)', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'veinte', '\\p{L}*(?:enta|ientos)',
]);
export const GENERIC = `(?!${NOT_PERSON}(?![\\p{L}]))[\\p{L}’'-]+`;

/** Casualty words AFTER the number (noun, participle or intransitive verb). */
export const KIND_AFTER: Record<FigureKind, string> = {
  deaths: alt([
    'killed', 'dead', 'died', 'die', 'deaths?', 'deceased', 'fatalities', 'fatality', 'martyrs', 'murdered', 'massacred', 'slain',
    'perished', 'drowned', 'shot dead', 'gunned down', 'hanged', 'ahorcad[oa]s', 'shot and killed', 'lost (?:their|his|her) li(?:fe|ves)', 'lives lost', 'executed',
    'bodies', 'fatal victims', 'victims of (?:homicidal|lethal|deadly) violence', 'v[ií]ctimas de violencia homicida', 'killings', 'murders', 'among (?:the )?(?:dead|deceased|killed|fatalities|those killed)',
    'entre (?:los )?(?:muertos|fallecidos|v[ií]ctimas mortales)',
    'muert[oa]s?', 'muertes', 'murieron', 'muri[oó]', 'fallecid[oa]s?', 'fallecieron', 'falleci[oó]', 'fallecimientos', 'decesos',
    'v[ií]ctimas (?:mortales|fatales)', 'perdieron la vida', 'perdi[oó] la vida', '(?:han|ha|hab[ií]an|hab[ií]a) perdido (?:ya |también )?la vida', 'asesinad[oa]s?', 'cad[aá]veres', 'm[aá]rtires',
    // ("cinco cuerpos", "dos de los cuerpos"; the corps of the state are no bodies: "cuerpos de seguridad", "cuerpos policiales")
    'cuerpos(?!\\s+(?:de\\s+(?:seguridad|polic[ií]a|bomberos|rescate|socorro|[eé]lite|elite)|policiales|militares|armados|castrenses|diplom[aá]ticos))',
    // ("Tres son las personas cuya muerte han confirmado las autoridades")
    'cuyas? muertes?', 'cuyos? fallecimientos?',
    'occisos', 'ahogad[oa]s', 'se ahogaron', 'se ahog[oó]', 'ejecutad[oa]s', 'asesinatos', 'homicidios',
    // the historical present of chronologies and encyclopedias ("Ese día mueren 19 personas")
    'mueren', 'fallecen', 'pierden la vida',
    // the subjunctive after "después de que", "tras que" ("después de que al menos 19 manifestantes murieran el lunes")
    'murieran', 'fallecieran', 'perdieran la vida',
  ]),
  injured: alt([
    'injured', 'wounded', 'hurt', 'injuries', 'hospitali[sz]ed', 'in hospital', 'suffered (?:serious |gunshot )?(?:injuries|wounds)',
    'sustained injuries', 'treated for (?:\\p{L}+ )?(?:injuries|wounds)', '(?:had |have |has )?suffered (?:\\p{L}+ ){0,2}?(?:wounds|injuries)', '(?:others? )?with (?:gunshot|bullet|stab|serious|severe) wounds', 'among (?:the )?(?:injured|wounded)', 'herid[oa]s?', 'lesionad[oa]s?', 'hospitalizad[oa]s?', 'resultaron herid[oa]s', 'resultan herid[oa]s', 'afectad[oa]s por perdigones',
    // eye trauma is an injury count of its own ("163 víctimas de trauma ocular", "110 sufrieron lesiones oculares", "22 people who
    // suffered eye injuries"); "lesiones" as what was suffered
    '(?:v[ií]ctimas|casos) de (?:trauma|lesi[oó]n|lesiones|heridas?) oculares?', 'con trauma ocular', 'eye (?:injuries|wounds|trauma)',
    '(?:sufrieron|sufri[oó]|han sufrido|presentan|presentaban|presentaron) (?:\\p{L}+ ){0,2}?(?:lesiones|heridas)',
    // "hay al menos 22 personas con lesiones graves", "were taken to hospitals in Hong Kong"
    'con (?:lesiones|heridas)', '(?:were |was |had been )?(?:taken|rushed|admitted) to (?:the |a )?(?:hospitals?|clinics?)', 'trasladad[oa]s a (?:un |los |distintos )?(?:hospital(?:es)?|cl[ií]nicas?|centros? (?:m[eé]dicos?|de salud|asistenciales))',
  ]),
  detained: alt([
    'detained', 'arrested', 'under arrest', 'detentions', 'arrests', 'in custody', 'taken into custody', 'into custody',
    'held(?=\\s+(?:at|in|by|incommunicado|without|for)\\b)', 'being held(?!\\s+(?:hostage|captive|as hostages?))', 'detainees', 'jailed',
    'imprisoned', 'rounded up', 'detenid[oa]s?', 'encarcelad[oa]s?', 'arrestad[oa]s?', 'capturad[oa]s?', 'aprehendid[oa]s?', 'detenciones', 'arrestos', 'aprehensiones', 'capturas',
    // (Colombia's legal word for a short police hold: "230 casos de retenciones"; not "retenidos", also hostages)
    '(?:casos de )?retenciones',
    'privad[oa]s de (?:su )?libertad',
  ]),
};

/** Active transitive uses after a subject number are NOT the number's fate: "12 soldiers killed 3 protesters". */
export const ACTIVE_AFTER = /^(?:killed|murdered|arrested|detained|wounded|injured|shot|hurt)\s+(?:\d|the\b|a\b|an\b|at least|more than|several|many|dozens|hundreds|his\b|her\b|their\b|two|three|four|five|six|seven|eight|nine|ten)/i;

/** "cifraba (el viernes) …", "sitúa …", "estimó …": a verb that puts a count at a number ("cifrar X en N"), maybe with when. */
const COUNT_IN_VERB = String.raw`\b(?:cifr|sit[uú]|estim|calcul)\p{L}* (?:[^.;,\d]{0,30}? )?`;

/** A toll's verb with a hedge, before its count: "was probably", "is likely", "remains at" ("above" is a qualifier, cut before). */
const TOLL_VERB_HEDGED = String.raw`(?:is|was|were|stands|stood|remains|remained)\s+(?:(?:probably|likely|possibly|actually|still|now)\s+)?(?:at\s+)?`;

/** Casualty words BEFORE the number: "killed 46 protesters", "the deaths of 70 people", "death toll rose to 47". */
export const KIND_BEFORE: Record<FigureKind, string> = {
  deaths: alt([
    'killed', 'killing', 'kills', 'murdered', 'murdering', 'massacred', 'massacring', 'shot dead', 'executed',
    'deaths? of', 'killings? of', 'murders? of', 'massacre[\'’"”]* of', 'lives of', 'bodies of',
    '(?:death|fatality) toll[^.;]{0,80}?(?:to|at|of|is|was|reached|hit|now|stands at|stood at|:|ranges? from|ranging from)', '(?:death|fatality) toll(?= ?$)', 'toll (?:rose |climbed |now |stands |stood |is |was )?(?:to|at|of)', 'toll (?:has |had |have )?(?:now )?(?:risen|rose|climbed|jumped|increased|grown|reached|hit|stands|stood)(?: by [\\d,.]+| by \\p{L}+)?(?: to| at)?',
    // "the official toll rose on Thursday to at least 17": when, between the verb and its "to"
    'toll (?:has |had |have )?(?:now )?(?:risen|rose|climbed|jumped|increased|grown) (?:on|by|overnight|late|early|this|last|again)\\b[^.;,\\d]{0,30}? to',
    'number of (?:the )?(?:dead|deaths|fatalities|people (?:killed|who (?:have |had )?died))[^.;]{0,160}?(?:to|at|is|was|reached|from)',
    // "the real number of dead was probably 900", "the true toll is likely at least 900"; "put the number of dead above
    // 400" (its qualifier cut off before this is read)
    `(?:number of (?:the )?(?:dead|deaths|fatalities)|toll)\\s+(?:${TOLL_VERB_HEDGED})`, 'number of (?:the )?(?:dead|deaths|fatalities)(?= ?$)',
    // "the official tally for Tuesday's deaths remains at six"
    '(?:tally|count) (?:of|for) [^.;\\d]{0,30}?(?:deaths|dead|killed|fatalities)[^.;\\d]{0,30}?(?:remains?|remained|stands?|stood|rose|is|was) (?:at|to)',
    '(?:deaths|dead|fatalities|muertos|fallecidos|v[ií]ctimas mortales)\\s*:',
    '(?:muertos|fallecidos|muertes|v[ií]ctimas mortales|decesos)(?:,[^,.;]{1,30},)? (?:ya )?(?:suman|sumaban|sumaron|ascienden a|ascend[ií]an a|llegan a|llegaron a|superan|superaban|sobrepasan|rondan|rondaban)(?: ya)?',
    'mataron a', 'asesinaron a', 'mat[oó] a', 'asesin[oó] a', '(?:han|ha|hab[ií]an|hab[ií]a) (?:matado|asesinado) a', 'masacre de', 'murieron', 'fallecieron', 'perdieron la vida',
    // the historical present of chronologies ("Ese día mueren 19 personas"), not a habit ("cada año mueren 500 personas")
    '(?<!\\b(?:cada|al|por) (?:año|d[ií]a|mes|semana) )(?:mueren|fallecen|pierden la vida)', 'han (?:muerto|fallecido|perdido la vida)', '(?:fueron|han sido) asesinad[oa]s', 'muertes? de', 'asesinatos? de', 'fallecimientos? de', 'vidas de',
    '(?:cifra|n[uú]mero|balance|saldo)(?: (?:oficial|total|final|provisional|actualizad[oa]|definitiv[oa]|real|verdader[oa]))? de (?:muertos|fallecidos|v[ií]ctimas(?: mortales| fatales)?|muertes|personas (?:fallecidas|muertas|asesinadas))[^.;]{0,160}?(?:a|en|es|de|son)',
    // "cifraba el viernes los muertos en 212", "sitúa el número de fallecidos en 30": the noun told before "en" and its number
    `${COUNT_IN_VERB}(?:los|las|el n[uú]mero de|la cifra de) (?:muertos|fallecidos|v[ií]ctimas(?: mortales| fatales)?|muertes|decesos|personas (?:fallecidas|muertas)) en`,
  ]),
  injured: alt([
    '(?:heridos|lesionados)(?:,[^,.;]{1,30},)? (?:ya )?(?:suman|sumaban|sumaron|ascienden a|llegan a|superan|superaban|sobrepasan|rondan|rondaban)(?: ya)?', 'hiri[oó] a', '(?:han|ha|hab[ií]an|hab[ií]a) herido a', 'wounding', 'wounded', 'injuring', 'injured', 'hurting', 'hirieron a', '(?:injured|wounded|heridos|lesionados)\\s*:', '(?:resultaron|fueron|quedaron|han resultado|han sido) (?:herid|lesionad)[oa]s',
    // "Sufrieron lesiones 45 personas", "han sufrido heridas de bala 12 manifestantes"
    '(?:sufrieron|han sufrido|hab[ií]an sufrido|sufren) (?:lesiones|heridas)(?: de bala| graves| leves| de gravedad)?',
    '(?:cifra|n[uú]mero|balance)(?: (?:oficial|total|final|provisional|actualizad[oa]|definitiv[oa]))? de (?:heridos|lesionados|personas (?:heridas|lesionadas))[^.;]{0,160}?(?:a|en|es|de|son)', 'number of (?:the |those |people )?(?:injured|wounded)[^.;]{0,80}?(?:to|at|is|was|reached|from)',
    `${COUNT_IN_VERB}(?:los|las|el n[uú]mero de|la cifra de) (?:heridos|lesionados|personas (?:heridas|lesionadas)) en`,
  ]),
  detained: alt([
    '(?:detenidos|detenciones)(?:,[^,.;]{1,30},)? (?:ya )?(?:suman|sumaban|sumaron|ascienden a|llegan a|superan|superaban|sobrepasan|rondan|rondaban)(?: ya)?', '(?:han|ha|hab[ií]an|hab[ií]a) (?:detenido|arrestado|capturado|aprehendido) a', 'detaining', 'detained', 'arresting', 'arrested', 'rounded up', 'detuvo a',
    // the plain verb of a headline or after "to" ("Security forces detain 30 activists", "managed to arrest 41 suspects"),
    // not an order, a warrant or a threat to arrest
    '(?<!\\b(?:orders?|warrants?|plans?|threat(?:s|ened)?|vow(?:s|ed)?|sought|seeks?|wants?|asked) to )(?:arrest|detain)', '(?:arrests|arrested|detained|detentions|detenidos|detenciones)\\s*:', '(?:fueron|han sido|resultaron) (?:detenid|arrestad|capturad|aprehendid|encarcelad)[oa]s', 'detuvieron a', 'encarcelaron a', 'encarcel[oó] a', 'capturaron a', 'arrestaron a', 'captur[oó] a', 'arrest[oó] a', 'aprehendi(?:[oó]|eron) a', 'intervino a', 'intervinieron a',
    'detenci[oó]n de', 'arresto de', 'arrests? of', 'detentions? of',
    '(?:cifra|n[uú]mero)(?: (?:oficial|total|final|provisional|actualizad[oa]|definitiv[oa]))? de (?:detenidos|detenciones|arrestos|personas (?:detenidas|arrestadas|aprehendidas))[^.;]{0,160}?(?:a|en|es|de|son)', 'number of (?:the |those |people )?(?:detained|arrested|detainees|arrests|held|in custody)[^.;]{0,80}?(?:to|at|is|was|reached|from)',
    `${COUNT_IN_VERB}(?:los|las|el n[uú]mero de|la cifra de) (?:detenidos|detenciones|arrestos|personas (?:detenidas|arrestadas)) en`,
  ]),
};

/** The count's noun right AFTER it: "elevó a 47 la cifra de fallecidos", "raised to 47 the number of dead". */
export const TOLL_AFTER: Record<FigureKind, RegExp> = {
  deaths: /^\s+(?:la|el|the)\s+(?:cifra|n[uú]mero|balance|saldo|total|number|toll)(?:\s+(?:total|oficial|provisional|overall|official))?\s+(?:de|of)\s+(?:(?:los|las|the)\s+)?(?:[\p{L}]+\s+)?(?:muertos|fallecidos|muertes|v[ií]ctimas(?: mortales| fatales)?|decesos|personas (?:fallecidas|muertas|asesinadas)|dead|deaths|fatalities|people killed|people (?:(?:known|confirmed|reported) to have|who (?:have|had)) (?:died|been killed))(?![\p{L}])/iu,
  injured: /^\s+(?:la|el|the)\s+(?:cifra|n[uú]mero|balance|total|number)(?:\s+(?:total|oficial|provisional|overall|official))?\s+(?:de|of)\s+(?:(?:los|las|the)\s+)?(?:[\p{L}]+\s+)?(?:herid[oa]s|lesionad[oa]s|injured|wounded|people (?:injured|wounded))(?![\p{L}])/iu,
  detained: /^\s+(?:la|el|the)\s+(?:cifra|n[uú]mero|total|number)(?:\s+(?:total|oficial|provisional|overall|official))?\s+(?:de|of)\s+(?:(?:los|las|the)\s+)?(?:[\p{L}]+\s+)?(?:detenid[oa]s|detenciones|arrestad[oa]s|aprehendid[oa]s|capturad[oa]s|detained|arrests|detainees|people (?:detained|arrested))(?![\p{L}])/iu,
};

/** Cleft and copular counts: "Son 42 las personas que han fallecido", "son quince los fallecidos", "cifraba en 460 las personas con lesiones". */
export const CLEFT_BEFORE = /\b(?:(?:ya\s+)?(?:son|eran|fueron|ser[ií]an|suman|sumaban)(?:\s+ya)?|cifr\p{L}+ en|situ\p{L}+ en)\s+$|\b(?:son|eran|fueron|suman)\s+(?:\d[\d.,]*|\p{L}+)\s+(?:los|las)\s+[^,;:]{1,60}?\s+y\s+$/iu;
// ("cifraba en ocho los policías y guardias nacionales muertos": who they were may be two groups, each with an adjective)
const CLEFT_GROUP = '(?:personas|v[ií]ctimas|ciudadanos|manifestantes|j[oó]venes|civiles|m[eé]dicos|periodistas|polic[ií]as|agentes|militares|uniformados|menores|niñ[oa]s|mujeres|estudiantes|guardias|soldados|efectivos)';
// ("son más de 500 los miembros de la Fuerza Pública que sufrieron heridas", "son ya más de 60 los cubanos reportados como
// detenidos": who they were in a few words of any kind, before the casualty word or a "que" clause that has it)
const CLEFT_WHO = `(?:los|las)\\s+(?:${CLEFT_GROUP}(?:\\s+(?:y|e)\\s+${CLEFT_GROUP}(?:\\s+[\\p{L}]+)?)?\\s+|(?:[\\p{L}]+\\s+){1,5}?)?(?:que\\s+(?:[\\p{L}]+\\s+){0,5}?)?`;
export const CLEFT_AFTER: Record<FigureKind, RegExp> = {
  deaths: new RegExp(`^\\s+${CLEFT_WHO}(?:han muerto|han fallecido|(?:han|hab[ií]an) perdido la vida|murieron|fallecieron|perdieron la vida|fallecid[oa]s|muert[oa]s|asesinad[oa]s|v[ií]ctimas mortales|cuyas? muertes?|cuyos? fallecimientos?)(?![\\p{L}])`, 'iu'),
  injured: new RegExp(`^\\s+${CLEFT_WHO}(?:herid[oa]s|lesionad[oa]s|(?:sufrieron|presentan|presentaron|tienen|con)\\s+(?:[\\p{L}]+\\s+){0,2}?(?:lesiones|heridas|daños?|trauma))(?![\\p{L}])`, 'iu'),
  detained: new RegExp(`^\\s+${CLEFT_WHO}(?:detenid[oa]s|arrestad[oa]s|privad[oa]s de libertad)(?![\\p{L}])`, 'iu'),
};
/** "las personas heridas por bombas lacrimógenas son 253", "the dead number 23": the count's noun, then a copula. */
export const COPULA_BEFORE: Record<FigureKind, RegExp> = {
  deaths: /(?:\b(?:fallecid[oa]s|muert[oa]s|muertes|v[ií]ctimas mortales)\b[^.;:,]{0,50}?\b(?:son|eran|fueron|suman|sumaban)(?:\s+(?:en total|ya))?|\b(?:the )?(?:dead|deaths|fatalities) (?:now )?(?:number|numbered|total|totalled|totaled|stand at|stood at))\s+$/iu,
  injured: /(?:\b(?:herid[oa]s|lesionad[oa]s)\b[^.;:,]{0,50}?\b(?:son|eran|fueron|suman|sumaban)(?:\s+(?:en total|ya))?|\b(?:the )?(?:injured|wounded) (?:now )?(?:number|numbered|total|totalled|stand at))\s+$/iu,
  detained: /(?:\b(?:detenid[oa]s|detenciones|arrestos)\b[^.;:,]{0,50}?\b(?:son|eran|fueron|suman|sumaban)(?:\s+(?:en total|ya))?|\b(?:arrests|detentions) (?:now )?(?:number|numbered|total|totalled|stand at))\s+$/iu,
};

/** "claimed 47 lives", "costó la vida a 5 personas": verb before, "lives" after. */
export const LIVES_BEFORE = /(?:claimed|claiming|claims|cost|costing|took|taken|taking|has claimed|have claimed|(?:se\s+)?(?:ha|han|haya|hayan|hab[ií]a|hab[ií]an|hubiera|hubieran)\s+cobrado(?:\s+ya)?|se\s+cobr[oó]|se\s+cobraron|(?:se\s+)?(?:ha|han|hab[ií]a|hab[ií]an)\s+llevado\s+por\s+delante|se\s+llev[oó]\s+por\s+delante|se\s+llevaron\s+por\s+delante)\s+(?:the\s+)?(?:(?:at least|more than|over|al menos|m[aá]s de|unas|unos|casi|cerca de)\s+)?(?:un\s+)?$/iu;
/** "costó la vida a 38 personas", "cost the lives of 12 people", "se cobró la vida de 5": the count whose lives were taken. */
export const LIVES_OF_BEFORE = /\b(?:cost[oó]|costaron|ha costado|han costado|cobr[oó]|cobraron|se cobr[oó]|se cobraron|quit[oó]|quitaron)\s+(?:(?:hoy|ayer|anoche|ya|tambi[eé]n)\s+)?(?:la|las)\s+vidas?\s+(?:a|de)\s+(?:(?:al menos|m[aá]s de|unas|unos|casi|cerca de|por lo menos)\s+)?$|\b(?:cost|claimed|took|taken|costing|claiming)\s+the\s+lives\s+of\s+(?:(?:at least|more than|over|some|about|nearly|almost)\s+)?$/iu;
export const LIVES_AFTER = /^\s+(?:\p{L}+\s+)?(?:lives\b|(?:de\s+)?vidas(?![\p{L}]))/iu;

/** What may follow a number after a before-the-number verb: a person noun, "of", end of clause. */
// ("range from 800 to 1,500", "de 30 a 40": the lower bound of a range, its upper bound after it)
export const AFTER_BEFORE_OK = new RegExp(`^\\s*(?:$|[,.;:)–—-]|${FILLERS}\\b|${GENERIC}(?:\\s|[,.;:]|$)|and\\b|y\\b|in\\b|en\\b|on\\b|during\\b|durante\\b|since\\b|desde\\b|according\\b|seg[uú]n\\b|as\\b|(?:to|a)\\s+\\d)`, 'iu');

/** Words just before the number → qualifier. Longest phrases first. */
/** "los heridos superan los 200", "los detenidos rondan los 2.000": a verb that qualifies the count and also names its kind (kept in the words the kind is read from). */
export const QUALIFYING_VERBS: [RegExp, Qualifier][] = [
  [/\b(?:superan|superaban|super[oó]|sobrepasan|sobrepas[oó]|exceed|exceeded|exceeds)\s+(?:(?:ya|now|already)\s+)?(?:(?:los|las|a)\s+)?$/i, 'more_than'],
  [/\b(?:rondan|rondaban|rond[oó])\s+(?:ya\s+)?(?:(?:los|las)\s+)?$/i, 'approximately'],
];
/**
 * "had more than doubled, from 682 to 1,376", "subió de 40 a 52", "rose by 12 to 45", "aumentó en tres, hasta 48": the new
 * value of a change — exact, not a range's top — whose words before it name what changed (the verbs end in accented
 * letters, so no \b after them).
 */
export const CHANGED_TO_BEFORE = /(?<![\p{L}])(?:rose|risen|rising|increased|climbed|jumped|doubled|tripled|grew|gone up|went up|subi[oó]|aument[oó]|pas[oó]|creci[oó]|se elev[oó]|se increment[oó])(?![\p{L}])[^.;]{0,30}?(?<![\p{L}])(?:(?:from|de)\s+\d[\d,.]*\s+(?:to|a)|(?:by|en)\s+(?:\d[\d,.]*|\p{L}+),?\s+(?:to|a|hasta))\s*$/iu;
export const QUALIFIERS: [RegExp, Qualifier][] = [
  // "no fewer than", "no menos de", "poco menos de": not an upper bound
  // "between 40 and 60 people": the range gives two bounds of one count
  [/\b(?:between|entre)\s+\d[\d,.]*\s+(?:and|y)\s+$/i, 'up_to'],
  // "range from 800 to 1,500", "around 50 to 60 people", "de 50 a 60 muertos": the second number bounds the count
  [/(?:\d[\d,.]*|\b(?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred))\s+(?:to|-|–|a)\s*$/i, 'up_to'],
  [/\b(?:range|ranges|ranged|ranging|oscila|oscilan|va|van)\s+(?:from|de|entre)\s+$/i, 'at_least'],
  [/\b(?:between|entre)\s+$/i, 'at_least'],
  [/(?<!\b(?:no|poco)\s+)\b(?:could be as high as|as high as|up to|as many as|less than|fewer than|hasta un total de|hasta|menos de)\s+$/i, 'up_to'],
  // ("al menos otras dos personas", "a minimum of 904", "un mínimo de 30")
  [/\b(?:at least|a least|at the very least|no (?:less|fewer) than|no menos de|al menos|por lo menos|como m[ií]nimo|cuando menos|a minimum of|un m[ií]nimo de)\s+(?:otr[oa]s\s+|another\s+)?$/i, 'at_least'],
  [/\b(?:more than|over|upwards of|in excess of|above|m[aá]s de|sobre|superior a|well over)\s+$/i, 'more_than'],
  [/\b(?:almost|nearly|just under|casi|poco menos de)\s+$/i, 'almost'],
  [/(?:\b(?:about|around|some|roughly|approximately|approx\.?|an estimated|estimated|(?:estimated|estimates|estima|estim[oó]|calcula|calcul[oó])\s+(?:that|que)|circa|close to|cerca de(?: los| las)?|alrededor de|unos|unas|aproximadamente|aprox\.?|en torno a|a(?:l)?rededor de|cercan[oa] a(?: l[oa]s)?|pr[oó]xim[oa] a(?: l[oa]s)?|(?:total|cifra|balance|n[uú]mero) aproximad[oa] de|approximate (?:total|toll|number) of)|~)\s*$/i, 'approximately'],
];
/** After the number: "600 or more", "100-plus". */
/** "Tres personas, como mínimo, murieron": a hedge set off by commas after the count (sentences.ts masks it). */
export const HEDGE_ASIDE_AFTER = /^(?:\s+\p{L}+){0,2}\s*,\s+(?:como m[ií]nimo|por lo menos|al menos|at least|at the very least)\s*,/iu;
export const QUALIFIER_AFTER: [RegExp, Qualifier][] = [
  // "around 50 to 60 people": the first number of a range is its lower bound
  [/^\s*(?:to|–|-)\s*\d[\d,.]*\s+\p{L}/iu, 'at_least'],
  [/^\s*(?:or more|o más|-plus|plus)\b/i, 'at_least'],
  // "76 muertos como mínimo", "20 dead at the very least"
  [/^\s*(?:\p{L}+\s+){1,2}(?:como m[ií]nimo|por lo menos|at the very least|at a minimum|at least)(?![\p{L}])/iu, 'at_least'],
];

/** Money, units, time spans and ratios right around a number: never a head count. */
export const NOT_COUNT_BEFORE = /(?:\b(?:every|each|cada)\s*$|\b(?:equivalent of|equivalente a|would mean|would be|ser[ií]an?|equivaldr[ií]a a)\s+(?:(?:more than|over|some|about|almost|nearly|m[aá]s de|unos|unas|casi)\s+)?$|[$€£]|US\$|S\/\.?|USD|PEN|soles|dollars|No\.|#|\bage[sd]?(?:\s+(?:of|between|from))?|edad(?:es)? de|article|art[ií]culo|resolution|resoluci[oó]n|law|ley|decree|decreto|km|page|(?<!\b(?:dead|deaths|injured|wounded|arrests)\s)number|n[uú]mero|top|group|grupo|line|phase)\s*$/i;
export const NOT_COUNT_AFTER = /^\s*(?:%|percent|per cent|por ciento|million|billion|millones|mil millones|soles|dollars|d[oó]lares|euros|km|kilomet|miles\b|meters|metros|hours?|horas?|minutes?|days?|d[ií]as|weeks?|semanas|months?|meses|years?|a[ñn]os|decades?|d[eé]cadas?|votes?|votos|a\.m|p\.m|h\b|am\b|pm\b)/i;

/** Right before a date: the day a running count stands at ("al 28 de febrero", "as of Feb. 28", "hasta el 9 de enero"). */
// ("By Friday 18 January the group had verified 12 deaths": "by" a day, the count as it stood then)
export const AS_OF_BEFORE = /\b(?:as of|as at|al|hasta el|corte al|a la fecha del?|con fecha al|by(?:\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?)?)\s+$/i;
/** "que Naciones Unidas contabilizó el pasado 29 de septiembre", "counted … in its assessment of 10 July": the day a tally was
 * taken, so the count is as of it (not that day's toll). */
export const TALLIED_ON_BEFORE = /(?<![\p{L}])(?:contabiliz(?:[oó]|aron|aba|ado)|registr(?:[oó]|aron|aba)|document(?:[oó]|aron)|counted|tallied|recorded|documented|(?:in|en) (?:its|their|his|her|su|sus) (?:assessment|report|update|tally|count|balance|informe|recuento|actualizaci[oó]n)(?: of| del?)?)\s+(?:(?:el|on|as of)\s+)?(?:pasado\s+)?$/iu;

/**
 * Before the first part of a list held by a group of the casualties: "Entre los extranjeros fallecidos hay tres peruanos",
 * "The dead included three soldiers", "Los fallecidos incluyen a dos policías".
 */
const amongHolder = (words: string) =>
  new RegExp(
    `\\b(?:entre|among)\\s+(?:los|las|the|those)\\s+(?:[\\p{L}]+\\s+){0,2}?(?:${words})(?:\\s+[\\p{L}]+){0,2}?\\s*,?\\s+(?:hay|hab[ií]a|son|eran|fueron|figuran|figuraban|se cuentan|est[aá]n|estaban|are|were|was|is|there (?:are|were))\\s+$` +
      `|\\b(?:los|las|the|those)\\s+(?:[\\p{L}]+\\s+){0,2}?(?:${words})\\s+(?:include|included|includes|incluyen|inclu[ií]an|incluyeron)(?:\\s+a)?\\s+$`,
    'iu',
  );
export const AMONG_HOLDER: Record<FigureKind, RegExp> = {
  deaths: amongHolder('fallecid[oa]s|muert[oa]s|v[ií]ctimas(?: mortales| fatales)?|dead|killed|deceased|victims|fatalities'),
  injured: amongHolder('herid[oa]s|lesionad[oa]s|injured|wounded'),
  detained: amongHolder('detenid[oa]s|arrestad[oa]s|detained|arrested|detainees'),
};

/** Between two counts of one kind: a group noun, then "and" ("protesters and", "carabineros y"); no verb between. */
export const COORDINATED_GROUPS = /^\s+(?:(?:dead|injured|wounded|detained|arrested|muertos|muertas|heridos|heridas|detenidos|detenidas)\s+)?(?!(?:people|persons|personas|dead|killed|muertos|fallecidos|heridos|injured|wounded|detained|detenidos)\b)[\p{L}-]+(?:\s+(?:of|de|the|la|las|los|del|or|o)\s+[\p{L}-]+|\s+[\p{L}-]+)?\s+(?:and|y|as well as)\s+(?:(?:at least|al menos|more than|más de|some|about|unos|unas)\s+)?$/iu;

/** A sentence opening on the whole its counts are parts of: "Of those, the ministry said 17…", "Del total de detenidos, 389…". */
export const PART_LEAD = /^\s*["“«]?(?:(?:most|many|half|the majority|the bulk|la mayor[ií]a|la mitad|buena parte|gran parte) (?:of|de) (?:the|those|these|los|las|esos|esas|estos|estas) \p{L}+(?:\s+\p{L}+){0,2}|of (?:those|them|these|whom)(?:\s+\p{L}+)?|de (?:ellos|ellas|estos|estas|esos|esas|los cuales|las cuales)|del total(?:\s+de\s+[^,;.]{1,50})?|de (?:los|las) \p{L}+(?:\s+[^,;.\d]{1,40})?|among them|entre (?:ellos|ellas))\s*,[^.;\d]{0,60}$/iu;
/** Before an earlier value of the count just stated: "up from 19", "from 682 to", "frente a los 19". */
const CHANGED_FROM = String.raw`(?:(?:up|down|rising|risen|rose|increased?|jumped|climbing|doubled)\s+from|frente a (?:los|las))`;
export const EARLIER_VALUE_BEFORE = new RegExp(String.raw`\b(?:${CHANGED_FROM}|desde (?:los|las))\s+$`, 'iu');
/** Between a count and a date: an earlier value of the count ("24, up from 19 two days ago"), which the date is about. */
export const EARLIER_VALUE_BETWEEN = new RegExp(String.raw`\b${CHANGED_FROM}\s+\S+`, 'iu');
/** "revising it to", "raised the figure to", "cifra que luego elevó a", "la corrigió a": a count revised to a new value. */
export const REVISED_TO_BEFORE = /\b(?:(?:revis|rais|updat|increas|lower|correct|adjust|amend|bump|push)\p{L}*\s+(?:(?:it|them|that|this|(?:the|(?:his|her|its|their)(?: own)?) (?:figure|toll|count|number|tally))\s+)?(?:(?:up|down|upwards?|downwards?|later|again)\s+)?to|(?:elev|actualiz|correg|corrig|rebaj|ajust|aument|subi)\p{L}*\s+(?:(?:(?:la|esa|esta) (?:cifra|cuenta)|el (?:balance|n[uú]mero|recuento))\s+|(?:la|lo)\s+)?(?:a|hasta)(?:\s+(?:los|las))?)\s+(?:(?:at least|more than|over|some|about|al menos|m[aá]s de|unos|unas)\s+)?$/iu;
/** "…had more than doubled, from 682 to 1,376": a bare "from" only when a "to" and the new value follow. */
export const FROM_BEFORE = /\b(?:from|de)\s+$/iu;
export const TO_VALUE_AFTER = /^\s+(?:to|a)\s+\d/iu;

/** Scope cues. */
/** From one count to the next in "18 policías han muerto y 748 han resultado heridos", "13 los uniformados muertos y en 353". */
export const COORDINATED_BARE = /^\S+[^.;:()\d]{0,120}?(?:,\s*)?\b(?:y|and)\s+(?:en\s+|a\s+)?(?:(?:at least|al menos|more than|m[aá]s de|otros|otras|another)\s+)?$/iu;
/** A count followed straight by its verb or by its kind's own noun: it names no group of its own. */
export const NO_GROUP_AFTER = /^\s+(?:han|ha|have|has|had|were|was|are|fueron|resultaron|quedaron|murieron|fallecieron|(?:los|las|the)\s+(?:heridos|heridas|muertos|fallecidos|detenidos|injured|wounded|dead|detained)|heridos|lesionados|injured|wounded|detenidos|detained|arrested|muertos|dead|killed)(?![\p{L}])/iu;
/** Who, of all the victims, a count names: "police officers", "civiles", "members of the security forces". */
export const VICTIM_GROUP = String.raw`(?:children|child|minors|medical|health|doctors?|nurses?|paramedics?|journalists?|reporters?|periodistas?|police|police(?:wo)?m[ae]n|police officers?|law enforcement (?:officers?|officials|agents|personnel)|officers?|soldiers?|troops|polic[ií]as?|agentes?|militar(?:es)?|soldados?|efectivos?|civilians|civil(?:es)?|menor(?:es)?|niñ[oa]s?|periodistas?|carabineros?|uniformados?|women|mujeres|girls|niñas|students|estudiantes|foreign(?:ers| nationals)|extranjer[oa]s|members of the (?:security|armed) forces|security (?:forces|personnel|officers)|miembros de (?:la fuerza p[uú]blica|las fuerzas)|guardsmen|militiamen|assailants|attackers|rioters|agresores|atacantes|m[eé]dicos|enfermer[oa]s|sanitarios|param[eé]dicos)`;
export const SUBSET_AFTER_NUMBER = new RegExp(String.raw`^\s*(?:(?:\p{L}+\s+){0,2}?(?:each|apiece|en cada un[oa]|por cada)(?![\p{L}])|(?:were|was|are)\s+among\s+|of (?:its|their|his|her) (?:own )?(?:officers|members|agents|soldiers|staff|personnel)|de sus (?:agentes|miembros|efectivos|funcionarios)|of (?:the|those|these) (?:\p{L}+\s+)?(?:deceased|dead|deaths|victims|killed|killings|fatalities|wounded|injured|detainees|detained|arrested|cases|bodies|corpses)|de (?:los|las|esos|esas|estos|estas) (?:muertes|casos|asesinatos|cuerpos|cad[aá]veres)|of those (?:killed|who died|injured|wounded|arrested|detained)|de los (?:fallecidos|muertos|heridos|lesionados|detenidos|arrestados|v[ií]ctimas)|de las v[ií]ctimas|cases\b|casos\b|(?:were |was |(?:los|las|the) |(?:el|la) (?:n[uú]mero|cifra) de (?:los |las )?)?${VICTIM_GROUP}(?![\p{L}]))`, 'iu');
/** "of the injured", "de los detenidos": the count is a part of a larger one named after it. */
export const PARTITIVE_AFTER = /^\s*(?:(?:were|was|are)\s+among|of\s+(?:the|those|these)|de\s+(?:los|las|esos|esas|estos|estas))(?![\p{L}])/iu;
/** ", 23 of them minors,": a part set off between commas inside the whole's own clause. */
// ("…15 people, two policemen among them, have been killed": who some of them were, after the count)
export const PART_ASIDE = new RegExp(String.raw`,\s+(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|\p{L}+(?:teen|ty)|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)\s+(?:(?:of them|of whom|de ellos|de ellas)\b[^,;:()]{0,50}|(?:\p{L}+\s+){1,3}(?:among them|among whom|entre ell[oa]s)),`
  // "Thirty people, among them five police officers, four soldiers and two journalists, were hurt": a list of parts
  + String.raw`|,\s+(?:including|among them|among whom|entre ell[oa]s|incluid[oa]s?)\s[^;:.]{1,160}?,(?=\s+${ASIDE_VERB})`
  // "Roughly 1,500 people - at least 17 teenagers and about 400 women among them - were killed": the same between dashes
  // (or with the Spanish press's dashes against the words: "más de 500 detenidas —139 de ellas el 25 de noviembre—, …")
  + String.raw`|\s(?:[-–—]\s+|[–—])(?:(?:at least|about|some|more than|al menos|unos|unas|m[aá]s de)\s+)?(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|\p{L}+(?:teen|ty)|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)\s[^-–—;:()]{0,160}?(?:among them|among whom|of them|of whom|entre ell[oa]s|de ell[oa]s)[^-–—;:()]{0,80}[-–—](?=\s+\p{Ll}|,)`
  // "103 —entre ellos, dos menores de edad— corresponden a Almaty": the same with the words opening the aside
  + String.raw`|\s[-–—]\s?(?:among them|including|entre ell[oa]s|incluid[oa]s?),?\s+(?:(?:at least|al menos)\s+)?(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)\s[^-–—;:()]{0,100}?[-–—](?=\s+\p{Ll})`, 'giu');
/** "…y tres, funcionarios militares": a comma for the verb a list of parts leaves out, then who they were. */
export const ELIDED_VERB_AFTER = /^,\s+(?!(?:seg[uú]n|de acuerdo|dijo|dijeron|inform[oó]|a[nñ]adi[oó]|adem[aá]s|mientras|que|cuando|aunque|pero|sin embargo|said|according|while|when|but|however|although)(?![\p{L}]))\p{Ll}/iu;
/** Before a count, the name of a list's next item: ", Civil Hospital ", " and the Trauma Centre ", ", y Matanzas ". */
export const NAMED_ITEM_BEFORE = /(?:,|\b(?:and|y|e))\s+(?:(?:the|el|la|los|las)\s+)?\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:de|del|of)\s+)?\p{Lu}[\p{L}'’-]*){0,4}\s+$/u;
/** After a count, its list item ends: a comma, the list's "and", the sentence's end. */
export const ITEM_END_AFTER = /^(?:\s*[,;.]|\s+(?:and|y|e)\s|\s*$)/u;
/** "one of them", "cinco de ellas" after the count: a part of the people the sentence before named, whoever they were. */
export const PRONOUN_PARTITIVE_AFTER = /^\s*(?:of them|of whom|of those|of these|de ellos|de ellas|de estos|de estas|de esos|de esas)(?![\p{L}])/iu;
/** "Of those, 150 were students", "De ellos, 36…": a sentence opening on a pronoun of the people the sentence before named. */
export const PRONOUN_LEAD = /^\s*["“«]?(?:of (?:those|them|these|whom)|de (?:ellos|ellas|estos|estas|esos|esas|los cuales|las cuales)|among them|entre (?:ellos|ellas))\s*,/iu;
/** "…56 dead, 46 of them in clashes": a part of the count just stated in the sentence. */
export const PART_OF_AFTER = /^\s*(?:of them|of whom|of those|of these|de ellos|de ellas|de los cuales|de las cuales|de estos|de estas)(?![\p{L}])/iu;
export const SUBSET_BEFORE_NUMBER = /(?:(?:^|[.;:,]\s*|\b(?:que|that)\s+)(?:of|de|del|among|entre)\s+(?:the|los|las)\s+[\p{L}\d][\p{L}\d.,]*(?:\s+\p{L}+){0,4},\s*|(?:\b(?:including|among them|among whom|of whom|of which|entre ellos|entre ellas|de los cuales|de las cuales|incluidos|incluidas|incluyendo|comprise|comprised|comprising|consist(?:ed|ing)? of|comprenden|comprend[ií]an|se dividen en|se desglosan en),?\s+(?:(?:figuran|hay|est[aá]n|se cuentan|were|are|there were|there are)\s+)?(?:the\s+)?|\b(?:of|de|del)\s+(?:those|these|them|ellos|ellas|esos|esas|estos|estas|total)(?:\s+\p{L}+){0,2},\s*)|\b(?:del total de|of the total of)\s+(?:(?:los|las|the)\s+)?\p{L}+,?\s*|\b(?:of|de)\s+(?:esa|ese|esta|este|that|this)\s+(?:cifra|total|n[uú]mero|number|figure|tally|count),\s*(?:(?:seg[uú]n|according to|de acuerdo con)\s[^,;.]{1,50},\s*)?)$/iu;
/** Before a list item: a clause opening (",", ":", ";", "and", "y", "while") — a part only with a predicate or place after. */
export const LIST_ITEM_BEFORE = /(?:^|[,:;]\s*|\b(?:and|y|while|mientras que|whereas|otr[oa]s|another|other)\s+|\b(?:and|y)\s+(?:say|says|said|add|adds|added|dicen|dice|dijo|añade|añadió|agrega|agregó)\s+(?:that\s+|que\s+)?|\b(?:comprise|comprises|include|includes|consist of|incluye|incluyen|comprende|comprenden)\s+)$/iu;
/** After a list item: a predicate about the part ("17 were related…", "41 eran civiles", "19 had no connection", "nine more are under…"). */
export const PART_PREDICATE_AFTER = /^\s+(?:more\s+|más\s+)?(?:(?:ya|a[uú]n|todav[ií]a|still|already|also|tambi[eé]n)\s+)?(?:were|was|are|is|had|have|eran|era|son|es|fueron|fue|estaban|están|siguen|permanecen|pertenec\p{L}*|corresponden|correspond\p{L}*|died|occurred|took\s+place|murieron|fallecieron|ocurrieron|se\s+produjeron|se\s+registraron)(?![\p{L}])/iu;
/** A place's share told after it with "con": "en Barinas, con", "Guayas (cuya capital es Guayaquil), con". */
export const PLACE_SHARE_BEFORE = /[\p{Lu}][\p{L}.]*(?:\s*\([^()]{1,40}\))?\s*,\s*con\s+$/u;
/** After a list item: its place ("121 en la capital", "12 in Tipitapa"). */
/** The noun of what an aside right after it breaks down, then the aside's opening and any items before the count. */
export const KIND_NOUN_ASIDE_BEFORE = /\b((?:los|las|the)\s+(?:heridos|heridas|lesionados|muertos|fallecidos|detenidos|injured|wounded|dead|detained|arrested))\s*[-–—(]\s*(?:[^-–—();.]{1,60}?(?:,|\s(?:y|and))\s+)?$/iu;
/** "12 men", "631 hombres": men as a breakdown's group (not a victim group of their own: "five young men were killed" is no part). */
export const MEN_AFTER = /^\s+(?:men|males|hombres|varones)(?![\p{L}])/iu;
/** A death verb right after a detained or injured noun: "(detainees) died in custody", "(heridos) fallecieron después". */
export const DIED_AFTER_NOUN = /^(?:\s+(?:people|persons|personas))?\s+(?:(?:later|also|subsequently|then|have|had|has|posteriormente|tambi[eé]n|luego|despu[eé]s|m[aá]s tarde)\s+)*(?:died|were killed|been killed|murieron|fallecieron|han muerto|han fallecido|perdieron la vida)(?![\p{L}])/iu;
/** Between two counts: the first one's place, then "and" ("…were killed in Narsingdi and ", "…murieron en Santa Fe y "). */
export const PLACE_THEN_AND = /^[^.;:()]{0,100}?\b(?:in|en|at)\s+(?:the\s+|la\s+|el\s+)?\p{Lu}[^.;:()\d]{0,40}?(?:,\s*|\s+)(?:and|y)\s+$/u;
export const PART_PLACE_AFTER = /^\s+(?:en|in|from)\s+(?:la\s+|el\s+|the\s+)?(?:capital|[\p{Lu}])/u;
/** "los cuatro restantes", "the remaining five", "los otros 659": the rest of a whole just stated. */
export const REST_AFTER = /^\s+(?:restantes|remaining|others|more|más)(?![\p{L}])/iu;
/** "Las dos muertes restantes", "the two remaining deaths": a count of its own noun that is the rest of a whole. */
export const REST_NOUN_AFTER = /^\s+\p{L}+\s+(?:restantes|remaining)(?![\p{L}])/iu;
export const REST_BEFORE = /\b(?:the (?:remaining|other|rest of the)|los (?:otros|restantes)|las (?:otras|restantes)|el resto de (?:los|las))\s+$/iu;
/** Before a part held by a place: "Kisumu had two", "followed by Uasin Gishu with four", "en mayo fueron 65". */
export const PART_HOLDER_BEFORE = /(?:\b[\p{Lu}][\p{L}]+(?:\s+[\p{Lu}][\p{L}]+)?(?:\s*\([^)]{1,30}\))?,\s+(?:con|with)|\b[\p{Lu}][\p{L}]+\s+(?:had|recorded|registered|counted|accounted for|tuvo|registró|sumó|contó)|\bfollowed by\s+[\p{Lu}][\p{L} ]{1,30}\s+with|\b(?:en|in)\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|january|february|march|april|may|june|july|august|september|october|november|december),?\s+(?:fueron|were)?)\s*$/u;
/** "perdieron la vida otras 78 personas", "another 12 were killed", "al menos otros dos": counted on top of a count told before. */
export const ANOTHER_BEFORE = /(?<![\p{L}])(?:another|otr[oa]s)\s+(?:(?:at least|al menos|some|unos|unas|about|around)\s+)?$/iu;

/**
 * Before a number: it is the size of a change ("the toll rose by 12 to 45", "el balance creció en seis muertos"): the
 * deaths the count grew by, a part of it (the toll is the value it rose to).
 */
export const INCREMENT_BY_BEFORE = /(?<![\p{L}])(?:rose|risen|increased|climbed|jumped|grew|grown|gone up|went up|fell|dropped|declined|subi[oó]|aument[oó]|creci[oó]|se elev[oó]|se increment[oó]|baj[oó]|disminuy[oó]|cay[oó])(?![\p{L}])\s+(?:by|en)\s+$/iu;

/** After a number: it counts something that is no part of a casualty count ("25 provinces", "3 days"). */
export const NOT_PART_AFTER = /^\s*(?:%|percent|por ciento|provinces?|provincias?|cities|ciudades|towns?|counties|regions?|regiones|departments?|departamentos|days?|d[ií]as|weeks?|semanas|months?|meses|years?|a[ñn]os|decades?|d[eé]cadas?|hours?|horas|votes?|votos|of\s+\d|out of|de\s+\d)(?![\p{L}])/iu;
/**
 * A cause that restricts a count to part of the toll: "by police gunfire", "executed", "por impactos de bala"; a perpetrator
 * told with a hedge or as an attribution ("allegedly killed by police", "atribuidas a agentes del Estado", "a manos de");
 * a status of part of the toll ("nine more are under investigation", "siete en verificación"). Who killed, told plainly
 * ("killed by security forces"), is no restriction: in a crackdown that is often the whole toll.
 */
const CAUSE = '(?:by police (?:gunfire|fire|bullets)|(?:died|murieron|muri[oó]) (?:from|por|de) (?:the impact|el impacto|impactos?|disparos?|heridas de bala|gunshot)|(?:have been|were|has been|was|fueron|han sido) (?:executed|hanged|ejecutad[oa]s|ahorcad[oa]s)|por (?:armas? de fuego|impactos? de bala|disparos|perdigones|balines|balas)(?![\\p{L}])|(?:allegedly|presuntamente|apparently|reportedly|supuestamente)\\s+(?:[\\p{L}]+\\s+){0,3}?(?:by|por|a manos de)\\s|attributed to|atribuid[oa]s a|a manos de|por (?:la )?acci[oó]n de|causad[oa]s (?:presuntamente )?por|perpetrad[oa]s (?:presuntamente )?por|committed by|linked to police|fired by police|under investigation|being (?:examined|investigated)|en verificaci[oó]n|en (?:proceso|etapa) de (?:investigaci[oó]n|verificaci[oó]n)'
  // wounds, accidents, tear gas, falls, vehicles: "treated for gunshot wounds", "dos en accidentes de tránsito", "heridas por bombas lacrimógenas"
  + '|(?:for|with|from|de|por|con) (?:gunshot|bullet|pellet) (?:wounds?|injuries)|(?:in|en) (?:road|traffic) (?:accidents|crashes)|accidentes? (?:de tr[aá]nsito|de tr[aá]fico|viales?)'
  + '|(?:por|de) (?:bombas?|granadas?|gases?|latas?) lacrim[oó]gen\\p{L}*|(?:by|from) tear[- ]gas (?:canisters?|grenades?|shells?)|por ca[ií]das|atropellad[oa]s|arrollad[oa]s|run over'
  // drowning named as the cause ("two deaths that 'occurred by drowning'", "dos muertes por ahogamiento")
  + '|(?:by|from|through) (?:drowning|asphyxia(?:tion)?)|(?:por|de) (?:ahogamiento|asfixia|inmersi[oó]n)'
  + '|(?:at|en) (?:the |los |las )?(?:roadblocks?|blockades?|bloqueos?|barricadas?)(?![\\p{L}]))';
/** A count restricted by its cause (checked after day dates: "two died from gunshot wounds on Feb. 20" is an incident). */
export const CAUSE_CUES = new RegExp(`\\b${CAUSE}`, 'iu');
const BODY = '(?:chest|head|abdomen|back|thorax|neck|torso|face|eye|tórax|torax|cabeza|pecho|espalda|cuello|rostro|ojo)';
export const SUBSET_CUES = new RegExp(`\\b(?:sample|muestra|en sus (?:propias )?filas|entre sus filas|in (?:its|their) (?:own )?ranks|among (?:its|their) (?:own )?ranks|(?:s[oó]lo|solamente|[uú]nicamente) en (?:la ciudad de |la provincia de |el departamento de )?[A-ZÁÉÍÓÚÑ]|only in [A-Z]|(?:remain|remained|still)\\s+(?:in custody|in detention|detained|behind bars|in jail)|(?:permanecen|siguen|contin[uú]an|quedan)\\s+(?:detenid|bajo arresto|en prisi[oó]n|presos|privad)|eye injur\\p{L}*|(?:trauma|lesi[oó]n|lesiones|daño|heridas?) (?:ocular(?:es)?|en (?:los|sus) ojos)|globo ocular|(?:lesiones|heridas|traumas?) oculares|among (?:the )?(?:dead|deceased|killed|victims|injured|wounded|fatalities)|entre (?:los )?(?:muertos|fallecidos|heridos|v[ií]ctimas)|remains? hospitali[sz]ed|remained hospitali[sz]ed|still (?:in hospital|hospitali[sz]ed)|siguen hospitalizad|permanecen hospitalizad|contin[uú]an hospitalizad|(?:shots?|gunshots?|bullets?|gunshot wounds?|bullet wounds?|impactos? de bala|disparos?|balas?|balazos?|perdigones) (?:to|in|on|en|a|al)\\s+(?:the\\s+|his\\s+|her\\s+|their\\s+|el\\s+|la\\s+)?${BODY})`, 'i');
// "between Dec. 7 and …" spans dates; "between 40 and 60 people" is a range of one count
export const CUMULATIVE_CUES = /\b(?:between|entre)\s+(?:el\s+|the\s+)?(?:\d{1,2}\s+(?:de\s+)?)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|dic)\p{L}*(?:[^.;]){0,40}\s(?:and|y)\s|\bbetween\s+(?:the\s+)?(?:(?:19|20)\d{2}\b|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:[^.;]|\.(?=\s?\d)){0,40}\sand\s|\bfrom\s+(?:(?:19|20)\d{2}\b|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*\.?\s+\d)(?:[^.;]|\.(?=\s?\d)){0,40}\s(?:to|until|through)\s|\bentre el\s+\d[^.;]{0,40}\sy el\s|(?:\b(?:as of|corte al|so far|to date|in total|a total of|overall|since|already|in that time|during th(?:at|is) time|the past \d+|over the past|throughout the (?:crisis|protests|unrest|conflict)|death toll|toll|running|cumulative|hasta (?:ahora|la fecha|el momento|hoy)|en lo que va|lo que va del?|a la fecha|en total|desde|ya|suman|sumaron|asciende|ascendi[oó]|acumulad[oa]s?|balance|cifra|total de)\b)|\b(?:have|has|'ve)\s+(?:now\s+|so far\s+|already\s+)?(?:been\s+)?(?:killed|died|perished|lost|claimed|seen|left|injured|wounded|arrested|detained|hurt|hospitali[sz]ed|occurred|happened|taken place|resulted|cost|caused)(?![\p{L}\d])|\b(?:han|ha)\s+(?:muerto|fallecido|sido|dejado|perdido|resultado)(?![\p{L}\d])|’ve\s+(?:killed|been)|\bhad\s+(?:now\s+|so far\s+|already\s+)?(?:been\s+)?(?:killed|died|perished|injured|wounded|arrested|detained|hospitali[sz]ed)(?![\p{L}])/iu;
/** Words that make a count a running one when they govern it: "has so far claimed", "que ya se cobraron", "a total of". */
export const RUNNING_BEFORE = /\b(?:so far|thus far|to date|until now|up to now|already|hasta ahora|hasta el momento|hasta la fecha|en total|in total|a total of|un total de|ya)\b[^,;:]{0,40}$/iu;
export const RUNNING_AFTER = /^[^,;:]{0,40}\b(?:so far|thus far|to date|hasta ahora|hasta el momento|hasta la fecha|en total|in total)(?![\p{L}])/iu;
/** Opening a clause of another happening after a count: "…, after two more died in Cusco", "tras la muerte de dos personas en Cusco". */
export const HAPPENING_OPENS = /[,;]?\s+(?:after|following|when|tras|luego de|despu[eé]s de|cuando)(?![\p{L}])/iu;
/** A stretch opening on a subordinator: its verb, and the day it names, are its own ("tal y como había prometido el jueves"). */
export const SUBORDINATE_OPEN = /^(?:tal (?:y )?como|seg[uú]n (?:lo )?(?:había|habían|ha|han)|como (?:lo )?(?:había|habían|hab[ií]a)|just as|as (?:he|she|they|it) had|after|before|when|while|although|cuando|mientras|despu[eé]s de que|antes de que|luego de que|aunque|a pesar de que|pese a que)(?![\p{L}])/iu;
/** One day's count: "durante toda la jornada", "that night", "the day's death toll". */
export const DAY_CUES = new RegExp(String.raw`\b(?:durante (?:toda )?la jornada|en la jornada|esa jornada|(?:de|en|durante) esta jornada|(?:una|la) jornada (?:electoral|de votaci[oó]n|de protesta|de paro|de movilizaci[oó]n)|ese (?:mismo )?d[ií]a|esa (?:misma )?noche|that (?:same )?day|that (?:same )?night|the same day|(?<!desde )la jornada (?:de (?:ayer|hoy)|del (?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo))|the day['’]s|del d[ií]a|de la jornada|en lo que va de d[ií]a|so far today|earlier today`
  // one night ("52 detenidos durante la noche", "arrested overnight")
  + String.raw`|(?:durante|en) la (?:noche|madrugada)|anoche|esta madrugada|overnight|last night|during the night`
  // one event named in the singular ("injured in the clash", "murieron en el ataque"): plural "clashes" can span weeks
  + String.raw`|(?:in|during)\s+(?:the|that|this|a)\s+(?:clash|raid|attack|shooting|stampede|explosion|blast|ambush|assault|massacre)|(?:en|durante)\s+(?:el|ese|este|un|la|esa|una)\s+(?:enfrentamiento|ataque|tiroteo|operativo|desalojo|asalto|emboscada|balacera|masacre|explosi[oó]n|estampida|incendio)`
  // one protest named in the singular ("arrested over the protest that turned violent", "heridos en la marcha")
  + String.raw`|(?:in|during|at|over|after)\s+(?:the|that|this|a)\s+(?:protest|march|rally|demonstration|sit-in)(?![\p{L}-])|(?:en|durante|tras)\s+(?:la|esa|esta|una)\s+(?:protesta|marcha|manifestaci[oó]n|concentraci[oó]n)(?![\p{L}])`
  // one weekday pointed at ("killed that Sunday", "aquel domingo")
  + String.raw`|(?:that|ese|aquel)\s+${WEEKDAY_RE}`
  // the toll of one operation or attack ("es el trágico saldo del operativo", "the toll from the raid")
  + String.raw`|(?:saldo|balance|toll)\s+(?:del|de la|of the|from the)\s+(?:operativo|ataque|desalojo|enfrentamiento|tiroteo|masacre|asalto|operation|raid|attack|clash|shooting|massacre|assault|crackdown on the)`
  // the dead seen at one place of care or burial ("quince cadáveres en el hospital de campaña", "bodies at the morgue")
  + String.raw`|(?:cad[aá]veres|cuerpos|bodies|corpses)\s+(?:\p{L}+\s+){0,3}?(?:en|at|in)\s+(?:el|la|un|una|the|a)\s+(?:hospital|morgue|mortuary|cl[ií]nica|clinic|mezquita|mosque|dep[oó]sito)`
  + String.raw`)(?![\p{L}])`, 'iu');
/** Right after the number, an increment over an earlier count: "four more deaths", "two more people died", "dos muertos más". */
export const INCREMENT_AFTER = /^\s+(?:(?:more|additional|further)\s+(?:\p{L}+\s+){0,4}?(?:deaths|dead|died|killed|fatalities|injured|wounded|arrests|arrested|detained)|(?:personas\s+)?(?:muertos|muertas|fallecidos|fallecidas|muertes|heridos|heridas|detenidos|detenidas|v[ií]ctimas)\s+(?:m[aá]s|adicionales)|(?:nuev[oa]s|new)\s+(?:muertos|muertes|fallecidos|v[ií]ctimas|heridos|detenidos|detenciones|deaths|fatalities|injuries|arrests))(?![\p{L}])/iu;
/** A window of time short of the whole story: "in the past week alone", "esta semana": a part of the toll. */
/** "Le siguen Kyzylorda, Zhambyl y Almaty, con 21, 10 y 8 fallecidos, respectivamente": paired with places or groups, each a part. */
export const RESPECTIVELY_PARTS = new RegExp(String.raw`\b(?:regions?|provinces?|states?|departments?|cities|districts?|regiones|provincias|estados|departamentos|ciudades|distritos|${VICTIM_GROUP})\b[^.;]*\brespectiv(?:ely|amente)\b`, 'iu');
/** "Entre los agentes del orden, las bajas ascienden a 16 muertos": a sentence that opens on a group counts its victims. */
export const AMONG_GROUP_LEAD = new RegExp(String.raw`^\s*(?:entre|among)\s+(?:los|las|the)\s+(?:${VICTIM_GROUP}|agentes del orden|fuerzas de seguridad|security forces)[^,;:]{0,40},`, 'iu');
export const WINDOW_CUES = /\b(?:in the (?:past|last) (?:week|few days|[1-7] days|(?:two|three|four|five|six|seven) days)|(?:this|last) week|in the space of|alone\b|(?:esta|la [uú]ltima|la pasada) semana|en los [uú]ltimos (?:[1-7]|dos|tres|cuatro|cinco|seis|siete) d[ií]as|en (?:apenas|solo) (?:una semana|\d+ d[ií]as))/iu;
/** "entre el lunes y el jueves", "between Tuesday and Wednesday": a few days of one week, even in a toll's words. */
export const WEEKDAY_SPAN = new RegExp(String.raw`\b(?:between|entre)\s+(?:el\s+)?${WEEKDAY_RE}\s+(?:and|y)\s+(?:el\s+)?${WEEKDAY_RE}(?![\p{L}])`, 'iu');
/** A disease or a natural disaster: deaths it caused are not the story's casualties (ANNOTATION.md's "other conditions"). */
const OTHER_CAUSE = String.raw`(?:pandemi[ac]s?|covid(?:-?19)?|coronavirus|sars-cov-2|dengue|c[oó]lera|cholera|[eé]bola|malaria|influenza|gripe|earthquakes?|terremotos?|sismos?|hurricanes?|hurac[aá]n(?:es)?|floods?|flooding|inundaci[oó]n(?:es)?|landslides?|deslaves?|c[aá]ncer)`;
/**
 * "la pandemia, que ya deja más de 35.000 muertos", "COVID-19 has killed more than 35,000": a death count whose cause,
 * told just before it, is a disease or a disaster ("In the middle of the pandemic, 40 protesters were killed" keeps its
 * count: the cause must be what kills).
 */
export const OTHER_CAUSE_BEFORE = new RegExp(String.raw`(?<![\p{L}])${OTHER_CAUSE}(?![\p{L}])[^.;:\d]{0,12}?\s(?:(?:que|which|that)\s+(?:\p{L}+\s+){0,2}?)?(?:deja|dej[oó]|ha dejado|hab[ií]a dejado|causa|caus[oó]|ha causado|cobra|cobr[oó]|se ha cobrado|ha cobrado|suma|has killed|had killed|killed|kills|has claimed|claimed|has left|left|has caused|caused)(?![\p{L}])[^.;\d]{0,30}$`, 'iu');
/** "35,000 deaths from COVID-19", "murieron de covid", "víctimas del coronavirus", "muertes asociadas a la pandemia". */
export const OTHER_CAUSE_AFTER = new RegExp(String.raw`^\s*(?:[\p{L}-]+\s+){0,3}?(?:from|of|by|due to|related to|linked to|por|de|del|a causa del?|debido al?|relacionad[oa]s con|asociad[oa]s al?|vinculad[oa]s al?)\s+(?:(?:la|el|los|las|the|a|an)\s+)?(?:\p{L}+\s+)?${OTHER_CAUSE}(?![\p{L}])`, 'iu');
/** "The court sentenced 12 protesters to death", "condenó a 12 manifestantes a muerte": a sentence passed around the count, no death. */
export const DEATH_SENTENCE_AROUND = /(?<![\p{L}])(?:sentenc\p{L}*|condemn\p{L}*|conden\p{L}*)(?![\p{L}])[^.;]{0,60}?(?<![\p{L}])(?:to death|to hang|a muerte|a la pena (?:de muerte|capital)|a la horca)(?![\p{L}])/iu;
/** "…12 were sentenced to prison", "3 fueron condenados": what a court did to some of the people counted before. */
export const JUDGED_AFTER = /^\s*(?:more\s+|m[aá]s\s+)?(?:(?:were|have been|had been|was|has been|fueron|han sido|hab[ií]an sido|fue|ha sido)\s+)(?:sentenced|convicted|charged|indicted|tried|acquitted|condenad[oa]s?|procesad[oa]s?|imputad[oa]s?|acusad[oa]s?|juzgad[oa]s?|absuelt[oa]s?|sentenciad[oa]s?)(?![\p{L}])/iu;
/** Not a death count: "sentenced to death", "condenados a muerte", "death sentences". */
export const NOT_DEATHS_AFTER = /^[^.;]{0,40}?\b(?:sentenced to death|death sentences?|on death row|condenad[oa]s a (?:la pena de )?muerte|pena de muerte|penas de muerte)/iu;
/** A body's tally: "había contabilizado", "tallied", "counted". */
export const TALLY_CUES = /\b(?:contabiliz\p{L}*|tallied|tallies|counted|counts|ha registrado|hab[ií]a registrado|has recorded|had recorded)(?![\p{L}])/iu;
/** An inquiry's or an estimate's finding governs the count after it: "found that", "estimates that", "calculan que". */
export const FINDING_BEFORE = /\b(?:found|finds|concluded|concludes|determined|estimated?|estimates|calculan?|calcul[oó]|estiman?|estim[oó]|concluy[oó]|concluye|determin[oó])\s+(?:that|que)\s+[^,;:]{0,60}$/iu;
/**
 * Right after a count of the detained, what became of them instead of their detention: freed, bailed, charged, tried,
 * sentenced, gone missing ("553 de los detenidos han sido excarcelados", "12 have still not been accounted for").
 */
/** "150 people were missing and 32 were confirmed dead", "20 siguen desaparecidos": the missing are no count of the three kinds. */
export const MISSING_AFTER = /^\s+(?:[\p{L}-]+\s+){0,3}?(?:(?:were|are|remain|remained|have been|had been|is|was|still|están|estaban|siguen|seguían|permanecen|fueron|han sido|continúan)\s+){1,2}(?:missing|unaccounted for|desaparecid[oa]s|en paradero desconocido|no localizad[oa]s)(?![\p{L}])/iu;
/** "Authorities released 120 of the 300 detainees", "la jueza dejó en libertad a 20 de los detenidos": the freed are no detention count. */
export const FREED_BEFORE = /(?<![\p{L}])(?:released|freed|releasing|freeing|set free|liber(?:[oó]|aron|ado|ar)|excarcel\p{L}*|solt(?:[oó]|aron)|(?:dej[oó]|dejaron|puso|pusieron|han? dejado|han? puesto) en libertad)(?:\s+a)?\s+(?:(?:at least|al menos|some|unos|unas|about|around|more than|más de|otros|otras|another)\s+)?$/iu;
export const NO_LONGER_HELD_AFTER = /^(?:\s+(?:de|of)\s+(?:los|las|the|those|ellos|ellas|them)(?:\s+[\p{L}-]+){0,2}?)?(?:\s+[\p{L}-]+){0,2}?\s+(?:(?:han|ha|habían|fueron|serán|quedaron|have|has|had|were|will)\s+)?(?:(?:sido|been|be|still|not|aún|ya|todavía|also|también)\s+){0,3}(?:excarcelad[oa]s|liberad[oa]s|puest[oa]s\s+en\s+libertad|recuperad[oa]\s+la\s+libertad|recuperaron\s+la\s+libertad|quedado\s+en\s+libertad|released|freed|set\s+free|bailed|granted\s+bail|charged|indicted|sentenced|acquitted|condenad[oa]s|imputad[oa]s|procesad[oa]s|absuelt[oa]s|presentad[oa]s\s+(?:\p{L}+\s+){0,3}?(?:ante|al?)|pasado\s+a\s+disposici[oó]n|accounted\s+for)(?![\p{L}])/iu;
/** A count over the whole country: "across the country", "nationwide", "a nivel nacional". */
/** "N'Djamena and other cities", "Nairobi y otras ciudades": the place is one of several the count spans. */
const AND_OTHER_PLACES = /^\s*,?\s*(?:and|y|e)\s+(?:(?:in|en|a|to|at)\s+)?(?:other|several|many|various|otras|otros|varias|varios|diversas|diversos|muchas|muchos)\s+(?:\p{L}+\s+)?(?:cities|towns|places|regions|provinces|counties|states|parts|areas|ciudades|localidades|regiones|provincias|departamentos|estados|partes|lugares|zonas|puntos)(?![\p{L}])/iu;
/** "…, N'Djamena, the capital, among them": the place is one of those just named. */
const AMONG_THEM_AFTER = /^[^.;:]{0,40}?\b(?:among them|among others|entre ell[oa]s|entre otr[oa]s)(?![\p{L}])/iu;

/** Between a place and a count: a statement's verb ("In N'Djamena, the government said…"): the place is where it was said. */
export const SAID_BETWEEN = /\b(?:said|says|told|announced|reported|according to|dijo|dice|declar\p{L}*|anunci\p{L}*|inform\p{L}*|seg[uú]n)(?![\p{L}])/iu;
/**
 * A place named as one of several the count spans (the text after it in its clause): not the count's place. (Not "in
 * several cities" before it: "se extendieron a otras zonas, sobre todo a Almaty, donde…" gives Almaty its own count.)
 */
export function oneOfSeveralPlaces(after: string): boolean {
  return AND_OTHER_PLACES.test(after) || AMONG_THEM_AFTER.test(after);
}
export const NATIONWIDE_CUES = /\b(?:across the country|nationwide|countrywide|throughout the country|en todo el pa[ií]s|a nivel nacional)(?![\p{L}])/iu;
/** A clause that spans a period: its dates bound a running count, not one event ("up to December 31": a span's end, not "up to 30"). */
export const SPAN_CUES = /\b(?:(?:between|through|entre)\s+(?:the\s+|el\s+|los\s+d[ií]as\s+)?(?:\d+|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|dic|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)\p{L}*)|since|as of|until|desde|hasta el|hasta la fecha|al \d)\b|\bfrom\s+(?:the\s+)?(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*\b)|\bup\s+(?:to|until)\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*\.?\s+\d|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|(?:the\s+)?end\s+of\b)/iu;
/** "since Friday's combined operation", "desde el operativo del viernes": a span that opens at one recent event. */
export const SINCE_RECENT_EVENT = /\b(?:since\s+(?:last\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)['’]s\s|desde\s+(?:el|la)\s+(?:operativo|ataque|desalojo|enfrentamiento|incursi[oó]n|masacre|choque)\s+(?:del?\s+)?(?:(?:pasado|último)\s+)?(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|ayer)(?![\p{L}]))/iu;
/** "los heridos que dejó el desalojo", "the dead that the raid left": a count an event left, unless the event is the story itself. */
export const LEFT_BY_EVENT = /\b(?:que|which|that)\s+(?:dej[oó]|dejaron|caus[oó]|causaron|left|caused)\s+(?:el|la|los|las|the|this|that|este|esta|ese|esa)\s+(?!(?:\p{L}+\s+)?(?:protest|manifestaci|movilizaci|crisis|estallido|unrest|paro|huelga|revuelta|conflict|disturbio|violencia|violence|represi[oó]n\b|crackdown\b))/iu;
/**
 * Bodies found, recovered or pulled out ("cinco cuerpos calcinados", "confirmó el hallazgo de siete cuerpos", "two bodies were
 * pulled from the lagoon"): one finding, not a running toll, unless a period or a toll word says otherwise.
 */
const BODY_WORD = String.raw`(?:bodies|corpses|cuerpos|cad[aá]veres)`;
const FOUND_WORD = String.raw`(?:found|recovered|discovered|pulled|retrieved|washed up|dumped|hallad[oa]s|encontrad[oa]s|recuperad[oa]s|descubiert[oa]s|rescatad[oa]s|calcinad[oa]s|apilad[oa]s|tirad[oa]s)`;
export const BODIES_FOUND = new RegExp(
  String.raw`\b${BODY_WORD}\s+(?:\S+\s+){0,4}?${FOUND_WORD}(?![\p{L}])`
    + String.raw`|\b(?:hallazgo|descubrimiento|recuperaci[oó]n|aparici[oó]n|discovery|recovery)\s+(?:de|of)\s+(?:\S+\s+){0,3}?${BODY_WORD}(?![\p{L}])`
    + String.raw`|\b(?:hallaron|encontraron|recuperaron|descubrieron|aparecieron|hallaba|found|recovered|discovered|pulled out|retrieved)\s+(?:\S+\s+){0,4}?${BODY_WORD}(?![\p{L}])`,
  'iu',
);
/**
 * A count of bodies, its noun right after it ("trece cadáveres yacen en…", "a witness saw two bodies on Ratchadamri
 * Road"): what was seen or found at one place.
 */
export const BODY_COUNT_AFTER = /^\s+(?:\p{L}+\s+)?(?:bodies|corpses|cuerpos|cad[aá]veres)(?![\p{L}])/iu;
/** Words that make a count of bodies a running one: "since the end of June", "so far", "en total". */
export const RUNNING_OR_SINCE = /\b(?:since|desde|so far|thus far|to date|hasta ahora|hasta el momento|hasta la fecha|en total|in total|a total of|un total de)(?![\p{L}])/iu;
export const INCIDENT_CUES = /\b(?:were|was)\s+(?:\p{L}+ly\s+)?(?:killed|shot|murdered|wounded|injured|hurt|arrested|detained|held|massacred|hospitali[sz]ed)(?![\p{L}\d])|\b(?:died|drowned|perished|suffered|left|leaving|detaining|arresting|killing|wounding|fueron|murieron|muri[oó]|fallecieron|resultaron|sufrieron|dej[oó]|dejaron)(?![\p{L}\d])/iu;
/** Right after the number: "2 deaths in the last 24 hours", "2 fallecidos en las últimas 24 horas": the latest day's count. */
export const RECENT_HOURS_AFTER = /^[^.;,]{0,40}?\b(?:in|over|during|within|en|durante)\s+(?:the\s+|las\s+)?(?:last|past|[uú]ltimas)\s+(?:24|48|twenty-four|veinticuatro)\s+(?:hours|horas)(?![\p{L}])/iu;
/** A superlative measured since a start: "la jornada más violenta desde que…", "the deadliest day since 2019". */
export const SUPERLATIVE_SINCE = /\b(?:m[aá]s\s+\p{L}+|peor|mayor|(?:the\s+)?(?:\p{L}+est|worst|biggest|largest|most\s+\p{L}+))\s+(?:\p{L}+\s+){0,3}?(?:desde|since)\s[^,;.]*/giu;
/** "…en una de las protestas que se suceden desde hace dos semanas", "protests that have gripped the country since May": a
 * span told of another noun in a relative clause, not of the count ("que desde hacía dos meses acampaban"). */
export const RELATIVE_SINCE = /\b(?:que|that|which)\s+(?:[\p{L}]+\s+){0,6}?(?:desde|since)\s[^,;.]*/giu;
/**
 * A period rather than an event: "during the protests", "in the unrest", "during the recent wave of anti-government
 * protests", "durante la oleada de protestas", "en las últimas semanas" (beats verb cues, not dates).
 */
export const PERIOD_CUES = new RegExp(
  String.raw`\b(?:in|over|during|within)\s+(?:the\s+)?(?:first|last|past|following)\s+(?:\p{L}+\s+)?(?:days|weeks|months)\b|\b(?:during|in|throughout|amid|over)\s+(?:the\s+|[\p{Lu}][\p{L}-]*['’]s\s+)?(?:(?:\p{L}+\s+)?(?:days?|weeks?|months?)\s+of\s+)?(?:[\p{L}-]+\s+){0,2}?(?:protests|demonstrations|unrest|crisis|mobilizations|mobilisations|uprising|crackdown|repression|disturbances|riots|rioting|violence)(?![\p{L}\d])|\bin\s+the\s+context\s+of\s+the\s+(?:[\p{L}-]+\s+)?(?:protests|demonstrations|unrest|crisis|mobilizations|mobilisations|strike)(?![\p{L}\d])|\ben\s+el\s+marco\s+de(?:\s+las|\s+los|\s+la|l)\s+(?:\p{L}+\s+)?(?:protestas|manifestaciones|movilizaciones|crisis|paro|estallido)(?![\p{L}\d])|\b(?:in|within|en)\s+(?:less than|under|just|only|menos de|apenas|solo)\s+(?:a|one|two|three|four|five|six|\d+|una|un|dos|tres|cuatro|cinco|seis)\s+(?:weeks?|months?|semanas?|mes(?:es)?)(?![\p{L}\d])|\b(?:durante|en)\s+(?:las|los|la)\s+(?:\p{L}+\s+)?(?:(?:d[ií]as|semanas|meses)\s+de\s+)?(?:protestas|manifestaciones|movilizaciones|crisis|represi[oó]n|disturbios|revueltas|violencia)(?![\p{L}\d])`
  + String.raw`|\b(?:during|in|throughout|amid|over)\s+(?:the|this|a)\s+(?:[\p{L}-]+\s+){0,2}?(?:waves?|rounds?|series|cycle)\s+of\s+(?:[\p{L}-]+\s+){0,2}?(?:protests|demonstrations|unrest|riots|rioting|violence|crackdown|repression|mobili[sz]ations)(?![\p{L}\d])`
  + String.raw`|\b(?:durante|en)\s+(?:la|esta|esa|una)\s+(?:\p{L}+\s+){0,2}?(?:ola|oleada|serie|ronda)\s+de\s+(?:\p{L}+\s+){0,2}?(?:protestas|manifestaciones|movilizaciones|disturbios|violencia|represi[oó]n)(?![\p{L}\d])`
  + String.raw`|\ben\s+(?:las|los)\s+(?:(?:dos|tres|cuatro|cinco|\d{1,2})\s+)?[uú]ltim[oa]s\s+(?:(?:dos|tres|cuatro|cinco|\d{1,2})\s+)?(?:d[ií]as|semanas|meses)(?![\p{L}\d])`, 'iu');
const MOVEMENT = String.raw`(?:unrest|protests|demonstrations|riots|violence|crackdown|repression|uprising|crisis|protestas|manifestaciones|movilizaciones|disturbios|violencia|represi[oó]n|revueltas|estallido|paro)`;
const TOLL_VERB = String.raw`(?:(?:has|have|had)\s+(?:\p{L}+\s+)?(?:left|claimed|killed|caused|cost)|left|claimed|cost|(?:ha|han|hab[ií]a|hab[ií]an)\s+dejado|dejaron|dej[oó]|(?:se\s+)?(?:han|ha)\s+cobrado|se\s+cobraron|se\s+cobr[oó]|cobraron|costaron|caus[oó]|causaron)`;
/**
 * The movement itself as what left the count ("The unrest has also left 90 people injured", "unos disturbios que ya se
 * cobraron 19 vidas", "las 43 víctimas fatales que dejaron las protestas"): its running toll, not one event's — a day,
 * a place or one event named in the clause decides before this does.
 */
export const MOVEMENT_LEFT = new RegExp(String.raw`(?:(?<![\p{L}])(?:the|these|this|las|los|la|el|unos|unas|estas|estos|esas|esos|aquellas|aquellos)\s+(?:\p{L}+\s+){0,2}?${MOVEMENT}\s+(?:(?:que|which|that)\s+)?(?:\p{L}+\s+){0,2}?${TOLL_VERB}|(?:que|which|that)\s+(?:ya\s+|already\s+)?${TOLL_VERB}\s+(?:the|las|los|la|el|esas|esos|aquellas|aquellos)\s+(?:\p{L}+\s+)?${MOVEMENT})(?![\p{L}])`, 'iu');
/** Simple-past verbs before the number ("police detained 12 people"): an event. */
export const PAST_BEFORE = /\b(?:killed|murdered|massacred|shot dead|detained|arrested|wounded|injured|mat[oó] a|asesin[oó] a|hiri[oó] a|mataron a|asesinaron a|detuvieron a|hirieron a|capturaron a|arrestaron a|detuvo a|captur[oó] a|arrest[oó] a|murieron|fallecieron|perdieron la vida|fueron \p{L}+)\s*(?:the\s+)?$/iu;

/** Verbs that make a named body the source of a count: "the Health Ministry said", "informó la Defensoría". */
export const REPORT_VERBS = new RegExp(`\\b${alt([
  'said', 'says', 'reported', 'reports', 'acknowledged', 'confirmed', 'announced', 'stated', 'told', 'counted', 'recorded',
  'registered', 'noted', 'informed', 'indicated', 'estimated', 'put', 'raised', 'updated', 'apologi[sz]ed', 'lamented', 'revealed',
  'explained', 'denounced', 'warned', 'added', 'tallied', 'documented', 'informó', 'reportó', 'confirmó', 'señaló', 'indicó',
  'precisó', 'detalló', 'registró', 'contabilizó', 'elevó', 'elevaron', 'actualizó', 'reconoció', 'dijo', 'afirmó', 'aseguró', 'lamentó', 'denunció',
  'advirtió', 'sostuvo', 'explicó', 'reveló', 'da cuenta', 'reporta', 'informa', 'señala', 'indica',
  'difundió', 'divulgó', 'publicó', 'presentó', 'released', 'published', 'issued',
  // the plural of the Spanish press ("denunciaron este viernes cinco organizaciones", "informaron las autoridades")
  'informaron', 'reportaron', 'confirmaron', 'señalaron', 'indicaron', 'precisaron', 'detallaron', 'registraron', 'contabilizaron',
  'actualizaron', 'reconocieron', 'dijeron', 'afirmaron', 'aseguraron', 'lamentaron', 'denunciaron', 'advirtieron', 'sostuvieron',
  'explicaron', 'revelaron', 'difundieron', 'divulgaron', 'publicaron', 'presentaron', 'informan', 'reportan', 'señalan', 'indican', 'denuncian',
  // perfect and pluperfect ("había adelantado que…", "ha informado"), and "adelantó" (told ahead of a report)
  'adelantó', 'adelantaron', 'adelantado', 'informado', 'dicho', 'señalado', 'sostenido', 'afirmado', 'asegurado', 'reconocido', 'confirmado', 'reportado', 'denunciado',
])}(?![\\p{L}])`, 'iu');

/** Sources: [pattern, canonical name, official]. First match in the sentence before the number wins. */
export const SOURCES: [RegExp, string, boolean][] = [
  [/\b(?:health ministry|ministry of health|minsa|ministerio de salud)\b/i, 'Health Ministry', true],
  [/\b(?:UN human rights office|OHCHR|UN High Commissioner for Human Rights|Office of the UN High Commissioner|United Nations|the UN|la ONU|Naciones Unidas)\b/, 'United Nations', false],
  [/\bdefensor[ií]a(?: del pueblo)?(?![\p{L}])/iu, 'Defensoría del Pueblo', true],
  [/\b(?:ombuds(?:man|person|woman)(?:'s|’s)? office|ombuds(?:man|person|woman)|people'?s defender|human rights office)\b/i, 'Ombudsman', true],
  [/\b(?:interior ministry|ministry of (?:the )?interior|ministerio del interior|mininter)\b/i, 'Interior Ministry', true],
  [/\b(?:attorney general(?:'s|’s)? office|prosecutor(?:'s|’s)? office|public ministry|fiscal[ií]a(?: de la naci[oó]n)?|ministerio p[uú]blico)\b/i, 'Prosecutor’s Office', true],
  [/\b(?:prime minister|primer ministro|premier)\s+(?:[\p{Lu}][\p{L}’'-]+\s?){1,3}/u, '', true],
  [/\b(?:[Pp]resident(?:e|a)?)\s+(?:[\p{Lu}][\p{L}’'-]+\s?){1,3}/u, '', true],
  [/\b(?:national police|polic[ií]a nacional|pnp|police (?:said|say|reported|report|chief|officials?|sources?)|la polic[ií]a)\b/i, 'Police', true],
  [/\b(?:the army|the military|armed forces|joint command|ej[eé]rcito|fuerzas armadas|comando conjunto)\b/i, 'Armed Forces', true],
  [/\b(?:the government|el gobierno|gobierno peruano|the executive|el ejecutivo|officials said|authorities said|las autoridades|autoridades)\b/i, 'Government', true],
  [/\b(?:IACHR|Inter-American Commission on Human Rights|CIDH|Comisi[oó]n Interamericana)\b/i, 'IACHR', false],
  [/\b(?:Amnesty International|Amnist[ií]a Internacional)\b/i, 'Amnesty International', false],
  [/\b(?:Human Rights Watch|HRW)\b/, 'Human Rights Watch', false],
  [/\b(?:CNDDHH|Coordinadora Nacional de Derechos Humanos|National Coordinator (?:for|of) Human Rights)\b/i, 'CNDDHH', false],
  [/\b(?:Red Cross|Cruz Roja|ICRC|CICR)\b/i, 'Red Cross', false],
];
/** "according to X" / "según X": the name that follows, when no table entry matched. */
export const ACCORDING_TO = /\b(?:[Aa]ccording to|per|citing|[Ss]eg[uú]n|[Dd]e acuerdo (?:con|a)|reported by)\s+(?:the\s+|el\s+|la\s+|los\s+|las\s+)?((?:[\p{Lu}][\p{L}’'.-]*\s?(?:(?:of|de|del|la|for|the)\s)?){1,6})/u;

// Lone articles and coordinated counts (figures.ts builds its after-the-number patterns from these).
/** "un muerto", "un manifestante murió", "un policía ha muerto": "un/una" counts only right before a casualty. */
export const WEAK_PERSON = '(?:persona|v[ií]ctima|manifestante|polic[ií]a|agente|menor|joven|comunero|civil|soldado|militar|estudiante|hombre|mujer|niñ[oa]|poblador|ciudadano|rondero|dirigente|periodista|efectivo|conductor|trabajador|adolescente|beb[eé])';
/** "a protester was killed", "an 18-year-old student died": English "a/an" needs a person noun. */
export const ARTICLE_PERSON = '(?:\\d{1,2}-year-old\\s+|young\\s+|fellow\\s+)?(?:protester|protestor|demonstrator|person|man|woman|boy|girl|child|teenager|youth|student|police officer|policeman|officer|soldier|journalist|reporter|farmer|civilian|resident|bystander|driver|worker|medic|paramedic|nurse|doctor)';
export const WEAK_AUX = '(?:was|has been|had been|has|had|reportedly|also|later|han|ha|fue|fueron|resultó|resultaron|quedó|quedaron|habría|también|más)';
/** "40 civilians and one police officer have died": a coordinated second count shares the verb. */
export const COORD = '(?:and|y|as well as|to|–)\\s+(?:\\d[\\d,.]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)';

/** "NAIROBI, July 25 (Reuters) - ", "LIMA (EFE).- ", "PUNO.- ", "JULIACA, Peru (AP) — ", "LIMA. ": the dispatch's city and date. */
export const DATELINE = /^[\p{Lu}][\p{Lu} .'’-]{2,}[^\n]{0,60}?(?:\s[-–—]|\)\.?\s?[-–—])\s|^[\p{Lu}][\p{Lu} ]{2,}(?:,[^\n(]{0,40}?)?\s*(?:\([^)\n]{0,30}\))?\s*\.?\s?[-–—]+\s/u;
/** "Bogotá, 15 dic (EFE).- ", "El Cairo, 14 ago (EFE).- ": a wire's dateline with its city in title case, told by its agency's bracket. */
const TITLE_CASE_DATELINE = /^[\p{Lu}][\p{L}'’-]+(?:\s[\p{L}'’-]+){0,3},\s+\d{1,2}\s+(?:de\s+)?(?:ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic|jan|apr|aug|dec)\p{L}{0,7}\.?(?:\s+(?:de\s+)?\d{4})?\s+\([^)\n]{1,30}\)\s*\.?\s?[-–—]+\s/u;
/** A dispatch's dateline on a line of its own: "Yamena, 20 oct 2022 (AFP)", "Tegucigalpa (EFE), 22 de enero de 2020". */
export const DATELINE_LINE = /^[\p{Lu}][\p{L}'’-]+(?:\s[\p{L}'’-]+){0,3}(?:\s+\([^)\n]{1,30}\))?,\s+\d{1,2}\s+(?:de\s+)?(?:ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic|jan|apr|aug|dec)\p{L}{0,7}\.?(?:\s+(?:de\s+)?\d{4})?(?:\s+\([^)\n]{1,30}\))?\s*\.?$/u;
export function datelineLength(s: string): number {
  return (DATELINE.exec(s) ?? TITLE_CASE_DATELINE.exec(s) ?? CITY_STOP_DATELINE.exec(s))?.[0].length ?? 0;
}

// Context cues for place and date.
export const NOT_PLACES = /^(?:Peru|Perú|the|The|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Congress|Latin|South)$/;

/** "said on Monday", "informó el lunes": the date of a statement, which dates the count but is not an event. */
// ("dijo que el lunes murieron…", "said that on Monday…": a date after "que"/"that" is the told fact's, not the telling's)
export const STATEMENT_DATE = new RegExp(`(?:${REPORT_VERBS.source})(?:\\s+(?:reporters|journalists|a la prensa|(?!(?:que|that)\\s)\\p{L}+))?\\s+$`, 'iu');

/** "the Puno area, where most of the 60 deaths … occurred": the count is larger than the place. */
export const MOST_OF_BEFORE = /\bwhere\s+(?:most|many|the (?:majority|bulk)|half|much)\s+of\s+(?:the\s+)?$|\bdonde\s+(?:se\s+)?(?:concentra|registra)\w*\s+(?:la mayor[ií]a|gran parte)\s+de\s+(?:los|las)\s+$/i;

/** A toll noun right before the count: "dejó un saldo cercano a las 30 muertes", "a toll of 12 dead", "un balance de 40 heridos". */
export const TOLL_NOUN_BEFORE = /\b(?:saldo|balance|toll|tally)(?:\s+(?:\p{L}+\s+){0,2}?(?:de|a|of|at))?\s+(?:l[oa]s\s+)?$/iu;
/** After a list and a colon: ": ese fue el saldo que dejó…", ": that was the toll of…". */
export const TOLL_RESTATED_AFTER = /^[:;]\s*(?:ese|este|tal|that|this|such)\s+(?:fue|es|era|was|is)\s+(?:el|the)\s+(?:saldo|balance|toll|cost|costo|resultado)\b/iu;
/** "dejó un muerto y 25 heridos": "un"/"una" right before a casualty noun is the number one, not an article. */
export const ONE_CASUALTY_AFTER = /^\s+(?:muert[oa]|herid[oa]|fallecid[oa]|lesionad[oa]|detenid[oa]|arrestad[oa]|v[ií]ctima mortal)(?![\p{L}])/iu;
/** After "one"/"uno": "of them a community leader," — who one of them was, with no verb of its own before the comma. */
export const WHO_ONE_WAS_AFTER = /^\s+(?:of them|of whom|de ell[oa]s|de quienes)\s+(?!(?:\p{L}+\s+){0,3}?(?:was|were|is|had|has|died|drowned|murió|muri[oó]|falleci[oó]|fue|era|result[oó]|qued[oó]|perdi[oó]|recibi[oó]|sufri[oó]|ha|había)(?![\p{L}]))(?:\p{L}+\s*){1,6},/iu;

/** "La violencia en esa entidad ha dejado siete muertos", "in that province": the place named just before, by a pointer. */
// ("Allí se sumaron 89 fallecidos": Spanish "allí" / "ahí" always point at a place; English "there" is also "there were")
export const PLACE_POINTER = /(?<![\p{L}])(?:(?:en|in)\s+(?:esa|esta|dicha|aquella|la misma|that|this|the same)\s+(?:entidad|regi[oó]n|ciudad|provincia|estado|departamento|localidad|zona|municipio|comunidad|state|region|city|province|town|area|district|county)|all[ií]|ah[ií])(?![\p{L}])/iu;

/**
 * "Ekurhuleni was worst hit, with 18 people killed", "El Norte es el departamento más castigado, con 9 muertos", "La
 * Habana encabeza la lista con 439 arrestos": the count of the place or group hit hardest, a part of the toll.
 */
export const WORST_HIT_BEFORE = /(?<![\p{L}])(?:(?:worst|hardest|most)[- ](?:hit|affected)|m[aá]s\s+(?:castigad[oa]s?|afectad[oa]s?|golpead[oa]s?|azotad[oa]s?)|encabeza(?:ba|n|ban)?\s+(?:la\s+)?lista|(?:tops?|topped|leads?|led)\s+the\s+list)(?![\p{L}])[^.;]{0,40}?(?<![\p{L}])(?:with|con)\s+(?:\p{L}+\s+){0,2}$/iu;
/** "1.600 heridos han recibido atención en ese hospital": the patients of one hospital, a part of the count. */
export const FACILITY_POINTER = /(?<![\p{L}])(?:en|at|in)\s+(?:ese|este|dicho|aquel|el mismo|esa|esta|dicha|la misma|that|this|the same)\s+(?:hospital|centro (?:m[eé]dico|de salud)|cl[ií]nica|clinic|morgue|mortuary)(?![\p{L}])/iu;

/**
 * Detainees counted at one place of detention: "The Zeway centre holds 3,048 detainees", "4,329 people are detained at the
 * Tolay military camp", "At centres in Dila and Yirgalem, 2,114 people are being held", "en el penal de X permanecen 56":
 * a breakdown of the arrests by where they are held, not the whole.
 */
const DETENTION_PLACE = String.raw`(?:(?:detention|military|police|training|rehabilitation)\s+)?(?:centres?|centers?|camps?|prisons?|jails?|penitentiar(?:y|ies)|facilit(?:y|ies)|barracks|police stations?|penal(?:es)?|c[aá]rcel(?:es)?|prisi[oó]n|prisiones|reclusorios?|centros?\s+(?:de\s+(?:detenci[oó]n|reclusi[oó]n|readaptaci[oó]n)|penitenciarios?)|comisar[ií]as?|cuartel(?:es)?|campamentos?)`;
export const DETENTION_PLACE_CUE = new RegExp(
  // (a named place: "the Tolay military camp", "el penal de Miahuatlán"; "remain in prison" says how, not where)
  String.raw`\b(?:the|el|la)\s+(?:[\p{Lu}][\p{L}'’-]*\s+){1,3}${DETENTION_PLACE}\s+(?:holds|held|houses|housed|alberga|albergaba)\b`
    + String.raw`|\b(?:held|detained|being held|kept|locked up|recluid[oa]s|retenid[oa]s|encarcelad[oa]s|pres[oa]s|permanecen|siguen)\s+(?:at|in|en)\s+(?:the\s+|el\s+|la\s+|los\s+|las\s+)?(?:(?:[\p{Lu}][\p{L}'’-]*\s+){1,3}${DETENTION_PLACE}|${DETENTION_PLACE}\s+(?:of|de|del)\s+\p{Lu})`
    + String.raw`|^\s*(?:at|in|en)\s+(?:the\s+|el\s+|la\s+|los\s+|las\s+)?(?:[\p{L}'’-]+\s+){0,3}?${DETENTION_PLACE}\s+(?:(?:in|at|of|de|del)\s+)?\p{Lu}`,
  'iu',
);

/** "En esos cuatro días hubo 161 detenciones", "in those three days": a stretch of days just told, not the whole story. */
export const DAYS_POINTER = /(?<![\p{L}])(?:en|durante|in|during|over)\s+(?:esos|estos|aquellos|esas|estas|those|these)\s+(?:\d+|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|two|three|four|five|six|seven|eight|nine|ten)\s+(?:d[ií]as|jornadas|semanas|horas|days|weeks|hours)(?![\p{L}])/iu;

/**
 * A city's or province's own authority ("la Policía Metropolitana", "the mayor", "la gobernación"): its counts are local.
 * ("mayor" only in English company: in Spanish it is "greater", "el mayor número de muertos")
 */
export const LOCAL_AUTHORITY = /(?<![\p{L}])(?:polic[ií]a metropolitana|metropolitan police|alcald[ií]a|alcalde(?:sa)?|gobernaci[oó]n|gobernador(?:a)?|intendent[ea]|(?:the|city|town) mayor|mayor of|mayor['’]s office|governor|city hall|county (?:police|officials))(?![\p{L}])/iu;

/** "the 24 deaths", "los 24 fallecidos": a number named with a definite article, a count already told. */
export const DEFINITE_BEFORE = /(?<![\p{L}])(?:the|los|las|these|those|estos|estas|esos|esas)\s+$/iu;

/** "Of the 39 people killed, 17 died in Nairobi": the first count is the whole, the next one a part. */
export const OF_THE = /^\s*(?:of|de|among|entre)\s+(?:the|los|las|these|those|estos|estas)\s+$/i;

/** Words before a place that share a count out over places ("most of them in Puno", "la mayoría en Puno"). */
export const SHARE_OUT_BEFORE = /\b(?:most|many|the (?:majority|bulk)|la mayor[ií]a|gran parte|muchos|muchas)\s+(?:[a-záéíóúñ]+\s+){0,3}?(?:in|en)\s+(?:the\s+|la\s+|el\s+)?(?:[a-záéíóúñ]+\s+(?:and|y)\s+(?:[a-záéíóúñ]+\s+)?)?$|\b(?:most|many|some|half|all|the (?:majority|bulk)|several)\s+of\s+(?:them|whom|those|these)\b[^.;:]{0,50}$|\b(?:mostly|mainly|chiefly|primarily)\b[^.;:]{0,30}$|\b(?:la mayor[ií]a|gran parte|muchos|muchas)\b(?:\s+de\s+(?:ellos|ellas))?[^.;:]{0,50}$|\bprincipalmente\b[^.;:]{0,30}$/i;

/** A lower-case administrative word after a place's name: "Tehran province (11)", "Kano state (36)". */
export const ADMIN_UNIT = /(?:province|state|county|region|district|department|city|provincia|estado|departamento|regi[oó]n|distrito|municipio|ciudad)/u;

/** "The authorities, for their part, have reported…", "El Cenidh, por su parte, …": another voice than the one before. */
export const OTHER_VOICE = /(?<![\p{L}])(?:for (?:its|their|his|her) part|on the other hand|por su parte|en cambio|por otro lado)(?![\p{L}])/iu;

/** ", cientos de los cuales siguen en prisión", ", most of whom were released": a relative clause about a part of the count before it. */
export const PART_TAIL = /,\s*(?:[\p{L}\d.,]+\s+){0,3}?(?:de los cuales|de las cuales|entre los cuales|entre las cuales|of whom|of which|among whom)(?![\p{L}])/iu;

/** ", entre ellos Roman Bondarenko, que falleció el 12 de noviembre", ", including two who died on Monday": where the parts of
 * the count before it begin (a day told after it is a part's). */
export const PARTS_FOLLOW = /,\s*(?:including|among them|among whom|of whom|among others|entre ell[oa]s|entre otr[oa]s|entre los cuales|entre las cuales|de los cuales|de las cuales|incluid[oa]s?|incluyendo)(?![\p{L}])/iu;

/** Right after a number, a group of people ("8 police officers", "43+ soldiers"), not another kind of case ("12 casos"). */
export const GROUP_AFTER = new RegExp(String.raw`^\+?\s*${VICTIM_GROUP}(?![\p{L}])`, 'iu');
/** "Police killed 40 protesters, along with eight police officers": another group of the same count, told after it. */
export const ALONG_WITH_BEFORE = /\b(?:along with|together with|as well as|junto (?:a|con)|adem[aá]s de)\s+(?:(?:at least|al menos|some|unos|unas|otros|otras)\s+)?$/iu;
