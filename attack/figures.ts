/**
 * The suite's figures: each attack file appends one JSON line per attack tried (refused or not), fuzz batch, memory
 * measurement and latency measurement to test-output/attack/figures.jsonl; global-setup.ts prints the summary.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../kernel/testing.ts';
import type { LatencyStats } from './latency.ts';

export const figuresDir = path.join(repoRoot, 'test-output', 'attack');
export const figuresFile = path.join(figuresDir, 'figures.jsonl');

export type Figure =
  | { readonly kind: 'attack'; readonly file: string; readonly name: string; readonly refused: boolean }
  | { readonly kind: 'fuzz'; readonly file: string; readonly name: string; readonly n: number }
  | {
      readonly kind: 'memory';
      readonly file: string;
      readonly name: string;
      readonly beforeMb: number;
      readonly afterMb: number;
      readonly peakMb: number;
    }
  | ({ readonly kind: 'latency'; readonly file: string; readonly name: string } & LatencyStats);

type Payload<K extends Figure['kind']> = Omit<Extract<Figure, { kind: K }>, 'kind' | 'file' | 'name'>;

export interface Recorder {
  /** One attack tried; returns `refused` (assert on it as well). */
  attack(name: string, refused: boolean): boolean;
  fuzz(name: string, n: number): void;
  memory(name: string, m: Payload<'memory'>): void;
  latency(name: string, l: LatencyStats): void;
}

export function recorder(testFile: string): Recorder {
  const file = path.basename(testFile);
  const write = (f: Figure): void => {
    mkdirSync(figuresDir, { recursive: true });
    appendFileSync(figuresFile, `${JSON.stringify(f)}\n`);
  };
  return {
    attack: (name, refused) => {
      write({ kind: 'attack', file, name, refused });
      return refused;
    },
    fuzz: (name, n) => write({ kind: 'fuzz', file, name, n }),
    memory: (name, m) => write({ kind: 'memory', file, name, ...m }),
    latency: (name, l) => write({ kind: 'latency', file, name, ...l }),
  };
}
