/** Attack suite global setup: start with no figures; at the end print (and save) the summary of what was tried. */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Figure, figuresDir, figuresFile } from './figures.ts';
import { summarize } from './summary.ts';

export function setup(): void {
  rmSync(figuresFile, { force: true });
}

export function teardown(): void {
  const figures: Figure[] = existsSync(figuresFile)
    ? readFileSync(figuresFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Figure)
    : [];
  const { text, json } = summarize(figures);
  writeFileSync(path.join(figuresDir, 'summary.json'), `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`\n${text}\n`);
}
