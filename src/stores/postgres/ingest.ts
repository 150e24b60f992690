/**
 * Storing items in Postgres (Store.ingest and Store.updateItem), each in one transaction that starts by taking the
 * `learned_counter` row lock. That lock, held to commit, serialises ingest writers across processes, so:
 * - copy ids (the learned sequence) are handed out in commit order: a digest cursor never passes a copy that commits
 *   later (every id at or below a committed one is committed);
 * - the re-checks inside the transaction (same item, same text, a near duplicate stored since the plan) are exact.
 * Unique constraints with ON CONFLICT stay underneath, so nothing is stored twice whatever a future caller does.
 *
 * Round trips: the lock goes with BEGIN; the re-checks are one query (a statement after the lock, so it sees every
 * writer that held it before); what is stored is one statement of data-modifying CTEs (document, fingerprints, copy,
 * facts); then COMMIT. A planned new document's re-checks go ahead of its insert in that statement (the insert only
 * when they pass: the lock is taken by then, so the statement's snapshot is as exact as a statement of their own).
 * Three round trips for a new document (a statement per step took fourteen), four for a copy of a stored one.
 */
import type pg from 'pg';
import type { DocumentDraft, IngestOutcome } from '../../documents/types.ts';
import type { DraftFacts, IngestPlan, ItemUpdatePlan, UpdateItemOutcome } from '../store.ts';
import { inTransaction, Params } from './connection.ts';
import { factInserts, replaceFacts } from './queries.ts';

/**
 * With BEGIN: takes the learned order's lock for the rest of the transaction (see the header), and commits without
 * waiting for the WAL to reach the disk (an fsync per document was a third of an ingest's time). The same promise as
 * SQLite's `synchronous = NORMAL`: a crash of the server (not of Cronista) may lose the last fraction of a second of
 * stored items, never part of one, and never one that a waiting commit followed: such a commit (a digest's outbox,
 * saved before its first send, or its cursor; any write outside ingest) flushes every commit before it. Items lost so
 * are stored again by the next poll of their feed.
 */
export const LEARNED_ORDER = { begin: 'SET LOCAL synchronous_commit = off; SELECT n FROM learned_counter WHERE id = 1 FOR UPDATE' };

interface Checks {
  /** The document this source's item is already a copy of. */
  known: number | null;
  /** The document with exactly the draft's text. */
  same_text: number | null;
  /** A document that gained a copy after the plan shares a sentence with the draft (only asked without `same_text`). */
  newer_shares: boolean;
  /** This source already has a copy of the document the draft joins (the same text's, else the planned one's). */
  from_source: boolean;
}

/**
 * The re-checks as CTEs `same` and `checks` (one row of Checks), for a statement of their own or ahead of an insert.
 * `newer_shares` looks each of the draft's fingerprints up by itself: written as one `hash = ANY(…)` filter, a planner
 * without statistics on sentence_hashes (never analyzed: autovacuum off, or a young table) expects a fifth of the table
 * to match and scans all of it for every document (13.5 ms a document at 6,000 documents, growing with the store).
 */
function checkCtes(params: Params, sourceId: string, draft: DocumentDraft, plan: IngestPlan): string[] {
  const [source, key, basedOn] = [params.bind(sourceId), params.bind(draft.key), `${params.bind(plan.basedOn)}::bigint`];
  return [
    `same AS (SELECT id FROM documents WHERE content_hash = ${params.bind(draft.contentHash)})`,
    `checks AS (
       SELECT (SELECT document_id FROM copies WHERE source_id = ${source} AND item_key = ${key}) AS known,
              (SELECT id FROM same) AS same_text,
              CASE WHEN ${basedOn} IS NULL OR EXISTS (SELECT 1 FROM same) THEN false
                   ELSE EXISTS (SELECT 1 FROM unnest(${params.bind(plan.sentenceHashes)}::bigint[]) AS draft(hash)
                                 WHERE EXISTS (SELECT 1 FROM sentence_hashes sh WHERE sh.hash = draft.hash
                                                  AND EXISTS (SELECT 1 FROM copies c WHERE c.document_id = sh.document_id AND c.id > ${basedOn}))) END AS newer_shares,
              EXISTS (SELECT 1 FROM copies WHERE source_id = ${source}
                         AND document_id = COALESCE((SELECT id FROM same), ${params.bind(plan.copyOf?.documentId ?? null)}::bigint)) AS from_source)`,
  ];
}

async function checks(client: pg.PoolClient, sourceId: string, draft: DocumentDraft, plan: IngestPlan): Promise<Checks> {
  const params = new Params();
  const { rows } = await client.query<Checks>(`WITH ${checkCtes(params, sourceId, draft, plan).join(',\n')} SELECT * FROM checks`, params.values);
  return rows[0]!;
}

