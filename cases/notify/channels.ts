/**
 * How one outbox row is sent to each kind of target, and what counts as delivered. 企业微信 and 钉钉 robots answer
 * HTTP 200 with `{"errcode":0,"errmsg":"ok"}` on success and HTTP 200 with another errcode on failure (bad key,
 * 20 messages a minute exceeded, bad signature), so for them a 2xx is not enough: errcode must be 0.
 */
import { createHmac } from 'node:crypto';

export type OutboxKind = 'webhook' | 'wecom' | 'dingtalk';

export interface OutboxTarget {
  readonly id: string;
  readonly kind?: OutboxKind;
  readonly url: string;
  readonly secret?: string;
  readonly maxAttempts: number;
  readonly retryBaseSeconds: number;
  readonly retryMaxSeconds: number;
  readonly timeoutSeconds: number;
}

export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** 钉钉加签: base64(HmacSHA256(secret, timestamp + "\n" + secret)), timestamp in ms, both as query parameters. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

export function dingtalkUrl(url: string, secret: string | undefined, nowMs: number): string {
  if (!secret) return url;
  const u = new URL(url);
  u.searchParams.set('timestamp', String(nowMs));
  u.searchParams.set('sign', dingtalkSign(secret, nowMs));
  return u.toString();
}

export interface OutboxRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
}

/** `nowMs` stamps webhooks (the app clock); DingTalk checks its signature's timestamp against real time (`wallMs`). */
export function buildRequest(
  target: OutboxTarget,
  rowId: number,
  body: string,
  nowMs: number,
  wallMs: number = Date.now(),
): OutboxRequest {
  const json = { 'content-type': 'application/json' };
  switch (target.kind ?? 'webhook') {
    case 'wecom':
      return { url: target.url, headers: json };
    case 'dingtalk':
      return { url: dingtalkUrl(target.url, target.secret, wallMs), headers: json };
    default: {
      const ts = String(Math.floor(nowMs / 1000));
      return {
        url: target.url,
        headers: {
          ...json,
          'x-gridwatch-delivery': String(rowId),
          'x-gridwatch-timestamp': ts,
          'x-gridwatch-signature': webhookSignature(target.secret ?? '', ts, body),
        },
      };
    }
  }
}

/** undefined = delivered; otherwise why not. */
export async function judgeResponse(target: OutboxTarget, res: Response): Promise<string | undefined> {
  if (!res.ok) {
    await res.body?.cancel();
    return `HTTP ${res.status}`;
  }
  if ((target.kind ?? 'webhook') === 'webhook') {
    await res.body?.cancel();
    return undefined;
  }
  const text = await res.text();
  let reply: { errcode?: unknown; errmsg?: unknown };
  try {
    reply = JSON.parse(text) as typeof reply;
  } catch {
    return `robot answered something that is not JSON: ${text.slice(0, 100)}`;
  }
  return reply.errcode === 0
    ? undefined
    : `robot refused: errcode ${String(reply.errcode)} ${String(reply.errmsg ?? '')}`;
}
