import type { StoredEventRecord, StoredFigureRecord } from '../stores/store.ts';
import type { StoredEvent, StoredFigure } from './types.ts';

/** One reconcilable figure per copy of its document: three outlets carrying a story are three sources. */
export function figuresBySource(records: StoredFigureRecord[]): StoredFigure[] {
  return records.flatMap(({ sources, id: _id, story: _story, ...figure }) =>
    (sources.length ? sources : [{ title: null, url: null, source: 'unknown', published: null }]).map((source) => ({ ...figure, source })),
  );
}

export function eventsBySource(records: StoredEventRecord[]): StoredEvent[] {
  return records.flatMap(({ sources, id: _id, story: _story, ...event }) =>
    (sources.length ? sources : [{ title: null, url: null, source: 'unknown', published: null }]).map((source) => ({ ...event, source })),
  );
}
