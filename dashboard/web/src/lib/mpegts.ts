/** Load mpegts.js (a UMD bundle: its API may sit on `default` or one level deeper, depending on the interop). */
type MpegtsModule = typeof import('mpegts.js');
export type MpegtsApi = MpegtsModule['default'];

export async function loadMpegts(): Promise<MpegtsApi> {
  const mod = await import('mpegts.js');
  const outer = mod.default as unknown as MpegtsApi & { default?: MpegtsApi };
  return outer.default ?? outer;
}
