/**
 * The Postgres schema, as versions applied in order, one transaction each, recorded in `schema_migrations`.
 * Every migration runs under a transaction-scoped advisory lock, so two processes starting at once do not both
 * migrate. Never edit a released migration: add the next one.
 *
 * Version 1 is the whole SQLite schema (src/stores/sqlite/migrations.ts, versions 1–6) in Postgres' words, plus
 * what several writers need: `learned_counter`, the row whose lock hands out copy ids (the learned sequence) in commit
 * order, and a tsvector per document in its language for full-text search. Dates stay ISO text (compared and cut
 * like SQLite's, in byte order: COLLATE "C"); JSON columns stay text, read back exactly as written.
 */
import type pg from 'pg';
import { CronistaError } from '../../core/errors.ts';
import { describeUrl } from './connection.ts';

/** The channel a write of facts, documents or copies notifies (at commit; identical notifications of one transaction are one). */
export const FACTS_VERSION_CHANNEL = 'cronista_facts_version';

/** The advisory lock every migration takes (any constant shared by all Cronista processes). */
const MIGRATION_LOCK = 7_401_211_014;

/** A day-of-death trigger statement: mark the death-figure days of document `documentId` stale in the deaths view. */
const MARK_DOCUMENT_DAYS = (documentId: string) => `PERFORM mark_death_days(${documentId});`;

