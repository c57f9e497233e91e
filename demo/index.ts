/** Where the demo configuration lives. */
import { fileURLToPath } from 'node:url';

export const demoConfigFile: string = fileURLToPath(new URL('./gridwatch.demo.yaml', import.meta.url));
