/** The 大屏's one call (dashboard/bigscreen-routes.ts); shapes are the server's own (type-only import). */
import type { BigScreen } from '../../../../../dashboard/bigscreen-routes.ts';
import { api } from '../../lib/api.ts';

export type { BigScreen };

export const fetchBigScreen = (): Promise<BigScreen> => api.get<BigScreen>('/api/bigscreen');

/** The sources the 大屏 shows (external platforms are counted with none of them). */
export const SOURCES = ['camera', 'vehicle', 'inspector', 'citizen'] as const;
