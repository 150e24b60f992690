/**
 * The guard for URLs that arrive from chat (/feeds add|test, /config import url:, imported feeds and
 * webhooks): http(s) only, and never a private, loopback, link-local, multicast or otherwise internal
 * address — checked on the literal, on every address the host name resolves to (node:dns), and, for
 * the fetches made on a chat user's behalf (`fetchGuarded`), again on every connection and every
 * redirect, so neither a redirect nor a DNS answer that changes in between reaches an internal host.
 *
 * Trust: what the operator configures (the config file, `cronista ingest`, `cronista config import`,
 * the console) is not checked; only callers on chat platforms (caller.platform !== 'console') are.
 * `CRONISTA_ALLOW_HOSTS` (comma-separated host names, IPs or CIDRs, e.g. "127.0.0.1,10.1.0.0/16,feeds.lan")
 * lets chosen internal hosts through (tests set 127.0.0.1 for their local feed server).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent } from 'undici';
import type { Caller } from '../core/command.ts';
import { InputError, errorMessage } from '../core/errors.ts';
import { fetchResource, type FetchOptions, type FetchedResource } from './http.ts';

/** A URL refused by the guard: the message says why, in one line. */
export class BlockedUrlError extends InputError {
  override name = 'BlockedUrlError';
}

type Bytes = number[];

/** 4 bytes for IPv4, 16 for IPv6, or null when `text` is not an IP literal. */
export function parseIp(text: string): Bytes | null {
  const address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const kind = isIP(address);
  if (kind === 4) return address.split('.').map(Number);
  if (kind !== 6) return null;
  let head = address;
  let tailV4: Bytes = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (v4) {
    tailV4 = v4[1]!.split('.').map(Number);
    head = address.slice(0, -v4[1]!.length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const groupsWanted = 8 - tailV4.length / 2;
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').filter((g) => g !== '').map((g) => parseInt(g, 16)) : []);
  const leftGroups = parse(left);
  const rightGroups = parse(right);
  const groups = right === undefined && !head.includes('::')
    ? leftGroups
    : [...leftGroups, ...new Array(groupsWanted - leftGroups.length - rightGroups.length).fill(0), ...rightGroups];
  if (groups.length !== groupsWanted) return null;
  return [...groups.flatMap((g) => [g >> 8, g & 0xff]), ...tailV4];
}

interface Cidr {
  bytes: Bytes;
  bits: number;
}

function cidr(text: string): Cidr | null {
  const [address, bitsText] = text.trim().split('/');
  const bytes = parseIp(address ?? '');
  if (!bytes) return null;
  const bits = bitsText === undefined ? bytes.length * 8 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > bytes.length * 8) return null;
  return { bytes, bits };
}

function inCidr(bytes: Bytes, range: Cidr): boolean {
  if (bytes.length !== range.bytes.length) return false;
  for (let bit = 0; bit < range.bits; bit++) {
    const mask = 0x80 >> bit % 8;
    if ((bytes[bit >> 3]! & mask) !== (range.bytes[bit >> 3]! & mask)) return false;
  }
  return true;
}

const BLOCKED: [string, string][] = [
  ['0.0.0.0/8', '"this network"'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'carrier-grade NAT (private)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local (cloud metadata)'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'documentation'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['fc00::/7', 'private (unique local)'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local'],
  ['ff00::/8', 'multicast'],
  ['2001:db8::/32', 'documentation'],
];
const BLOCKED_RANGES = BLOCKED.map(([range, why]) => ({ range: cidr(range)!, why }));

/** IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4): the IPv4 one is what is reached. */
function embeddedV4(bytes: Bytes): Bytes | null {
  if (bytes.length !== 16) return null;
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
  if (zeros(0, 12) && !zeros(12, 16) && !(zeros(12, 15) && bytes[15] === 1)) return bytes.slice(12);
  if (inCidr(bytes, cidr('64:ff9b::/96')!) || inCidr(bytes, cidr('64:ff9b:1::/48')!)) return bytes.slice(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6);
  return null;
}

/** Why an address must not be fetched from chat (e.g. "loopback"), or null when it is public. */
export function internalAddressReason(address: string): string | null {
  const bytes = parseIp(address);
  if (!bytes) return 'not an IP address';
  const v4 = embeddedV4(bytes);
  if (v4) {
    const inner = internalAddressReason(v4.join('.'));
    if (inner) return `${inner} (IPv4 inside IPv6)`;
  }
  return BLOCKED_RANGES.find(({ range }) => inCidr(bytes, range))?.why ?? null;
}

export interface AllowList {
  hosts: Set<string>;
  ranges: Cidr[];
}

/** CRONISTA_ALLOW_HOSTS, read on every check (so tests and operators can change it at run time). */
export function allowListFromEnv(value = process.env.CRONISTA_ALLOW_HOSTS): AllowList {
  const list: AllowList = { hosts: new Set(), ranges: [] };
  for (const entry of (value ?? '').split(',').map((item) => item.trim().toLowerCase()).filter(Boolean)) {
    const range = cidr(entry);
    if (range) list.ranges.push(range);
    else list.hosts.add(entry.replace(/^\[|\]$/g, '').replace(/\.$/, ''));
  }
  return list;
}

function allowedAddress(address: string, allow: AllowList): boolean {
  const bytes = parseIp(address);
  if (!bytes) return false;
  const candidates = [bytes, embeddedV4(bytes)].filter((b): b is Bytes => b !== null);
  return candidates.some((candidate) => allow.ranges.some((range) => inCidr(candidate, range)));
}

/** Host names that name this machine or the local network whatever DNS says. */
function localName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal') || host === 'localhost.localdomain' || !host.includes('.');
}

export type Resolver = (host: string) => Promise<string[]>;

const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses.map((a) => a.address)))));

