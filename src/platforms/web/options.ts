/** Where the story pages listen, from the environment: apart from server.ts so reading it loads no web server. */
import { ConfigError } from '../../core/config.ts';

export interface WebAddress {
  host: string;
  port: number;
  /** CRONISTA_PUBLIC_URL: the address people use (feed links); else the request's own host. */
  publicUrl?: string;
}

const DEFAULT_PORT = 8080;

/** The web server's address from the environment, or null when CRONISTA_HTTP_PORT is "off". */
export function webOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): WebAddress | null {
  const rawPort = env.CRONISTA_HTTP_PORT?.trim() ?? '';
  if (/^(off|false|no|none)$/i.test(rawPort)) return null;
  const port = rawPort === '' ? DEFAULT_PORT : Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`CRONISTA_HTTP_PORT: expected a port number (0-65535) or "off", not "${rawPort}"`);
  const publicUrl = env.CRONISTA_PUBLIC_URL?.trim();
  if (publicUrl && !/^https?:\/\/[^/\s]/i.test(publicUrl)) throw new ConfigError(`CRONISTA_PUBLIC_URL: expected an http(s):// address, not "${publicUrl}"`);
  return { host: env.CRONISTA_HTTP_HOST?.trim() || '127.0.0.1', port, ...(publicUrl ? { publicUrl } : {}) };
}