/**
 * The CTEs inserting the next learned sequence's copy (`next`: the counter this transaction holds, moved by one) from
 * `from`; `when`: a condition on the counter's move (a data-modifying CTE runs whether or not anything reads it).
 */
function copyInsert(params: Params, document: string, from: string, sourceId: string, draft: DocumentDraft, at: Date, silent: boolean, when = 'true'): string[] {
  return [
    `next AS (UPDATE learned_counter SET n = n + 1 WHERE id = 1 AND ${when} RETURNING n)`,
    `copy AS (
       INSERT INTO copies (id, document_id, source_id, item_key, url, title, published, outlet, ingested_at, silent)
       SELECT next.n, ${document}, ${[sourceId, draft.key, draft.url, draft.title, draft.published, draft.outlet ?? null, at.toISOString()].map((value) => `${params.bind(value)}::text`).join(', ')}, ${params.bind(silent)}::boolean
         FROM ${from}
       ON CONFLICT (source_id, item_key) DO NOTHING RETURNING id)`,
  ];
}

/**
 * A new document as planned (`plan.copyOf` null), in one statement with the re-checks ahead of it: stored with its
 * fingerprints, first copy and facts only when the checks find neither this item, nor its text, nor a near duplicate
 * stored since the plan (one round trip where the checks took one of their own). Its id, or the checks that stopped it.
 */
async function insertDocument(client: pg.PoolClient, sourceId: string, draft: DocumentDraft, at: Date, plan: IngestPlan, silent: boolean): Promise<{ document: number | null; found: Checks }> {
  const params = new Params();
  const values = [draft.title, draft.text, draft.published, draft.language, draft.contentHash, at.toISOString()].map((value) => params.bind(value));
  const ctes = [
    ...checkCtes(params, sourceId, draft, plan),
    `doc AS (INSERT INTO documents (title, text, published, language, content_hash, created_at)
             SELECT ${values.join(', ')} FROM checks WHERE checks.known IS NULL AND checks.same_text IS NULL AND NOT checks.newer_shares
             ON CONFLICT (content_hash) DO NOTHING RETURNING id)`,
    `fingerprints AS (INSERT INTO sentence_hashes (hash, document_id) SELECT hash, doc.id FROM doc, unnest(${params.bind(plan.sentenceHashes)}::bigint[]) AS hash
                      ON CONFLICT DO NOTHING)`,
    ...copyInsert(params, 'doc.id', 'doc, next', sourceId, draft, at, silent, 'EXISTS (SELECT 1 FROM doc)'),
    // The facts are learned with the copy (its id), and joined to `copy` so that nothing is stored without it.
    ...(plan.facts ? factInserts(params, { document: 'doc.id', learned: 'copy.id', from: 'doc, copy' }, plan.facts.story, plan.facts, at) : []),
  ];
  const { rows } = await client.query<Checks & { document: number | null; copy: number | null }>(
    `WITH ${ctes.join(',\n')} SELECT checks.*, (SELECT id FROM doc) AS document, (SELECT id FROM copy) AS copy FROM checks`,
    params.values,
  );
  const { document, copy, ...found } = rows[0]!;
  if (found.known !== null || found.same_text !== null || found.newer_shares) return { document: null, found };
  if (document === null) throw new Error(`${sourceId}: item ${draft.key}: its text was stored by another writer meanwhile`);
  // Cannot happen while every writer of copies takes the learned order first; refuse rather than lose the copy.
  if (copy === null) throw new Error(`${sourceId}: item ${draft.key} was stored by another writer meanwhile`);
  return { document, found };
}

/**
 * A copy of a stored document, in one statement: the copy under the next learned sequence, the document's earliest
 * publication date, and when `replaceText` the draft's text (the whole article around a teaser or wire copy) with its
 * fingerprints. The facts of that text follow in their own statement (learned with this copy).
 */
