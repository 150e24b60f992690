import type { ExtractedEvent, ExtractedFigure, Precision, Qualifier } from '../facts/types.ts';

/** Where a stored fact came from (the document it was read in). */
export interface FactSource {
  title: string | null;
  url: string | null;
  /** Outlet or source name ("teleSUR", "RT", a feed title). */
  source: string;
  /** ISO date-time or null. */
  published: string | null;
}

/** A figure as the store returns it: the extracted figure plus its document and source. */
export type StoredFigure = ExtractedFigure & { documentId: number; source: FactSource };

/** An event as the store returns it. */
export type StoredEvent = ExtractedEvent & { documentId: number; source: FactSource };

/** One source's statement behind a point. */
export interface PointSource {
  title: string | null;
  url: string | null;
  source: string;
  published: string | null;
  quote: string;
  qualifier: Qualifier;
  value: number;
  /** Who the sentence says counted ("Health Ministry"), when it says. */
  attribution?: string | null;
  official?: boolean;
}

/** One date of the death toll (or one incident). */
export interface DeathPoint {
  as_of: string;
  /** The best-attributed value for the date (official counts first, then the most precise qualifier). */
  value: number;
  qualifier: Qualifier;
  /** Smallest and largest value reported for the date (weaker lower bounds such as "over a dozen" next to 17 are not counted). */
  low: number;
  high: number;
  /** Its reports, best first: a point of the running toll keeps only the best few (src/timeline/point-sources.ts). */
  sources: PointSource[];
  /** How many reports it has. */
  sources_total: number;
  /** When `sources` leaves reports out: how many reporters (an outlet, and whom it cites) all of its reports name. */
  reporters_total?: number;
  /** When `sources` leaves reports out: the values all of its exact or approximate reports give, ascending, each once. */
  reported_values?: number[];
  /** The toll went down compared with an earlier point (see deaths.ts for the rule). */
  revision?: true;
}

export interface IncidentPoint extends DeathPoint {
  /** Most specific place ("Juliaca"), or null. */
  location: string | null;
  region: string | null;
}

export interface RegionCount {
  region: string;
  value: number;
  as_of: string | null;
  sources: PointSource[];
}

export interface DeathsData {
  /** Running toll, oldest first (deaths, cumulative scope only). */
  series: DeathPoint[];
  /** The headline toll: the latest point an accountable source stands behind (see deaths.ts), else the latest point. */
  latest: DeathPoint | null;
  /** Later points that only rhetorical claims support ("the blood of over 100 martyrs"): shown as other reports. */
  other_reports: DeathPoint[];
  /** Deadly incidents (deaths, incident scope), grouped across sources, oldest first. */
  incidents: IncidentPoint[];
  /** Latest count per region, largest first. */
  by_region: RegionCount[];
}

/** A timeline entry: one event, possibly reported by several sources. */
export interface TimelineEvent {
  date: string;
  precision: Precision;
  text: string;
  places: string[];
  actors: string[];
  sources: (FactSource & { quote: string; text: string; documentId: number })[];
}
