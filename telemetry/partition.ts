/** Which vehicles a worker owns when `mqtt.partition` splits the fleet: FNV-1a of the id, modulo the worker count. */

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function ownsVehicle(vehicleId: string, p: { readonly count: number; readonly index: number }): boolean {
  return fnv1a(vehicleId) % p.count === p.index;
}