async function insertCopyOf(client: pg.PoolClient, documentId: number, sourceId: string, draft: DocumentDraft, at: Date, plan: IngestPlan, silent: boolean): Promise<void> {
  const params = new Params();
  const document = `${params.bind(documentId)}::bigint`;
  const replaceText = plan.copyOf?.replaceText === true;
  const published = `${params.bind(draft.published)}::text`;
  // The earlier of the two dates (an empty one counts as none), as `earliest` in src/stores/shared/rows.ts.
  const earliest = `CASE WHEN coalesce(published, '') = '' THEN ${published} WHEN coalesce(${published}, '') = '' THEN published ELSE least(published, ${published}) END`;
  const text = replaceText ? `, text = ${params.bind(draft.text)}, content_hash = ${params.bind(draft.contentHash)}` : '';
  const ctes = [
    ...copyInsert(params, document, 'next', sourceId, draft, at, silent),
    // Written only when something changes (an update of the row computes its search vector again).
    `doc AS (UPDATE documents SET published = ${earliest}${text} WHERE id = ${document}
               AND (${replaceText} OR published IS DISTINCT FROM (${earliest})) RETURNING id)`,
    ...(replaceText
      ? [`fingerprints AS (INSERT INTO sentence_hashes (hash, document_id) SELECT unnest(${params.bind(plan.sentenceHashes)}::bigint[]), ${document} ON CONFLICT DO NOTHING)`]
      : []),
  ];
  const { rows } = await client.query<{ copy: number | null }>(`WITH ${ctes.join(',\n')} SELECT (SELECT id FROM copy) AS copy`, params.values);
  if (rows[0]?.copy == null) throw new Error(`${sourceId}: item ${draft.key} was stored by another writer meanwhile`);
}

async function storeFacts(client: pg.PoolClient, documentId: number, facts: DraftFacts | null | undefined, at: Date): Promise<void> {
  if (facts) await replaceFacts(client, documentId, facts.story, { figures: facts.figures, events: facts.events }, at);
}

export async function ingest(pool: pg.Pool, sourceId: string, draft: DocumentDraft, at: Date, plan: IngestPlan, silent: boolean): Promise<IngestOutcome> {
  return inTransaction(
    pool,
    async (client): Promise<IngestOutcome> => {
      // A planned new document is stored with the re-checks (stopped by them), a planned copy after them.
      const inserted = plan.copyOf ? null : await insertDocument(client, sourceId, draft, at, plan, silent);
      if (inserted?.document != null) return { status: 'added', documentId: inserted.document };
      const found = inserted?.found ?? (await checks(client, sourceId, draft, plan));
      if (found.known !== null) return { status: 'duplicate', documentId: found.known };
      if (found.newer_shares) return { status: 'replan' };
      const copyOf = found.same_text !== null ? null : (plan.copyOf ?? null);
      const documentId = found.same_text ?? copyOf?.documentId ?? null;
      // Not reached with a planned new document: its checks stopped it, so one of the above holds.
      if (documentId === null) throw new Error(`${sourceId}: item ${draft.key}: neither stored nor found`);
      await insertCopyOf(client, documentId, sourceId, draft, at, { ...plan, copyOf }, silent);
      if (copyOf?.replaceText) await storeFacts(client, documentId, plan.facts, at);
      return { status: found.from_source ? 'duplicate' : 'merged', documentId };
    },
    LEARNED_ORDER,
  );
}

export async function updateItem(pool: pg.Pool, sourceId: string, draft: DocumentDraft, at: Date, plan: ItemUpdatePlan): Promise<UpdateItemOutcome> {
  return inTransaction(
    pool,
    async (client): Promise<UpdateItemOutcome> => {
      const { rows } = await client.query<{ id: number; document_id: number; same: boolean; shared: boolean; taken: boolean }>(
        `SELECT c.id, c.document_id, d.content_hash = $3 AS same,
                EXISTS (SELECT 1 FROM copies o WHERE o.document_id = c.document_id AND o.id <> c.id) AS shared,
                EXISTS (SELECT 1 FROM documents t WHERE t.content_hash = $3 AND t.id <> c.document_id) AS taken
           FROM copies c JOIN documents d ON d.id = c.document_id WHERE c.source_id = $1 AND c.item_key = $2`,
        [sourceId, draft.key, draft.contentHash],
      );
      const copy = rows[0];
      if (!copy) return { status: 'missing', documentId: null };
      const documentId = copy.document_id;
      await client.query('UPDATE copies SET title = $1, url = $2, outlet = $3 WHERE id = $4', [draft.title, draft.url, draft.outlet ?? null, copy.id]);
      if (copy.same) return { status: 'unchanged', documentId };
      if (copy.shared || copy.taken) return { status: 'kept', documentId };
      await client.query(
        `WITH doc AS (UPDATE documents SET title = $1, text = $2, language = $3, content_hash = $4 WHERE id = $5),
              gone AS (DELETE FROM sentence_hashes WHERE document_id = $5)
         SELECT 1`,
        [draft.title, draft.text, draft.language, draft.contentHash, documentId],
      );
      // The new fingerprints after the old ones are gone (a statement of their own: the delete would not see them).
      if (plan.sentenceHashes.length) {
        await client.query('INSERT INTO sentence_hashes (hash, document_id) SELECT unnest($1::bigint[]), $2 ON CONFLICT DO NOTHING', [plan.sentenceHashes, documentId]);
      }
      await storeFacts(client, documentId, plan.facts, at);
      return { status: 'updated', documentId };
    },
    LEARNED_ORDER,
  );
}
