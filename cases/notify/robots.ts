/**
 * Test receivers that behave like the robots: 企业微信群机器人 (POST JSON, answer `{"errcode":0,"errmsg":"ok"}`, or
 * another errcode with HTTP 200) and 钉钉自定义机器人 (the same, and with 加签 the `timestamp`/`sign` query parameters
 * checked: sign = base64(HmacSHA256(secret, timestamp + "\n" + secret)), timestamp within one hour). Each message
 * is checked against the robot's documented JSON shape; a malformed one is refused like the robot would (errcode
 * 40035 / 300001) and recorded in `malformed`.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RobotMessage {
  readonly robot: 'wecom' | 'dingtalk';
  readonly body: Record<string, unknown>;
}

export interface Robots {
  readonly url: (robot: 'wecom' | 'dingtalk') => string;
  /** Accepted messages, in order. */
  readonly got: RobotMessage[];
  readonly attempts: { wecom: number; dingtalk: number };
  readonly malformed: string[];
  /** Answer the next N requests of a robot with this errcode (e.g. 45009: over 20 messages a minute). */
  failNext(robot: 'wecom' | 'dingtalk', times: number, errcode: number): void;
  close(): Promise<void>;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function checkWecom(b: Record<string, unknown>): string | undefined {
  if (b.msgtype === 'markdown') {
    const md = b.markdown;
    if (!isObj(md) || !isStr(md.content)) return 'markdown.content missing';
    if (Buffer.byteLength(md.content) > 4096) return 'markdown.content over 4096 bytes';
    return undefined;
  }
  if (b.msgtype === 'text') {
    const t = b.text;
    if (!isObj(t) || !isStr(t.content)) return 'text.content missing';
    if (t.mentioned_mobile_list !== undefined && !Array.isArray(t.mentioned_mobile_list)) {
      return 'mentioned_mobile_list not a list';
    }
    return undefined;
  }
  return `unknown msgtype ${String(b.msgtype)}`;
}

function checkDingtalk(b: Record<string, unknown>): string | undefined {
  if (b.msgtype !== 'markdown') return `unexpected msgtype ${String(b.msgtype)}`;
  const md = b.markdown;
  if (!isObj(md) || !isStr(md.title) || !isStr(md.text)) return 'markdown.title/text missing';
  const at = b.at;
  if (at !== undefined && (!isObj(at) || !Array.isArray(at.atMobiles))) return 'at.atMobiles not a list';
  return undefined;
}

function dingtalkSignOk(query: URLSearchParams, secret: string, now: number): boolean {
  const ts = Number(query.get('timestamp'));
  const sign = query.get('sign');
  if (!Number.isFinite(ts) || !sign || Math.abs(now - ts) > 3_600_000) return false;
  const want = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
  return sign === want;
}

export async function startRobots(dingtalkSecret?: string): Promise<Robots> {
  const got: RobotMessage[] = [];
  const malformed: string[] = [];
  const attempts = { wecom: 0, dingtalk: 0 };
  const failing = { wecom: [] as number[], dingtalk: [] as number[] };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://robot');
      const robot = u.pathname.includes('dingtalk') ? 'dingtalk' : 'wecom';
      attempts[robot]++;
      const answer = (errcode: number, errmsg: string) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errcode, errmsg }));
      };
      if (robot === 'dingtalk' && dingtalkSecret && !dingtalkSignOk(u.searchParams, dingtalkSecret, Date.now())) {
        malformed.push('dingtalk: bad signature');
        return answer(310000, 'sign not match');
      }
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        malformed.push(`${robot}: not JSON`);
        return answer(40035, 'invalid json');
      }
      const problem = isObj(body) ? (robot === 'wecom' ? checkWecom(body) : checkDingtalk(body)) : 'not an object';
      if (problem || !isObj(body)) {
        malformed.push(`${robot}: ${problem}`);
        return answer(robot === 'wecom' ? 40008 : 300001, problem ?? 'bad');
      }
      const fail = failing[robot].shift();
      if (fail !== undefined) return answer(fail, 'failing on purpose');
      got.push({ robot, body });
      answer(0, 'ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (robot) =>
      robot === 'wecom'
        ? `${base}/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa`
        : `${base}/dingtalk/robot/send?access_token=abc123`,
    got,
    attempts,
    malformed,
    failNext: (robot, times, errcode) => failing[robot].push(...Array.from({ length: times }, () => errcode)),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
