/**
 * The facts version without a round trip per answer. Every warm answer asks `factsVersion` (the key of the derived
 * views cached in memory, src/timeline/cache.ts); on SQLite that is a read of a local file, on a server a round trip
 * that costs more than the cached answer. So a store LISTENs on the channel migration 5's triggers notify at commit
 * of any write of facts, documents or copies (in whichever process), and keeps the version it last read until:
 * - a notification arrives (another writer committed);
 * - this store wrote (`changed`, after each of its writes: its own commit is visible before its notification is);
 * - MAX_AGE_MS passed: bounds how long a listening connection that died without a word (a silent network) can hide
 *   other processes' writes;
 * - the listening connection failed: then every call reads, as without a listener, until listening again (at most
 *   once per RETRY_MS).
 * A read started before a notification or a write is not kept (the generation moved meanwhile).
 */
import type pg from 'pg';
import { createClient } from './connection.ts';
import { FACTS_VERSION_CHANNEL } from './migrations.ts';

const MAX_AGE_MS = 1000;
const RETRY_MS = 5000;

export class FactsVersionWatch {
  private cached: { version: string; at: number } | null = null;
  /** Moves on every notification, own write and listener failure: a read that overlapped one is not kept. */
  private generation = 0;
  private listener: pg.Client | null = null;
  private connecting: Promise<pg.Client | null> | null = null;
  private retryAfter = 0;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly read: () => Promise<string>,
  ) {}

  async current(): Promise<string> {
    if (this.cached && this.listener && performance.now() - this.cached.at < MAX_AGE_MS) return this.cached.version;
    // Listening before reading: any commit the read does not see notifies afterwards.
    const listening = (await this.listen()) !== null;
    const generation = this.generation;
    const version = await this.read();
    if (listening && generation === this.generation && this.listener) this.cached = { version, at: performance.now() };
    return version;
  }

  /** This store wrote facts, documents or copies (or tried to): the next call reads. */
  changed(): void {
    this.generation++;
    this.cached = null;
  }

  /** The listening connection, made on first use; null while it cannot be had (every call then reads). */
  private listen(): Promise<pg.Client | null> {
    if (this.listener || this.closed || performance.now() < this.retryAfter) return Promise.resolve(this.listener);
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<pg.Client | null> {
    const client = createClient(this.url);
    const lost = () => {
      if (this.listener === client) this.listener = null;
      this.retryAfter = performance.now() + RETRY_MS;
      this.changed();
      client.end().catch(() => {});
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => this.changed());
    try {
      await client.connect();
      await client.query(`LISTEN ${FACTS_VERSION_CHANNEL}`);
    } catch {
      lost();
      return null;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return null;
    }
    this.listener = client;
    return client;
  }

  /** Stops listening; later calls read every time. */
  async close(): Promise<void> {
    this.closed = true;
    await this.connecting;
    const client = this.listener;
    this.listener = null;
    this.cached = null;
    await client?.end().catch(() => {});
  }
}
