/**
 * Full-text search in Postgres: each document's `search_vector` is built in its language's configuration (english,
 * spanish, else simple; title weighted above text, migration 1). The user's words are plain words: the query is the
 * AND of them (`plainto_tsquery`), made in each configuration and matched against the documents of that one; the
 * passage is ts_headline's, matched words between « and », '…' where the text goes on.
 *
 * Ranking is bounded: ts_rank reads a document's whole vector, so ranking every match of a common word ranks a scan
 * of the store (77 ms at 10,000 generated documents, most of which match). The candidates are the
 * `searchCandidates(limit)` most recently stored matches (found among the latest documents read newest first, or
 * through the GIN index when the words are rare), and ts_rank orders those. So a query matching at most that many documents gets
 * every match in ts_rank order, as before; one matching more gets the best of the most recent ones (as SQLite's does:
 * the stores agree on which documents are ranked, not always on their order, bm25 and ts_rank weighing differently).
 */
import type { SearchHit } from '../store.ts';
import { searchWords } from '../shared/fact-filter.ts';
import { searchCandidates } from '../shared/search-candidates.ts';
import type { Sql } from './connection.ts';
import { sourcesOf } from './queries.ts';

/** The configurations documents are indexed in (see `search_config` in migrations.ts). */
const CONFIGS = ['english', 'spanish', 'simple'] as const;

/** ts_headline's options: one passage of about 24 words around the matches, like SQLite's snippet. */
const HEADLINE_OPTIONS = 'StartSel=«, StopSel=», MaxWords=24, MinWords=12, ShortWord=2, MaxFragments=1, FragmentDelimiter=" … "';

/** The stretch of text ts_headline reads: from this many characters before the first word found, this long. */
const PASSAGE_BEFORE = 300;
const PASSAGE_LENGTH = 900;

/** The most recent documents whose vectors are read first: matches among them spare the index (see `searchDocuments`). */
const WINDOW_PER_CANDIDATE = 2;

export async function searchDocuments(sql: Sql, query: string, limit: number): Promise<SearchHit[]> {
  const words = searchWords(query);
  if (words.length === 0) return [];
  const matches = (alias: string) =>
    CONFIGS.map((config) => `(${alias}.search_config = '${config}'::regconfig AND ${alias}.search_vector @@ plainto_tsquery('${config}', $1))`).join(' OR ');
  // The newest candidates whatever the planner knows (this server may never have analyzed the table): first the most
  // recent documents, read newest first through the primary key until enough match (a common word: a few hundred
  // vectors read); only when they hold too few, the GIN index (a rare word), newest first.
  const older = CONFIGS.map(
    (config) => `(SELECT d.id FROM documents d WHERE d.search_config = '${config}'::regconfig AND d.search_vector @@ plainto_tsquery('${config}', $1)
                    AND (SELECT count(*) FROM recent) < $5 ORDER BY d.id DESC LIMIT $5)`,
  ).join(' UNION ALL ');
  const { rows } = await sql.query<{ id: number; title: string | null; published: string | null; text: string; headline: string }>(
    `WITH recent AS (
       SELECT id FROM (SELECT id, search_config, search_vector FROM documents ORDER BY id DESC LIMIT $6) latest WHERE ${matches('latest')} LIMIT $5),
     older AS (${older}),
     candidates AS (SELECT id FROM recent UNION SELECT id FROM older ORDER BY id DESC LIMIT $5),
     hits AS (
       SELECT d.id, d.title, d.published, d.text, d.search_config,
              ts_rank(d.search_vector, plainto_tsquery(d.search_config, $1)) AS rank
         FROM candidates JOIN documents d ON d.id = candidates.id
        ORDER BY rank DESC, d.id
        LIMIT $2)
     SELECT hits.id, hits.title, hits.published, hits.text,
            ts_headline(hits.search_config, passage.text, plainto_tsquery(hits.search_config, $1), $3) AS headline
       FROM hits CROSS JOIN LATERAL (
         -- ts_headline reads its whole input: give it the stretch around the first word found as written (the whole
         -- text when only a stem matched), a passage of 24 words being far shorter than an article.
         SELECT COALESCE(substr(hits.text, greatest(1, MIN(at) - ${PASSAGE_BEFORE}), ${PASSAGE_LENGTH}), hits.text) AS text
           FROM unnest($4::text[]) AS word, LATERAL strpos(lower(hits.text), lower(word)) AS at WHERE at > 0) passage
      ORDER BY hits.rank DESC, hits.id`,
    [words.join(' '), limit, HEADLINE_OPTIONS, words, searchCandidates(limit), searchCandidates(limit) * WINDOW_PER_CANDIDATE],
  );
  const sources = await sourcesOf(sql, rows.map((row) => row.id));
  return rows.map((row) => ({
    documentId: row.id,
    title: row.title,
    published: row.published,
    snippet: trimmed(row.headline, row.text),
    sources: sources.get(row.id) ?? [],
  }));
}

/** The passage with '…' on each side where the document's text goes on beyond it. */
function trimmed(headline: string, text: string): string {
  const passage = headline.trim();
  const plain = passage.replace(/[«»]/g, '');
  const whole = text.trim();
  const start = whole.indexOf(plain);
  if (start < 0) return passage;
  return `${start > 0 ? '…' : ''}${passage}${start + plain.length < whole.length ? '…' : ''}`;
}
