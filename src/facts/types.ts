/** What extraction reads: one stored document. */
export interface FactInput {
  title: string | null;
  text: string;
  /** ISO date-time or null; relative dates ("Monday", "last week") anchor on it. */
  published: string | null;
  /** 'en', 'es', … or null when unknown (try both). */
  language: string | null;
}

export type FigureKind = 'deaths' | 'injured' | 'detained';
export type Qualifier = 'exact' | 'at_least' | 'more_than' | 'approximately' | 'almost' | 'up_to';
export type Scope = 'cumulative' | 'incident' | 'subset';
export type Precision = 'day' | 'week' | 'month' | 'year';

/** A casualty figure as one sentence states it. */
export interface ExtractedFigure {
  kind: FigureKind;
  value: number;
  qualifier: Qualifier;
  scope: Scope;
  /** Most specific place named for it ("Juliaca"), or null. */
  location: string | null;
  /** The story region that place belongs to ("Puno"), from the story gazetteer, or null. */
  region: string | null;
  /** YYYY-MM-DD the figure describes, or null when the text gives no cue and there is no publication date. */
  asOf: string | null;
  asOfPrecision: Precision | null;
  /** The exact sentence (or clause) the figure comes from, as it stands in the text. */
  quote: string;
  /** Who states it, when the sentence says ("Health Ministry", "Ombudsman", "President Dina Boluarte"). */
  attribution: string | null;
  /** True when the attribution is an official count (Ombudsman, Health Ministry, government). */
  official: boolean;
  /** A breakdown by region stated with the figure: "Ayacucho (9), Apurimac (6)…". */
  byRegion?: { region: string; value: number }[];
}

/** A dated event for the timeline: who did what where, in one line. */
export interface ExtractedEvent {
  date: string;
  precision: Precision;
  text: string;
  places: string[];
  actors: string[];
  quote: string;
}

/** A region of a story's gazetteer: its name, other spellings, and places inside it. */
export interface GazetteerRegion {
  name: string;
  aliases: string[];
  places: string[];
}

/** A story Cronista follows (config/stories/<id>.yaml). */
export interface Story {
  id: string;
  name: string;
  /** YYYY-MM-DD the story starts; figures before it are not part of its toll. */
  start: string;
  keywords: string[];
  regions: GazetteerRegion[];
  /** Names whose counts are official and preferred ("Ombudsman", "Defensoría del Pueblo", "Health Ministry"). */
  officialSources: string[];
}