export const migrations: readonly string[] = [
  /* 1: sources, documents, copies, sentence fingerprints, kv, facts, the facts version, derived views, learned order */ `
  CREATE TABLE sources (
    id            text COLLATE "C" PRIMARY KEY,
    kind          text NOT NULL,
    url           text NOT NULL UNIQUE,
    title         text,
    created_at    text COLLATE "C" NOT NULL,
    last_success  text,
    last_error    text,
    last_error_at text,
    failures      integer NOT NULL DEFAULT 0,
    enabled       boolean NOT NULL DEFAULT true,
    etag          text,
    last_modified text,
    retry_after   text
  );
  CREATE TABLE documents (
    id            bigserial PRIMARY KEY,
    title         text,
    text          text NOT NULL,
    published     text COLLATE "C",
    language      text,
    content_hash  text NOT NULL UNIQUE,
    created_at    text NOT NULL,
    search_config regconfig GENERATED ALWAYS AS (
      CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'es' THEN 'spanish'::regconfig ELSE 'simple'::regconfig END) STORED,
    search_vector tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector(CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'es' THEN 'spanish'::regconfig ELSE 'simple'::regconfig END,
                            coalesce(title, '')), 'A') ||
      setweight(to_tsvector(CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'es' THEN 'spanish'::regconfig ELSE 'simple'::regconfig END,
                            text), 'B')) STORED
  );
  CREATE INDEX documents_search ON documents USING gin (search_vector);
  -- Hands out copy ids: taken (row lock held to commit) by every ingest, so ids follow commit order.
  CREATE TABLE learned_counter (id integer PRIMARY KEY CHECK (id = 1), n bigint NOT NULL);
  INSERT INTO learned_counter (id, n) VALUES (1, 0);
  -- A document as one source carried it; id order is the order Cronista learned things in.
  CREATE TABLE copies (
    id          bigint PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents(id),
    source_id   text COLLATE "C" NOT NULL REFERENCES sources(id),
    item_key    text NOT NULL,
    url         text,
    title       text,
    published   text COLLATE "C",
    outlet      text,
    ingested_at text NOT NULL,
    silent      boolean NOT NULL DEFAULT false,
    UNIQUE (source_id, item_key)
  );
  CREATE INDEX copies_document ON copies (document_id);
  CREATE TABLE sentence_hashes (
    hash        bigint NOT NULL,
    document_id bigint NOT NULL REFERENCES documents(id),
    PRIMARY KEY (hash, document_id)
  );
  CREATE INDEX sentence_hashes_document ON sentence_hashes (document_id);
  CREATE TABLE kv (
    key     text COLLATE "C" PRIMARY KEY,
    value   text NOT NULL,
    expires bigint
  );
  CREATE TABLE figures (
    id              bigserial PRIMARY KEY,
    document_id     bigint NOT NULL REFERENCES documents(id),
    story           text,
    kind            text NOT NULL,
    value           bigint NOT NULL,
    qualifier       text NOT NULL,
    scope           text NOT NULL,
    location        text,
    region          text,
    as_of           text COLLATE "C",
    as_of_precision text,
    quote           text NOT NULL,
    attribution     text,
    official        boolean NOT NULL DEFAULT false,
    by_region       text,
    created_at      text NOT NULL,
    learned         bigint
  );
  CREATE INDEX figures_document ON figures (document_id);
  CREATE INDEX figures_story ON figures (story, kind, as_of);
  CREATE TABLE events (
    id          bigserial PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents(id),
    story       text,
    date        text COLLATE "C" NOT NULL,
    precision   text NOT NULL,
    text        text NOT NULL,
    places      text NOT NULL,
    actors      text NOT NULL,
    quote       text NOT NULL,
    created_at  text NOT NULL,
    learned     bigint
  );
  CREATE INDEX events_document ON events (document_id);
  CREATE INDEX events_story ON events (story, date);

  -- Moves only when what answers are derived from changes (facts, documents, copies), one step per row changed.
  CREATE TABLE facts_version (id integer PRIMARY KEY CHECK (id = 1), n bigint NOT NULL);
  INSERT INTO facts_version (id, n) VALUES (1, 0);
  CREATE FUNCTION move_facts_version() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE facts_version SET n = n + 1 WHERE id = 1;
    RETURN NULL;
  END $$;
  CREATE TRIGGER figures_version AFTER INSERT OR UPDATE OR DELETE ON figures FOR EACH ROW EXECUTE FUNCTION move_facts_version();
  CREATE TRIGGER events_version AFTER INSERT OR UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION move_facts_version();
  CREATE TRIGGER copies_version AFTER INSERT OR UPDATE OR DELETE ON copies FOR EACH ROW EXECUTE FUNCTION move_facts_version();
  CREATE TRIGGER documents_version AFTER INSERT OR UPDATE OR DELETE ON documents FOR EACH ROW EXECUTE FUNCTION move_facts_version();

  -- Derived views (src/timeline/death-view.ts computes the rows): rows per key, keys that writes made stale (mark grows
  -- on each change, so a refresh clears only what it answered), and the stamp of the settings rows were computed under.
  CREATE TABLE view_rows (
    view  text NOT NULL,
    story text NOT NULL,
    key   text COLLATE "C" NOT NULL,
    value text NOT NULL,
    PRIMARY KEY (view, story, key)
  );
  CREATE TABLE view_stale (
    view  text NOT NULL,
    story text NOT NULL,
    key   text COLLATE "C" NOT NULL,
    mark  bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (view, story, key)
  );
  CREATE TABLE view_stamps (
    view  text NOT NULL,
    story text NOT NULL,
    stamp text NOT NULL,
    PRIMARY KEY (view, story)
  );
  -- The death-figure days of a document: stale when the sources its figures are shown with change.
  CREATE FUNCTION mark_death_days(doc bigint) RETURNS void LANGUAGE sql AS $$
    INSERT INTO view_stale (view, story, key)
      SELECT DISTINCT 'deaths', story, as_of FROM figures
       WHERE document_id = doc AND kind = 'deaths' AND story IS NOT NULL AND as_of IS NOT NULL
    ON CONFLICT (view, story, key) DO UPDATE SET mark = view_stale.mark + 1
  $$;
  CREATE FUNCTION figures_mark_view() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    figure figures;
  BEGIN
    IF TG_OP = 'DELETE' THEN figure := OLD; ELSE figure := NEW; END IF;
    IF figure.kind = 'deaths' AND figure.story IS NOT NULL AND figure.as_of IS NOT NULL THEN
      INSERT INTO view_stale (view, story, key) VALUES ('deaths', figure.story, figure.as_of)
      ON CONFLICT (view, story, key) DO UPDATE SET mark = view_stale.mark + 1;
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER figures_view AFTER INSERT OR DELETE ON figures FOR EACH ROW EXECUTE FUNCTION figures_mark_view();
  CREATE FUNCTION copies_mark_view() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    ${MARK_DOCUMENT_DAYS('NEW.document_id')}
    RETURN NULL;
  END $$;
  CREATE TRIGGER copies_view_insert AFTER INSERT ON copies FOR EACH ROW EXECUTE FUNCTION copies_mark_view();
  CREATE TRIGGER copies_view_update AFTER UPDATE OF title, url, outlet, published ON copies FOR EACH ROW EXECUTE FUNCTION copies_mark_view();
  CREATE FUNCTION documents_mark_view() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    ${MARK_DOCUMENT_DAYS('NEW.id')}
    RETURN NULL;
  END $$;
  CREATE TRIGGER documents_view_update AFTER UPDATE OF title, published ON documents FOR EACH ROW EXECUTE FUNCTION documents_mark_view();
  CREATE FUNCTION sources_mark_view() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO view_stale (view, story, key)
      SELECT DISTINCT 'deaths', f.story, f.as_of FROM figures f JOIN copies c ON c.document_id = f.document_id
       WHERE c.source_id = NEW.id AND f.kind = 'deaths' AND f.story IS NOT NULL AND f.as_of IS NOT NULL
    ON CONFLICT (view, story, key) DO UPDATE SET mark = view_stale.mark + 1;
    RETURN NULL;
  END $$;
  CREATE TRIGGER sources_view_title AFTER UPDATE OF title ON sources
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title) EXECUTE FUNCTION sources_mark_view();
  `,
  /* 2: the timeline view (src/timeline/timeline-view.ts; SQLite's migration 7): merged events kept by month; an event
     stored or deleted marks its month, a document's new copy or changed source data the months of its events */ `
  CREATE FUNCTION mark_event_months(doc bigint) RETURNS void LANGUAGE sql AS $$
    INSERT INTO view_stale (view, story, key)
      SELECT DISTINCT 'timeline', story, substr(date, 1, 7) FROM events WHERE document_id = doc AND story IS NOT NULL
      ORDER BY 3
    ON CONFLICT (view, story, key) DO UPDATE SET mark = view_stale.mark + 1
  $$;
  CREATE FUNCTION events_mark_view() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    ev events;
  BEGIN
    IF TG_OP = 'DELETE' THEN ev := OLD; ELSE ev := NEW; END IF;
    IF ev.story IS NOT NULL THEN
      INSERT INTO view_stale (view, story, key) VALUES ('timeline', ev.story, substr(ev.date, 1, 7))
      ON CONFLICT (view, story, key) DO UPDATE SET mark = view_stale.mark + 1;
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER events_view AFTER INSERT OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_mark_view();
  CREATE FUNCTION copies_mark_timeline() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM mark_event_months(NEW.document_id);
    RETURN NULL;
  END $$;
  CREATE TRIGGER copies_timeline_insert AFTER INSERT ON copies FOR EACH ROW EXECUTE FUNCTION copies_mark_timeline();
  CREATE TRIGGER copies_timeline_update AFTER UPDATE OF title, url, outlet, published ON copies FOR EACH ROW EXECUTE FUNCTION copies_mark_timeline();
  CREATE FUNCTION documents_mark_timeline() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM mark_event_months(NEW.id);
    RETURN NULL;
  END $$;
  CREATE TRIGGER documents_timeline_update AFTER UPDATE OF title, published ON documents FOR EACH ROW EXECUTE FUNCTION documents_mark_timeline();
  CREATE FUNCTION sources_mark_timeline() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO view_stale (view, story, key)
      SELECT DISTINCT 'timeline', e.story, substr(e.date, 1, 7) FROM events e JOIN copies c ON c.document_id = e.document_id
       WHERE c.source_id = NEW.id AND e.story IS NOT NULL
    ON CONFLICT (view, story, key) DO UPDATE SET mark = view_stale.mark + 1;
    RETURN NULL;
  END $$;
  CREATE TRIGGER sources_timeline_title AFTER UPDATE OF title ON sources
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title) EXECUTE FUNCTION sources_mark_timeline();
  INSERT INTO view_stale (view, story, key)
    SELECT DISTINCT 'timeline', story, substr(date, 1, 7) FROM events WHERE story IS NOT NULL
  ON CONFLICT (view, story, key) DO UPDATE SET mark = view_stale.mark + 1;
  `,
  /* 3: every fact's learned sequence is stored (a fact without one, copied from an SQLite file older than its migration 4,
     takes its document's first copy as it is inserted), so learned-order filters read an index instead of running a
     subquery per fact; a document's first copy found by index */ `
  CREATE FUNCTION facts_fill_learned() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    IF NEW.learned IS NULL THEN
      NEW.learned := (SELECT MIN(c.id) FROM copies c WHERE c.document_id = NEW.document_id);
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER figures_fill_learned BEFORE INSERT ON figures FOR EACH ROW EXECUTE FUNCTION facts_fill_learned();
  CREATE TRIGGER events_fill_learned BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION facts_fill_learned();
  UPDATE figures f SET learned = (SELECT MIN(c.id) FROM copies c WHERE c.document_id = f.document_id) WHERE learned IS NULL;
  UPDATE events e SET learned = (SELECT MIN(c.id) FROM copies c WHERE c.document_id = e.document_id) WHERE learned IS NULL;
  CREATE INDEX figures_learned ON figures (story, learned);
  CREATE INDEX events_learned ON events (story, learned);
  -- A document's first copy (is it seeded?) read per fact: without (document_id, id) the planner walks copies by id.
  CREATE INDEX copies_document_order ON copies (document_id, id);
  `,
  /* 4: what a view's rows are paged and filtered by (SQLite's migration 8; the timeline's rules stamp changed with it,
     so existing rows are computed again, and indexed, on their first read), and the small subsets of death figures
     /deaths reads beside its stored points (incidents; figures that may go by region, as fact-filter.ts writes it) */ `
  CREATE TABLE view_index (
    view      text NOT NULL,
    story     text NOT NULL,
    key       text COLLATE "C" NOT NULL,
    sort      text COLLATE "C" NOT NULL,
    first_day text COLLATE "C" NOT NULL,
    last_day  text COLLATE "C" NOT NULL,
    places    text NOT NULL,
    words     text NOT NULL,
    PRIMARY KEY (view, story, key)
  );
  CREATE INDEX view_index_sort ON view_index (view, story, sort, key);
  CREATE INDEX figures_scope ON figures (story, kind, scope, as_of);
  CREATE INDEX figures_regional ON figures (story, kind, as_of)
    WHERE (by_region IS NOT NULL OR (scope = 'cumulative' AND (region IS NOT NULL OR location IS NOT NULL)));
  `,
  /* 5: a statement that writes what the facts version counts notifies listeners at commit, so a process can keep the
     version in memory between writes (src/stores/postgres/facts-version.ts) */ `
  CREATE FUNCTION notify_facts_version() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_notify('${FACTS_VERSION_CHANNEL}', '');
    RETURN NULL;
  END $$;
  CREATE TRIGGER figures_notify AFTER INSERT OR UPDATE OR DELETE ON figures FOR EACH STATEMENT EXECUTE FUNCTION notify_facts_version();
  CREATE TRIGGER events_notify AFTER INSERT OR UPDATE OR DELETE ON events FOR EACH STATEMENT EXECUTE FUNCTION notify_facts_version();
  CREATE TRIGGER copies_notify AFTER INSERT OR UPDATE OR DELETE ON copies FOR EACH STATEMENT EXECUTE FUNCTION notify_facts_version();
  CREATE TRIGGER documents_notify AFTER INSERT OR UPDATE OR DELETE ON documents FOR EACH STATEMENT EXECUTE FUNCTION notify_facts_version();
  `,
  /* 6: a digest's known quotes are read day by day, the latest learned first (src/stores/shared/quotes.ts; SQLite
     migration 10); (story, date, learned) also serves everything (story, date) did */ `
  CREATE INDEX events_day_learned ON events (story, date, learned);
  DROP INDEX events_story;
  -- (the day first: led by the story, it ordered a whole story's figures by day, and a planner without statistics chose
  -- it over figures_scope for /deaths' incidents, reading every figure of the story)
  CREATE INDEX figures_day_learned ON figures (as_of, story, learned);
  `,
  /* 7: how many index rows each story's view has (SQLite migration 11): the count of a page without a filter (the
     plain /timeline) was a parallel scan of every index row of the story, ~170 ms at 252,000 without a visibility map;
     saveViewRows keeps it in the transaction that writes the index. Filled from the rows a database already holds. */ `
  CREATE TABLE view_index_counts (
    view  text NOT NULL,
    story text NOT NULL,
    n     bigint NOT NULL,
    PRIMARY KEY (view, story)
  );
  INSERT INTO view_index_counts (view, story, n) SELECT view, story, count(*) FROM view_index GROUP BY view, story;
  `,
];

