import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appRoot } from './app-root.ts';

/** The package version, read once. */
export const VERSION: string = (
  JSON.parse(readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version: string }
).version;
