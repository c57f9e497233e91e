/** Mount a Leaflet map (loaded on demand) in a div; returns the handle once ready. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { configStore } from '../../lib/config.ts';
import type { LayerName, MapHandle } from './leaflet-map.ts';

export type LeafletModule = typeof import('./leaflet-map.ts');

export function useLeaflet(show: readonly LayerName[]): {
  ref: preact.RefObject<HTMLDivElement>;
  handle?: MapHandle;
  lib?: LeafletModule;
} {
  const ref = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ handle: MapHandle; lib: LeafletModule }>();
  useEffect(() => {
    let handle: MapHandle | undefined;
    let cancelled = false;
    void import('./leaflet-map.ts').then((lib) => {
      const cfg = configStore.get();
      if (cancelled || !ref.current || !cfg) return;
      handle = lib.createMap(ref.current, cfg, show);
      setState({ handle, lib });
    });
    return () => {
      cancelled = true;
      handle?.destroy();
    };
  }, []);
  return { ref, ...(state ? { handle: state.handle, lib: state.lib } : {}) };
}
