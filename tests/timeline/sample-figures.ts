// Hand-built StoredFigure list mirroring the sample corpus (tests/fixtures/seeds/seeds-gold.json): what the
// figures extractor should store for it. Used by the /deaths reconciliation and chart tests.
import type { ExtractedFigure } from '../../src/facts/types.ts';
import type { StoredFigure } from '../../src/timeline/types.ts';

type Src = StoredFigure['source'];
const SRC: Record<string, Src & { id: number }> = {
  globalSouth: { id: 1, title: 'Peru: Protesters Heading to Lima to Protest Against President', url: 'https://example.org/global-south', source: 'Global South', published: '2023-01-16T00:00:00Z' },
  popres: { id: 2, title: 'Protests Mark One Year Anniversary Of Coup Regime In Peru', url: 'https://popularresistance.org/peru', source: 'Popular Resistance', published: '2023-12-08T00:00:00Z' },
  popresJuly: { id: 3, title: 'Peruvians Take Over Lima, Continue To Pressure Boluarte Coup Regime', url: 'https://popularresistance.org/peru-lima', source: 'Popular Resistance', published: '2023-07-20T00:00:00Z' },
  dispatch: { id: 4, title: 'Perú’s Dictatorship Shows True Colours', url: 'https://popularresistance.org/peru-dictatorship', source: 'Peoples Dispatch', published: '2022-12-27T00:00:00Z' },
  naked: { id: 5, title: 'Why Are US Military Personnel Heading to Peru?', url: 'https://www.nakedcapitalism.com/2023/05/peru.html', source: 'naked capitalism', published: '2023-05-26T00:00:00Z' },
  counterpunch: { id: 6, title: 'Indigenous Rebellion Continues as Post-Coup Peruvian Government Flounders', url: 'https://www.counterpunch.org/2023/03/10/peru', source: 'CounterPunch', published: '2023-03-10T00:00:00Z' },
  sputnik: { id: 7, title: 'Peru’s Congress Refuses Early Elections, Heightening Tensions as Protests Rage', url: 'https://sputnik.example/20230202', source: 'Sputnik', published: '2023-02-02T00:00:00Z' },
  rt: { id: 8, title: 'State of emergency declared in Peru amid deadly protests', url: 'https://www.rt.com/news/peru-emergency', source: 'RT', published: '2023-01-15T00:00:00Z' },
  samizdat11: { id: 9, title: 'Genocide Investigation Launched Against Peruvian Authorities Following Massacre', url: 'https://samizdat.example/20230111', source: 'Samizdat', published: '2023-01-11T00:00:00Z' },
  kawsachun: { id: 10, title: 'Peru: General Strike Continues Despite Repression', url: 'https://kawsachunnews.example/strike', source: 'Kawsachun News', published: '2023-01-09T00:00:00Z' },
  samizdat10: { id: 11, title: 'Peru Mourns ‘Massacre’ of 17 as Calls Grow for US-Backed ‘Coup Regime’ to Step Down', url: 'https://samizdat.example/20230110', source: 'Samizdat', published: '2023-01-10T00:00:00Z' },
  telesur: { id: 12, title: '25 Peruvians Murdered in a Week of Intense Repression', url: 'https://www.telesurenglish.net/news/peru-25', source: 'teleSUR', published: '2022-12-19T00:00:00Z' },
  c99: { id: 13, title: "The poor in Peru won't back down in face of bloody crackdown", url: 'https://caucus99percent.com/peru', source: 'caucus99percent', published: '2023-01-23T00:00:00Z' },
};

function fig(src: keyof typeof SRC, f: Partial<ExtractedFigure> & Pick<ExtractedFigure, 'value' | 'quote'>): StoredFigure {
  const { id, ...source } = SRC[src]!;
  return {
    kind: 'deaths',
    qualifier: 'exact',
    scope: 'cumulative',
    location: null,
    region: null,
    asOf: null,
    asOfPrecision: 'day',
    attribution: null,
    official: false,
    ...f,
    documentId: id,
    source,
  };
}

