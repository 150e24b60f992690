/**
 * Storing items in Postgres (Store.ingest and Store.updateItem), each in one transaction that starts by taking the
 * `learned_counter` row lock. That lock, held to commit, serialises ingest writers across processes, so:
 * - copy ids (the learned sequence) are handed out in commit order: a digest cursor never passes a copy that commits
 *   later (every id at or below a committed one is committed);
 * - the re-checks inside the transaction (same item, same text, a near duplicate stored since the plan) are exact.
 * Unique constraints with ON CONFLICT stay underneath, so nothing is stored twice whatever a future caller does.
 */
import type pg from 'pg';
import type { DocumentDraft, IngestOutcome } from '../../documents/types.ts';
import type { DraftFacts, IngestPlan, ItemUpdatePlan, UpdateItemOutcome } from '../store.ts';
import { earliest } from '../shared/rows.ts';
import { inTransaction } from './connection.ts';
import { replaceFacts } from './queries.ts';

/** Takes the learned order's lock for the rest of the transaction (see the header). */
async function takeLearnedOrder(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT n FROM learned_counter WHERE id = 1 FOR UPDATE');
}

async function knownCopy(client: pg.PoolClient, sourceId: string, key: string): Promise<{ id: number; document_id: number } | undefined> {
  const { rows } = await client.query<{ id: number; document_id: number }>('SELECT id, document_id FROM copies WHERE source_id = $1 AND item_key = $2', [sourceId, key]);
  return rows[0];
}

async function documentWithText(client: pg.PoolClient, contentHash: string): Promise<number | null> {
  const { rows } = await client.query<{ id: number }>('SELECT id FROM documents WHERE content_hash = $1', [contentHash]);
  return rows[0]?.id ?? null;
}

/** A document that gained a copy after `sequence` shares one of these sentence fingerprints (see IngestPlan.basedOn). */
async function sharesSentencesWithNewer(client: pg.PoolClient, hashes: readonly number[], sequence: number): Promise<boolean> {
  if (hashes.length === 0) return false;
  const { rowCount } = await client.query(
    `SELECT 1 FROM sentence_hashes sh WHERE sh.hash = ANY($1::bigint[])
        AND EXISTS (SELECT 1 FROM copies c WHERE c.document_id = sh.document_id AND c.id > $2) LIMIT 1`,
    [hashes, sequence],
  );
  return (rowCount ?? 0) > 0;
}

async function indexSentences(client: pg.PoolClient, documentId: number, hashes: readonly number[]): Promise<void> {
  if (hashes.length === 0) return;
  await client.query('INSERT INTO sentence_hashes (hash, document_id) SELECT unnest($1::bigint[]), $2 ON CONFLICT DO NOTHING', [hashes, documentId]);
}

/** Inserts the copy under the next learned sequence (its id), taken from the counter whose lock this transaction holds. */
async function insertCopy(client: pg.PoolClient, documentId: number, sourceId: string, draft: DocumentDraft, at: Date, silent: boolean): Promise<void> {
  const { rowCount } = await client.query(
    `WITH next AS (UPDATE learned_counter SET n = n + 1 WHERE id = 1 RETURNING n)
     INSERT INTO copies (id, document_id, source_id, item_key, url, title, published, outlet, ingested_at, silent)
     VALUES ((SELECT n FROM next), $1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (source_id, item_key) DO NOTHING`,
    [documentId, sourceId, draft.key, draft.url, draft.title, draft.published, draft.outlet ?? null, at.toISOString(), silent],
  );
  // Cannot happen while every writer of copies takes the learned order first; refuse rather than lose the copy.
  if (rowCount !== 1) throw new Error(`${sourceId}: item ${draft.key} was stored by another writer meanwhile`);
}

async function storeFacts(client: pg.PoolClient, documentId: number, facts: DraftFacts | null | undefined, at: Date): Promise<void> {
  if (facts) await replaceFacts(client, documentId, facts.story, { figures: facts.figures, events: facts.events }, at);
}

