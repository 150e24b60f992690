/**
 * Schema versions, applied in order inside one transaction each; PRAGMA user_version records the
 * last one applied. Never edit a released migration: add the next one.
 */
/** One trigger per table and change moving the facts version (migration 5): `<table>_<insert|update|delete>_version`. */
function versionTriggers(tables: readonly string[]): string {
  return tables
    .flatMap((table) => ['INSERT', 'UPDATE', 'DELETE'].map((change) =>
      `  CREATE TRIGGER ${table}_${change.toLowerCase()}_version AFTER ${change} ON ${table} BEGIN UPDATE facts_version SET n = n + 1 WHERE id = 1; END;`))
    .join('\n');
}

/**
 * Triggers marking the dates of a document's death figures stale in the derived views (migration 6): a new copy
 * or a changed title, outlet or publication day changes the sources those figures are shown with.
 */
function staleDeathDates(name: string, on: string, documentId: string, when = ''): string {
  return `  CREATE TRIGGER ${name} AFTER ${on}${when ? ` WHEN ${when}` : ''} BEGIN
    INSERT INTO view_stale (view, story, key) SELECT 'deaths', story, as_of FROM figures
     WHERE document_id = ${documentId} AND kind = 'deaths' AND story IS NOT NULL AND as_of IS NOT NULL
    ON CONFLICT DO UPDATE SET mark = mark + 1;
  END;`;
}

/**
 * Triggers marking the months of a document's events stale in the timeline view (migration 7): a new copy (one more
 * unit to merge) or a changed title, outlet or publication day (the sources the events are shown with).
 */
function staleEventMonths(name: string, on: string, documentId: string): string {
  return `  CREATE TRIGGER ${name} AFTER ${on} BEGIN
    INSERT INTO view_stale (view, story, key) SELECT DISTINCT 'timeline', story, substr(date, 1, 7) FROM events
     WHERE document_id = ${documentId} AND story IS NOT NULL
    ON CONFLICT DO UPDATE SET mark = mark + 1;
  END;`;
}

