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
 * Address arithmetic (parsing, CIDR ranges, IPv4 inside IPv6) is ipaddr.js'; the list of refused ranges is ours.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';
import type { Caller } from '../core/command.ts';
import { InputError, errorMessage } from '../core/errors.ts';
import { fetchResource, type FetchOptions, type FetchedResource } from './http.ts';

/** A URL refused by the guard: the message says why, in one line. */
export class BlockedUrlError extends InputError {
  override name = 'BlockedUrlError';
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Address, number];

/** The address of an IP literal (brackets and zone dropped), or null. Strict: "127.1" is no literal here (URL parsing normalizes it first). */
function parseAddress(text: string): Address | null {
  const address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  return isIP(address) ? ipaddr.parse(address) : null;
}

/** 4 bytes for IPv4, 16 for IPv6, or null when `text` is not an IP literal. */
export function parseIp(text: string): number[] | null {
  return parseAddress(text)?.toByteArray() ?? null;
}

/** "10.0.0.0/8", "fd00::/8", or a bare address (a range of one). */
function cidr(text: string): Cidr | null {
  const [address, bits] = text.trim().split('/');
  const parsed = parseAddress(address ?? '');
  if (!parsed) return null;
  if (bits === undefined) return [parsed, parsed.kind() === 'ipv4' ? 32 : 128];
  try {
    return ipaddr.parseCIDR(`${parsed.toString()}/${bits}`);
  } catch {
    return null;
  }
}

const inCidr = (address: Address, range: Cidr) => address.kind() === range[0].kind() && address.match(range);

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
  // A Teredo address tunnels to an IPv4 host (its server in bits 32–63, its client obfuscated in the last 32).
  ['2001::/32', 'Teredo tunnel'],
];
const BLOCKED_RANGES = BLOCKED.map(([range, why]) => ({ range: cidr(range)!, why }));
const NAT64 = [cidr('64:ff9b::/96')!, cidr('64:ff9b:1::/48')!];
const SIX_TO_FOUR = cidr('2002::/16')!;

/** IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4): the IPv4 one is what is reached. */
function embeddedV4(address: Address): ipaddr.IPv4 | null {
  if (address.kind() !== 'ipv6') return null;
  const v6 = address as ipaddr.IPv6;
  const bytes = v6.toByteArray();
  const v4 = (from: number) => ipaddr.fromByteArray(bytes.slice(from, from + 4)) as ipaddr.IPv4;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address();
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  // IPv4-compatible (::a.b.c.d), but not :: nor ::1
  if (zeros(0, 12) && !zeros(12, 16) && !(zeros(12, 15) && bytes[15] === 1)) return v4(12);
  if (NAT64.some((range) => v6.match(range))) return v4(12);
  if (v6.match(SIX_TO_FOUR)) return v4(2);
  return null;
}

/** Why an address must not be fetched from chat (e.g. "loopback"), or null when it is public. */
export function internalAddressReason(text: string): string | null {
  const address = parseAddress(text);
  if (!address) return 'not an IP address';
  const v4 = embeddedV4(address);
  if (v4) {
    const inner = internalAddressReason(v4.toString());
    if (inner) return `${inner} (IPv4 inside IPv6)`;
  }
  return BLOCKED_RANGES.find(({ range }) => inCidr(address, range))?.why ?? null;
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

function allowedAddress(text: string, allow: AllowList): boolean {
  const address = parseAddress(text);
  if (!address) return false;
  const candidates = [address, embeddedV4(address)].filter((a): a is Address => a !== null);
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
