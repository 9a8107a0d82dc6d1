// Where a webhook may be sent: https only, never to a private, loopback or link-local address
// (checked when the URL is saved, and again on the addresses it resolves to at send time, so a DNS
// answer that changes after the check is caught), unless WEBHOOKS_ALLOW_PRIVATE=1 (local
// receivers: then http:// is allowed too). The POST itself: no redirect followed, 10 s at most.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { AppError } from '../../errors.js';

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

/** A private, loopback, link-local, multicast or otherwise non-public address (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  return blocked.check(bare, 'ipv6');
}

function isLocalName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal');
}

/** Refuses (422) a URL a webhook may not use: not https (http only with allowPrivate), credentials, or a private host. */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('unprocessable', 'Not a valid URL', [{ path: 'url', message: 'Not a valid URL' }], 'webhook_url_not_https');
  }
  const schemes = allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol) || url.username || url.password) {
    throw new AppError('unprocessable', 'Webhook URLs must use https', [{ path: 'url', message: 'Use an https:// URL' }], 'webhook_url_not_https');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && ((isIP(host) && isPrivateAddress(host)) || isLocalName(host))) {
    throw new AppError(
      'unprocessable',
      'Webhook URLs may not point at private, loopback or link-local addresses',
      [{ path: 'url', message: 'A private address' }],
      'webhook_url_private',
    );
  }
  return url.toString();
}

/** dns.lookup that refuses private answers: the address checked is the address connected to. */
function publicOnlyLookup(): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad || list.length === 0) return callback(new Error(`${hostname} resolves to a private address`), '', 0);
      // biome-ignore lint/suspicious/noExplicitAny: net passes `all: true` and then takes the list
      if ((options as any).all) return (callback as any)(null, list);
      return callback(null, list[0].address, list[0].family);
    });
  };
}

export interface SendResult {
  statusCode: number | null;
  error: string | null;
}

export const SEND_TIMEOUT_MS = 10_000;

/** POSTs once: the status code, or the error that stopped it. Never follows a redirect. */
export function postWebhook(rawUrl: string, headers: Record<string, string>, body: string, allowPrivate: boolean): Promise<SendResult> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(checkWebhookUrl(rawUrl, allowPrivate));
    } catch (err) {
      resolve({ statusCode: null, error: err instanceof Error ? err.message : String(err) });
      return;
    }
    const client = url.protocol === 'https:' ? https : http;
    const signal = AbortSignal.timeout(SEND_TIMEOUT_MS);
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Atrium-Webhooks/1', ...headers },
        signal,
        ...(allowPrivate ? {} : { lookup: publicOnlyLookup() }),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ statusCode: res.statusCode ?? null, error: null }));
        res.on('error', (err) => resolve({ statusCode: res.statusCode ?? null, error: err.message }));
      },
    );
    req.on('error', (err) => resolve({ statusCode: null, error: signal.aborted ? 'Timed out after 10 s' : err.message }));
    req.end(body);
  });
}