export async function ingest(pool: pg.Pool, sourceId: string, draft: DocumentDraft, at: Date, plan: IngestPlan, silent: boolean): Promise<IngestOutcome> {
  return inTransaction(pool, async (client): Promise<IngestOutcome> => {
    await takeLearnedOrder(client);
    const known = await knownCopy(client, sourceId, draft.key);
    if (known) return { status: 'duplicate', documentId: known.document_id };

    const sameText = await documentWithText(client, draft.contentHash);
    if (sameText === null && plan.basedOn !== null && (await sharesSentencesWithNewer(client, plan.sentenceHashes, plan.basedOn))) return { status: 'replan' };
    const copyOf = sameText !== null ? null : (plan.copyOf ?? null);
    const documentId = sameText ?? copyOf?.documentId ?? null;
    if (documentId !== null) {
      const fromSource = await client.query('SELECT 1 FROM copies WHERE source_id = $1 AND document_id = $2 LIMIT 1', [sourceId, documentId]);
      if (copyOf?.replaceText) {
        // The new copy is the fuller text (the whole article around a teaser or wire copy): the document
        // takes it, and its facts, stored with the copy so that they count as learned with it.
        await client.query('UPDATE documents SET text = $1, content_hash = $2 WHERE id = $3', [draft.text, draft.contentHash, documentId]);
        await indexSentences(client, documentId, plan.sentenceHashes);
      }
      await insertCopy(client, documentId, sourceId, draft, at, silent);
      const { rows } = await client.query<{ published: string | null }>('SELECT published FROM documents WHERE id = $1', [documentId]);
      await client.query('UPDATE documents SET published = $1 WHERE id = $2', [earliest(rows[0]?.published ?? null, draft.published), documentId]);
      if (copyOf?.replaceText) await storeFacts(client, documentId, plan.facts, at);
      return { status: (fromSource.rowCount ?? 0) > 0 ? 'duplicate' : 'merged', documentId };
    }

    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO documents (title, text, published, language, content_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (content_hash) DO NOTHING RETURNING id`,
      [draft.title, draft.text, draft.published, draft.language, draft.contentHash, at.toISOString()],
    );
    const newId = rows[0]?.id;
    if (newId === undefined) throw new Error(`${sourceId}: item ${draft.key}: its text was stored by another writer meanwhile`);
    await indexSentences(client, newId, plan.sentenceHashes);
    await insertCopy(client, newId, sourceId, draft, at, silent);
    await storeFacts(client, newId, plan.facts, at);
    return { status: 'added', documentId: newId };
  });
}

export async function updateItem(pool: pg.Pool, sourceId: string, draft: DocumentDraft, at: Date, plan: ItemUpdatePlan): Promise<UpdateItemOutcome> {
  return inTransaction(pool, async (client): Promise<UpdateItemOutcome> => {
    await takeLearnedOrder(client);
    const copy = await knownCopy(client, sourceId, draft.key);
    if (!copy) return { status: 'missing', documentId: null };
    const documentId = copy.document_id;
    await client.query('UPDATE copies SET title = $1, url = $2, outlet = $3 WHERE id = $4', [draft.title, draft.url, draft.outlet ?? null, copy.id]);
    const { rows } = await client.query<{ content_hash: string }>('SELECT content_hash FROM documents WHERE id = $1', [documentId]);
    if (rows[0]?.content_hash === draft.contentHash) return { status: 'unchanged', documentId };
    const shared = await client.query('SELECT 1 FROM copies WHERE document_id = $1 AND id <> $2 LIMIT 1', [documentId, copy.id]);
    const taken = await client.query('SELECT 1 FROM documents WHERE content_hash = $1 AND id <> $2', [draft.contentHash, documentId]);
    if ((shared.rowCount ?? 0) > 0 || (taken.rowCount ?? 0) > 0) return { status: 'kept', documentId };
    await client.query('UPDATE documents SET title = $1, text = $2, language = $3, content_hash = $4 WHERE id = $5', [draft.title, draft.text, draft.language, draft.contentHash, documentId]);
    await client.query('DELETE FROM sentence_hashes WHERE document_id = $1', [documentId]);
    await indexSentences(client, documentId, plan.sentenceHashes);
    await storeFacts(client, documentId, plan.facts, at);
    return { status: 'updated', documentId };
  });
}
