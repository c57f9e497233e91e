/** Where the demo configurations live. */
import path from 'node:path';
import { appRoot } from '../kernel/app-root.ts';

/** The demo city (深圳龙岗, OpenStreetMap streets, simulated fleet): what `gridwatch start` runs without --config. */
export const demoConfigFile: string = path.join(appRoot, 'demo', 'gridwatch.demo.yaml');
/** The real Jersey City trucks (demo/traces) with plans derived from their trace: route tests and check-route. */
export const jerseyConfigFile: string = path.join(appRoot, 'demo', 'jerseycity.yaml');
