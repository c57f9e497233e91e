/**
 * Where the application's files are at run time, from the TypeScript sources (`kernel/app-root.ts`, run through tsx)
 * or from the compiled build (`dist/kernel/app-root.js`, `npm run build`): non-TypeScript files (models/, demo/,
 * package.json, dashboard/web/dist, worker entries) are found from here, never relative to a compiled file.
 */
import { fileURLToPath } from 'node:url';

/** True when this module runs from the compiled build in dist/. */
export const compiled: boolean = import.meta.url.endsWith('.js');

/** The repository root (the folder holding package.json, models/, demo/), the same from sources and from dist/. */
export const appRoot: string = fileURLToPath(new URL(compiled ? '../../' : '../', import.meta.url));
