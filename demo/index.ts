/** Where the demo configuration lives. */
import path from 'node:path';
import { appRoot } from '../kernel/app-root.ts';

export const demoConfigFile: string = path.join(appRoot, 'demo', 'gridwatch.demo.yaml');
