export type * from './video.ts';
export type * from './vehicle.ts';
export type * from './case.ts';
export type * from './health.ts';
export type * from './user.ts';
export type * from './recheck.ts';
export type * from './verdict.ts';
export type * from './notice.ts';
