/**
 * The new-alert cue: a short two-tone chime (Web Audio, no sound file) and the unacknowledged count in the tab title.
 */
import { createStore } from '../../lib/store.ts';

const KEY = 'gridwatch.muted';
export const mutedStore = createStore<boolean>(localStorage.getItem(KEY) === '1');

export function setMuted(m: boolean): void {
  localStorage.setItem(KEY, m ? '1' : '0');
  mutedStore.set(m);
}

let ctx: AudioContext | undefined;

export function chime(): void {
  if (mutedStore.get()) return;
  try {
    ctx ??= new AudioContext();
    const now = ctx.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.25, now + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.18 + 0.16);
      osc.connect(gain).connect(ctx.destination);
      osc.start(now + i * 0.18);
      osc.stop(now + i * 0.18 + 0.17);
    }
  } catch {
    // no audio device: the visual cue remains
  }
}

const baseTitle = document.title;
export function titleCount(unacked: number): void {
  document.title = unacked > 0 ? `(${unacked}) ${baseTitle}` : baseTitle;
}
