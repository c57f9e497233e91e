/** Where the phone is, if the browser is allowed to tell (8 s at most); undefined when refused or unavailable. */
export interface Where {
  readonly lat: number;
  readonly lon: number;
  readonly accuracy?: number;
}

export function currentPosition(timeoutMs = 8000): Promise<Where | undefined> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude, accuracy: p.coords.accuracy }),
      () => resolve(undefined),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