export const migrations: readonly string[] = [
  /* 1: sources, documents and the copies that link them; dedup indexes; full-text search; kv */ `
  CREATE TABLE sources (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    url           TEXT NOT NULL UNIQUE,
    title         TEXT,
    created_at    TEXT NOT NULL,
    last_success  TEXT,
    last_error    TEXT,
    last_error_at TEXT,
    failures      INTEGER NOT NULL DEFAULT 0,
    enabled       INTEGER NOT NULL DEFAULT 1,
    etag          TEXT,
    last_modified TEXT
  );
  CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    title        TEXT,
    text         TEXT NOT NULL,
    published    TEXT,
    language     TEXT,
    content_hash TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL
  );
  -- A document as one source carried it; id order is the order Cronista learned things in.
  CREATE TABLE copies (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    source_id   TEXT NOT NULL REFERENCES sources(id),
    item_key    TEXT NOT NULL,
    url         TEXT,
    title       TEXT,
    published   TEXT,
    outlet      TEXT,
    ingested_at TEXT NOT NULL,
    UNIQUE (source_id, item_key)
  );
  CREATE INDEX copies_document ON copies (document_id);
  -- Normalised sentence hashes: candidates for near-duplicate and containment checks.
  CREATE TABLE sentence_hashes (
    hash        INTEGER NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (hash, document_id)
  ) WITHOUT ROWID;
  CREATE INDEX sentence_hashes_document ON sentence_hashes (document_id);
  CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id');
  CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
  END;
  CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
  END;
  CREATE TABLE kv (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL,
    expires INTEGER
  );
  `,
  /* 2: facts extracted from documents, replaced whole whenever a document's text changes */ `
  CREATE TABLE figures (
    id              INTEGER PRIMARY KEY,
    document_id     INTEGER NOT NULL REFERENCES documents(id),
    story           TEXT,
    kind            TEXT NOT NULL,
    value           INTEGER NOT NULL,
    qualifier       TEXT NOT NULL,
    scope           TEXT NOT NULL,
    location        TEXT,
    region          TEXT,
    as_of           TEXT,
    as_of_precision TEXT,
    quote           TEXT NOT NULL,
    attribution     TEXT,
    official        INTEGER NOT NULL DEFAULT 0,
    by_region       TEXT,
    created_at      TEXT NOT NULL
  );
  CREATE INDEX figures_document ON figures (document_id);
  CREATE INDEX figures_story ON figures (story, kind, as_of);
  CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    story       TEXT,
    date        TEXT NOT NULL,
    precision   TEXT NOT NULL,
    text        TEXT NOT NULL,
    places      TEXT NOT NULL,
    actors      TEXT NOT NULL,
    quote       TEXT NOT NULL,
    created_at  TEXT NOT NULL
  );
  CREATE INDEX events_document ON events (document_id);
  CREATE INDEX events_story ON events (story, date);
  `,
  /* 3: polling — silent copies (a subscribed feed's first fetch: stored, never announced) and backoff */ `
  ALTER TABLE copies ADD COLUMN silent INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sources ADD COLUMN retry_after TEXT;
  `,
  /* 4: when each fact was learned (a document's later, fuller text brings facts later than its first copy) */ `
  ALTER TABLE figures ADD COLUMN learned INTEGER;
  ALTER TABLE events ADD COLUMN learned INTEGER;
  `,
  /* 5: a version that moves only when what answers are derived from changes (facts, documents, copies), not on every
     write (cursors, outbox, poll state): a poll that stores nothing keeps every cached view */ `
  CREATE TABLE facts_version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
  INSERT INTO facts_version (id, n) VALUES (1, 0);
${versionTriggers(['figures', 'events', 'copies', 'documents'])}
  `,
  /* 6: derived views kept in the store (src/timeline/death-view.ts computes them): the /deaths points per date, and the
     keys that writes made stale, marked in the writes' own transactions (mark grows on each change, so a refresh clears
     only what it answered) */ `
  CREATE TABLE view_rows (
    view  TEXT NOT NULL,
    story TEXT NOT NULL,
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (view, story, key)
  ) WITHOUT ROWID;
  CREATE TABLE view_stale (
    view  TEXT NOT NULL,
    story TEXT NOT NULL,
    key   TEXT NOT NULL,
    mark  INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (view, story, key)
  ) WITHOUT ROWID;
  CREATE TABLE view_stamps (
    view  TEXT NOT NULL,
    story TEXT NOT NULL,
    stamp TEXT NOT NULL,
    PRIMARY KEY (view, story)
  ) WITHOUT ROWID;
  CREATE TRIGGER figures_view_insert AFTER INSERT ON figures
    WHEN new.kind = 'deaths' AND new.story IS NOT NULL AND new.as_of IS NOT NULL BEGIN
    INSERT INTO view_stale (view, story, key) VALUES ('deaths', new.story, new.as_of) ON CONFLICT DO UPDATE SET mark = mark + 1;
  END;
  CREATE TRIGGER figures_view_delete AFTER DELETE ON figures
    WHEN old.kind = 'deaths' AND old.story IS NOT NULL AND old.as_of IS NOT NULL BEGIN
    INSERT INTO view_stale (view, story, key) VALUES ('deaths', old.story, old.as_of) ON CONFLICT DO UPDATE SET mark = mark + 1;
  END;
${staleDeathDates('copies_view_insert', 'INSERT ON copies', 'new.document_id')}
${staleDeathDates('copies_view_update', 'UPDATE OF title, url, outlet, published ON copies', 'new.document_id')}
${staleDeathDates('documents_view_update', 'UPDATE OF title, published ON documents', 'new.id')}
  CREATE TRIGGER sources_view_title AFTER UPDATE OF title ON sources WHEN old.title IS NOT new.title BEGIN
    INSERT INTO view_stale (view, story, key) SELECT 'deaths', f.story, f.as_of FROM figures f JOIN copies c ON c.document_id = f.document_id
     WHERE c.source_id = new.id AND f.kind = 'deaths' AND f.story IS NOT NULL AND f.as_of IS NOT NULL
    ON CONFLICT DO UPDATE SET mark = mark + 1;
  END;
  INSERT INTO view_stale (view, story, key) SELECT DISTINCT 'deaths', story, as_of FROM figures
   WHERE kind = 'deaths' AND story IS NOT NULL AND as_of IS NOT NULL;
  `,
  /* 7: the timeline view (src/timeline/timeline-view.ts): merged events kept by month; an event stored or deleted marks
     its month, a document's new copy or changed source data the months of its events */ `
  CREATE TRIGGER events_view_insert AFTER INSERT ON events WHEN new.story IS NOT NULL BEGIN
    INSERT INTO view_stale (view, story, key) VALUES ('timeline', new.story, substr(new.date, 1, 7)) ON CONFLICT DO UPDATE SET mark = mark + 1;
  END;
  CREATE TRIGGER events_view_delete AFTER DELETE ON events WHEN old.story IS NOT NULL BEGIN
    INSERT INTO view_stale (view, story, key) VALUES ('timeline', old.story, substr(old.date, 1, 7)) ON CONFLICT DO UPDATE SET mark = mark + 1;
  END;
${staleEventMonths('copies_timeline_insert', 'INSERT ON copies', 'new.document_id')}
${staleEventMonths('copies_timeline_update', 'UPDATE OF title, url, outlet, published ON copies', 'new.document_id')}
${staleEventMonths('documents_timeline_update', 'UPDATE OF title, published ON documents', 'new.id')}
  CREATE TRIGGER sources_timeline_title AFTER UPDATE OF title ON sources WHEN old.title IS NOT new.title BEGIN
    INSERT INTO view_stale (view, story, key) SELECT DISTINCT 'timeline', e.story, substr(e.date, 1, 7) FROM events e JOIN copies c ON c.document_id = e.document_id
     WHERE c.source_id = new.id AND e.story IS NOT NULL
    ON CONFLICT DO UPDATE SET mark = mark + 1;
  END;
  INSERT INTO view_stale (view, story, key) SELECT DISTINCT 'timeline', story, substr(date, 1, 7) FROM events WHERE story IS NOT NULL;
  `,
  /* 8: what a view's rows are paged and filtered by in SQL (the timeline's merged events: /timeline reads one page);
     written with the rows by saveViewRows, deleted with them. The timeline's rules stamp changed with it, so existing
     rows are computed again (and indexed) on their first read. And the small subsets of death figures /deaths reads
     beside its stored points (incidents; figures that may go by region: FactFilter.regional, written exactly as
     src/stores/shared/fact-filter.ts writes it, so the planner takes the partial index) without reading the others. */ `
  CREATE TABLE view_index (
    view      TEXT NOT NULL,
    story     TEXT NOT NULL,
    key       TEXT NOT NULL,
    sort      TEXT NOT NULL,
    first_day TEXT NOT NULL,
    last_day  TEXT NOT NULL,
    places    TEXT NOT NULL,
    words     TEXT NOT NULL,
    PRIMARY KEY (view, story, key)
  ) WITHOUT ROWID;
  CREATE INDEX view_index_sort ON view_index (view, story, sort);
  CREATE INDEX figures_scope ON figures (story, kind, scope, as_of);
  CREATE INDEX figures_regional ON figures (story, kind, as_of)
    WHERE (by_region IS NOT NULL OR (scope = 'cumulative' AND (region IS NOT NULL OR location IS NOT NULL)));
  `,
  /* 9: every fact's learned sequence is stored (facts stored before migration 4 take their document's first copy, as
     the readers did with a subquery per fact; every insert since sets it), so a digest's window — the facts learned
     after its cursor — is read through an index instead of testing every fact of the story (Postgres migration 3) */ `
  UPDATE figures SET learned = (SELECT MIN(c.id) FROM copies c WHERE c.document_id = figures.document_id) WHERE learned IS NULL;
  UPDATE events SET learned = (SELECT MIN(c.id) FROM copies c WHERE c.document_id = events.document_id) WHERE learned IS NULL;
  CREATE INDEX figures_learned ON figures (story, learned);
  CREATE INDEX events_learned ON events (story, learned);
  `,
  /* 10: a digest's known quotes are read day by day, the latest learned first (src/stores/shared/quotes.ts; Postgres
     migration 6); (story, date, learned) also serves everything (story, date) did */ `
  CREATE INDEX events_day_learned ON events (story, date, learned);
  DROP INDEX events_story;
  -- (the day first: led by the story, it ordered a whole story's figures by day, and a planner without statistics chose
  -- it over figures_scope for /deaths' incidents, reading every figure of the story)
  CREATE INDEX figures_day_learned ON figures (as_of, story, learned);
  `,
  /* 11: how many index rows each story's view has (Postgres migration 7): the count of a page without a filter (the
     plain /timeline) was a count of every index row of the story, ~45 ms at 252,000; saveViewRows keeps it in the
     transaction that writes the index. Filled from the rows an install already holds. */ `
  CREATE TABLE view_index_counts (
    view  TEXT NOT NULL,
    story TEXT NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (view, story)
  ) WITHOUT ROWID;
  INSERT INTO view_index_counts (view, story, n) SELECT view, story, count(*) FROM view_index GROUP BY view, story;
  `,
];
