/**
 * CI's dependency audit: `npm audit --omit=dev` (production dependencies), failing on any high or critical advisory
 * that is not in the reviewed allow-list `audit-allowlist.json` ({ advisories: [{ id, package, reason, reviewed }] },
 * id = the GHSA id or npm's advisory number). When the registry cannot answer the audit (offline, or a mirror without
 * the audit endpoint) it says so plainly and does not fail: that is not a finding.
 *   node --import tsx scripts/audit.ts [--allowlist FILE]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AllowEntry {
  readonly id: string;
  readonly package: string;
  readonly reason: string;
  readonly reviewed: string;
}

export interface Advisory {
  readonly id: string;
  readonly package: string;
  readonly severity: string;
  readonly title: string;
  readonly url: string;
}

interface Via {
  readonly source?: number;
  readonly name?: string;
  readonly title?: string;
  readonly url?: string;
  readonly severity?: string;
}

export type AuditOutcome =
  | { readonly kind: 'unavailable'; readonly why: string }
  | { readonly kind: 'checked'; readonly blocking: readonly Advisory[]; readonly allowed: readonly Advisory[] };

const SERIOUS = new Set(['high', 'critical']);

/** The high/critical advisories in `npm audit --json` output, split by the allow-list; or why there is no report. */
export function judge(json: string, allow: readonly AllowEntry[]): AuditOutcome {
  let report: { vulnerabilities?: Record<string, { via?: (Via | string)[] }>; message?: string; error?: unknown };
  try {
    report = JSON.parse(json) as typeof report;
  } catch {
    return { kind: 'unavailable', why: `npm audit printed no JSON report: ${json.slice(0, 200)}` };
  }
  if (!report.vulnerabilities) return { kind: 'unavailable', why: report.message ?? 'npm audit gave no report' };
  const found = new Map<string, Advisory>();
  for (const v of Object.values(report.vulnerabilities))
    for (const via of v.via ?? []) {
      if (typeof via === 'string' || !via.severity || !SERIOUS.has(via.severity)) continue;
      const ghsa = /GHSA-[\w-]+/.exec(via.url ?? '')?.[0];
      const id = ghsa ?? String(via.source);
      found.set(id, {
        id,
        package: via.name ?? '?',
        severity: via.severity,
        title: via.title ?? '',
        url: via.url ?? '',
      });
    }
  const ok = new Set(allow.map((a) => a.id));
  const all = [...found.values()];
  return { kind: 'checked', blocking: all.filter((a) => !ok.has(a.id)), allowed: all.filter((a) => ok.has(a.id)) };
}

function main(): number {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const i = process.argv.indexOf('--allowlist');
  const listFile = i > 0 ? process.argv[i + 1]! : path.join(root, 'audit-allowlist.json');
  const allow = (JSON.parse(readFileSync(listFile, 'utf8')) as { advisories: AllowEntry[] }).advisories;
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const out = judge(run.stdout || run.stderr || String(run.error ?? ''), allow);
  if (out.kind === 'unavailable') {
    process.stdout.write(`audit: SKIPPED — the npm registry did not answer the audit request (${out.why.trim()})\n`);
    return 0;
  }
  for (const a of out.allowed) process.stdout.write(`audit: allowed (reviewed) ${a.id} ${a.package}: ${a.title}\n`);
  for (const a of out.blocking)
    process.stdout.write(`audit: ${a.severity.toUpperCase()} ${a.id} in ${a.package}: ${a.title} ${a.url}\n`);
  process.stdout.write(
    out.blocking.length
      ? `audit: ${out.blocking.length} high/critical advisories not in ${path.basename(listFile)}: ` +
          'fix, or review and list them\n'
      : `audit: ok (no high/critical advisory in production dependencies outside the allow-list)\n`,
  );
  return out.blocking.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main());