/**
 * The row triggers that count each write in the facts version or mark a view's key stale, by table (migrations 1 and
 * 2). A bulk load (`cronista db copy`, src/stores/copy-to-postgres.ts) turns them off inside its transaction and does
 * their work once at the end (MARK_EVERYTHING_CHANGED): fired per row, a transaction of a million rows updates the same
 * few rows a million times, and each update walks past every version of the row the transaction left before it, so the
 * load slows down quadratically (a 100,000-document copy was still inserting after 43 minutes).
 */
export const PER_ROW_MARKERS: Readonly<Record<string, readonly string[]>> = {
  documents: ['documents_version'],
  copies: ['copies_version', 'copies_view_insert', 'copies_timeline_insert'],
  figures: ['figures_version', 'figures_view'],
  events: ['events_version', 'events_view'],
};

/** What PER_ROW_MARKERS do for every row at once: the facts version moves, every day and month of every view is stale. */
export const MARK_EVERYTHING_CHANGED = `
  UPDATE facts_version SET n = n + 1 WHERE id = 1;
  INSERT INTO view_stale (view, story, key)
    SELECT DISTINCT 'deaths', story, as_of FROM figures WHERE kind = 'deaths' AND story IS NOT NULL AND as_of IS NOT NULL
  ON CONFLICT (view, story, key) DO UPDATE SET mark = view_stale.mark + 1;
  INSERT INTO view_stale (view, story, key)
    SELECT DISTINCT 'timeline', story, substr(date, 1, 7) FROM events WHERE story IS NOT NULL
  ON CONFLICT (view, story, key) DO UPDATE SET mark = view_stale.mark + 1;
`;

/**
 * Applies the migrations this database lacks, in order, each in its own transaction under the migration lock
 * (a process that waited finds them applied and skips them). Throws when the database is newer than the code.
 */
export async function migrate(client: pg.PoolClient, url: string): Promise<void> {
  for (let version = 1; version <= migrations.length; version++) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const { rows } = await client.query<{ current: number | null }>('SELECT max(version) AS current FROM schema_migrations');
      const current = rows[0]?.current ?? 0;
      if (current > migrations.length) {
        throw new CronistaError(`${describeUrl(url)}: the database was written by a newer Cronista (schema ${current}, this one knows ${migrations.length})`);
      }
      if (current < version) {
        await client.query(migrations[version - 1]!);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }
}
