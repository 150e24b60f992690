import type { Store, StoredFigureRecord } from '../stores/store.ts';

/** `cronista facts`: every extracted figure with its sentence and source — the audit trail behind /deaths. */
export async function listFacts(store: Store, story?: string) {
  const figures = await store.listFigures(story ? { story } : {});
  return {
    figures: figures.map((figure) => ({
      kind: figure.kind,
      value: figure.value,
      qualifier: figure.qualifier,
      scope: figure.scope,
      as_of: figure.asOf,
      precision: figure.asOfPrecision,
      location: figure.location,
      region: figure.region,
      attribution: figure.attribution,
      story: figure.story,
      document: figure.documentId,
      quote: figure.quote,
      source: primarySource(figure),
      also_in: figure.sources.slice(1),
    })),
  };
}

function primarySource(figure: StoredFigureRecord) {
  return figure.sources[0] ?? { title: null, url: null, source: 'unknown', published: null };
}

export function factsText(facts: Awaited<ReturnType<typeof listFacts>>): string {
  if (facts.figures.length === 0) return 'No figures extracted yet. Ingest some news first: cronista ingest <path|url>.';
  return facts.figures
    .map((f) => {
      const qualifier = f.qualifier === 'exact' ? '' : `${f.qualifier.replace('_', ' ')} `;
      const where = f.location ? ` in ${f.location}` : '';
      return `${f.as_of ?? 'undated'}  ${f.kind} ${qualifier}${f.value} (${f.scope}${where}) — ${f.source.source}: "${f.quote}"`;
    })
    .join('\n');
}