/** Refuses (BlockedUrlError, one line) an address list that reaches anything internal and is not allowed. */
function checkAddresses(host: string, addresses: readonly string[], allow: AllowList): void {
  for (const address of addresses) {
    if (allowedAddress(address, allow)) continue;
    const why = internalAddressReason(address);
    if (why) {
      const shown = address === host ? host : `${host} (${address})`;
      throw new BlockedUrlError(`Refused: ${shown} is a ${why} address; from chat only public hosts can be fetched (the operator can allow it with CRONISTA_ALLOW_HOSTS).`);
    }
  }
}

/**
 * Checks a URL given in chat: http(s) only; the host must not be (or resolve to) an internal address
 * unless CRONISTA_ALLOW_HOSTS allows it. Returns the parsed URL; throws BlockedUrlError saying why.
 */
export async function checkPublicUrl(url: string, options: { resolve?: Resolver; allow?: AllowList } = {}): Promise<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new BlockedUrlError(`"${url}" is not a URL; give a full http(s) address such as https://example.org/feed.xml.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new BlockedUrlError(`Refused: only http(s) URLs can be used from chat, not ${parsed.protocol} (${url}).`);
  }
  if (parsed.username || parsed.password) throw new BlockedUrlError(`Refused: URLs with a user name or password cannot be used from chat (${parsed.host}).`);
  const allow = options.allow ?? allowListFromEnv();
  const host = parsed.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (allow.hosts.has(host)) return parsed;
  if (parseIp(host)) {
    checkAddresses(host, [host], allow);
    return parsed;
  }
  if (localName(host)) {
    throw new BlockedUrlError(`Refused: ${host} names a local or internal host; from chat only public hosts can be fetched (the operator can allow it with CRONISTA_ALLOW_HOSTS).`);
  }
  let addresses: string[];
  try {
    addresses = await (options.resolve ?? systemResolver)(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BlockedUrlError(`Cannot resolve ${host} (${code ?? errorMessage(error)}); check the address.`);
  }
  if (addresses.length === 0) throw new BlockedUrlError(`Cannot resolve ${host}; check the address.`);
  checkAddresses(host, addresses, allow);
  return parsed;
}

/** The guard for a caller: chat platforms are checked, the console (the operator) is trusted. */
export async function checkUrlFor(caller: Pick<Caller, 'platform'>, url: string): Promise<void> {
  if (caller.platform === 'console') return;
  await checkPublicUrl(url);
}

/** A net.connect lookup that refuses internal addresses: closes DNS rebinding between check and connect. */
function guardedLookup(allow: () => AllowList): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      const host = hostname.toLowerCase();
      try {
        if (!allow().hosts.has(host)) checkAddresses(host, addresses.map((a) => a.address), allow());
      } catch (blocked) {
        return callback(Object.assign(blocked as Error, { code: 'EBLOCKED' }), '', 4);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

let agent: Agent | null = null;
function guardedAgent(): Agent {
  agent ??= new Agent({ connect: { lookup: guardedLookup(() => allowListFromEnv()) } });
  return agent;
}

/** Accept for chat fetches: feeds, and YAML for `/config import url:`. */
const GUARDED_ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/yaml;q=0.9, */*;q=0.5';

/**
 * GET for a chat user (`/feeds test`, `/config import url:`) and the scheduled polls of feeds added
 * from chat: `fetchResource` (same options: conditional requests, limits, timeouts), but every hop of
 * every redirect passes `checkPublicUrl`, and every connection re-checks the addresses it connects to.
 * Refusals are BlockedUrlError ("Refused: … is a loopback address …").
 */
export function fetchGuarded(url: string, options: FetchOptions = {}): Promise<FetchedResource> {
  return fetchResource(url, {
    accept: GUARDED_ACCEPT,
    ...options,
    dispatcher: guardedAgent(),
    checkUrl: (target) => checkPublicUrl(target),
  });
}