export function sampleFigures(): StoredFigure[] {
  return [
    fig('telesur', {
      value: 25, asOf: '2022-12-18', attribution: 'Health Ministry', official: true,
      quote: 'On Sunday, Peru’s Health Ministry acknowledged that 25 people have died during the protests',
      byRegion: [
        { region: 'Ayacucho', value: 9 }, { region: 'Apurimac', value: 6 }, { region: 'Cusco', value: 3 },
        { region: 'Junin', value: 3 }, { region: 'La Libertad', value: 3 }, { region: 'Arequipa', value: 1 },
      ],
    }),
    fig('telesur', { kind: 'injured', value: 287, asOf: '2022-12-18', attribution: 'Health Ministry', official: true, quote: 'The Health ministry also reported 287 injured people who have already been discharged.' }),
    fig('dispatch', { value: 30, qualifier: 'almost', asOf: '2022-12-26', asOfPrecision: 'week', quote: 'the repression of which has resulted in almost 30 deaths in less than three weeks' }),
    fig('kawsachun', { value: 30, qualifier: 'more_than', asOf: '2023-01-09', quote: 'The regime of Dina Boluarte has killed more than 30 protesters' }),
    fig('rt', { value: 47, asOf: '2023-01-13', attribution: 'President Dina Boluarte', quote: 'On Friday, President Dina Boluarte apologized to the nation for the violence that has so far claimed 47 lives.' }),
    fig('globalSouth', { value: 48, asOf: '2023-01-16', asOfPrecision: 'week', quote: 'The latest numbers are that 48 protestors (it started non-violently and only lately the protestors started breaking things down) have been killed' }),
    fig('globalSouth', { value: 46, asOf: '2023-01-16', asOfPrecision: 'week', quote: 'They’ve killed 46 protesters in that time.' }),
    fig('c99', { value: 55, qualifier: 'more_than', asOf: '2023-01-23', asOfPrecision: 'week', quote: 'Despite more than 55 people killed by security forces' }),
    fig('sputnik', { value: 60, qualifier: 'approximately', asOf: '2023-02-02', quote: 'protests that have already seen around 60 demonstrators killed by security forces' }),
    fig('counterpunch', { value: 60, asOf: '2023-03-10', asOfPrecision: 'week', quote: 'most of the 60 deaths caused by violent repression have occurred' }),
    fig('naked', { value: 70, qualifier: 'approximately', asOf: '2023-05-26', quote: 'unleashed a brutal crackdown that culminated in the deaths of approximately 70 people' }),
    fig('popresJuly', { value: 80, qualifier: 'more_than', asOf: '2023-07-19', asOfPrecision: 'week', quote: 'get justice for the more than 80 Peruvians killed and  thousands injured and imprisoned since the start of the coup on 7 December 2022' }),
    fig('popres', { value: 100, qualifier: 'more_than', asOf: '2023-12-07', quote: 'now has the blood of over 100 martyrs on its hands' }),
    // Incidents: Juliaca, 2023-01-09
    fig('counterpunch', { value: 19, scope: 'incident', location: 'Juliaca', region: 'Puno', asOf: '2023-01-09', quote: 'with 19 protesters having been killed on January 9 in Juliaca' }),
    fig('rt', { value: 18, scope: 'incident', location: 'Puno', region: 'Puno', asOf: '2023-01-09', asOfPrecision: 'week', quote: 'The restrictions were imposed after violent clashes left 18 people dead in the region.' }),
    fig('samizdat11', { value: 12, qualifier: 'more_than', scope: 'incident', location: 'Juliaca', region: 'Puno', asOf: '2023-01-09', quote: 'after over a dozen Peruvians were killed in confrontations with security forces' }),
    fig('samizdat11', { value: 17, qualifier: 'at_least', scope: 'incident', location: 'Juliaca', region: 'Puno', asOf: '2023-01-09', quote: 'left at least 17 Peruvians dead in the Southern city of Juliaca Monday' }),
    fig('samizdat10', { value: 17, scope: 'incident', location: 'Juliaca', region: 'Puno', asOf: '2023-01-09', quote: 'for the 17 people killed Monday' }),
    fig('samizdat10', { value: 1, scope: 'subset', location: 'Juliaca', region: 'Puno', asOf: '2023-01-09', quote: 'one medical worker was killed while administering aid' }),
    // Ilave, 2023-03-05 (one drowned)
    fig('counterpunch', { value: 1, scope: 'incident', location: 'Ilave', region: 'Puno', asOf: '2023-03-05', quote: 'one of them drowned and five others disappeared' }),
    // Subsets and a pre-story figure that must not enter the toll
    fig('globalSouth', { value: 10, qualifier: 'at_least', scope: 'subset', location: 'Ayacucho', region: 'Ayacucho', quote: 'the military shot with the intent to kill in at least 10 cases of citizens killed during protests' }),
    fig('naked', { value: 3, asOf: '2019-05-01', quote: 'an old count from before the crisis' }),
  ];
}
