/**
 * Per-camera tracker: boxes → objects with stable ids. ByteTrack-style: confident detections are matched to tracks
 * first, weaker ones only keep existing tracks alive; boxes are predicted with each track's velocity; labels are a
 * score-weighted vote, the score is the median of the recent history, and a track that stays inside the box where
 * it stopped for `stationarySeconds` is flagged stationary (stationarySince = when it stopped).
 */
import type { TrackerConfig } from '../kernel/config/models.ts';
import type { Box, Concept, Detection, Track } from '../kernel/types/index.ts';
import { associate, associateByDistance, boxIou } from './associate.ts';

interface State {
  readonly id: number;
  box: Box;
  vx: number;
  vy: number;
  readonly firstSeen: number;
  lastSeen: number;
  hits: number;
  missed: number;
  readonly votes: Map<string, number>;
  readonly concepts: Map<string, readonly Concept[]>;
  readonly scores: number[];
  anchor: Box;
  anchorSince: number;
  stationary: boolean;
}

const shift = (b: Box, dx: number, dy: number): Box => ({ x1: b.x1 + dx, y1: b.y1 + dy, x2: b.x2 + dx, y2: b.y2 + dy });
const cx = (b: Box): number => (b.x1 + b.x2) / 2;
const cy = (b: Box): number => (b.y1 + b.y2) / 2;

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export class Tracker {
  private states: State[] = [];
  private nextId = 1;

  constructor(
    readonly cameraId: string,
    private readonly params: TrackerConfig,
  ) {}

  /** A detector run at `now`: associate, update, start and retire tracks. Returns the reported tracks. */
  update(detections: readonly Detection[], now: number): Track[] {
    const p = this.params;
    // Predict where each track is now; a long gap is not extrapolated further than 2 s.
    const predicted = this.states.map((s) => {
      const dt = Math.min(now - s.lastSeen, 2000);
      return shift(s.box, s.vx * dt, s.vy * dt);
    });
    const high = detections.filter((d) => d.score >= p.highScore);
    const low = detections.filter((d) => d.score < p.highScore);
    const matched = new Set<State>();
    const usedHigh = new Set<number>();
    for (const m of associate(
      predicted,
      high.map((d) => d.box),
      p.matchIou,
    )) {
      const s = this.states[m.track];
      const d = high[m.detection];
      if (s && d) this.observe(s, d, now, matched);
      usedHigh.add(m.detection);
    }
    // Second pass: weak detections only extend confirmed tracks left unmatched (ByteTrack).
    const rest = this.states.filter((s) => !matched.has(s) && s.hits >= p.minHits);
    const restBoxes = rest.map((s) => predicted[this.states.indexOf(s)] ?? s.box);
    for (const m of associate(
      restBoxes,
      low.map((d) => d.box),
      Math.max(p.matchIou, 0.5),
    )) {
      const s = rest[m.track];
      const d = low[m.detection];
      if (s && d) this.observe(s, d, now, matched);
    }
    // Third pass: confident leftovers may continue a same-label track that moved further than any overlap.
    if (p.maxJump > 0) {
      const left = this.states.filter((s) => !matched.has(s));
      const leftDets = high.map((d, i) => ({ d, i })).filter((x) => !usedHigh.has(x.i));
      const tracksNow = left.map((s) => ({ box: predicted[this.states.indexOf(s)] ?? s.box, label: this.labelOf(s) }));
      for (const m of associateByDistance(
        tracksNow,
        leftDets.map((x) => x.d),
        p.maxJump,
      )) {
        const s = left[m.track];
        const x = leftDets[m.detection];
        if (s && x) this.observe(s, x.d, now, matched);
        if (x) usedHigh.add(x.i);
      }
    }
    this.states = this.states.filter((s) => matched.has(s) || this.miss(s, now));
    for (const [i, d] of high.entries()) if (!usedHigh.has(i)) this.states.push(this.start(d, now));
    return this.tracks();
  }

  /** No detector run at `now` (no motion): tracks in view are still there, unmoved; lost ones keep ageing. */
  hold(now: number): Track[] {
    this.states = this.states.filter((s) => {
      if (s.missed > 0) return now - s.lastSeen <= this.params.lostSeconds * 1000;
      s.lastSeen = now;
      s.vx = 0;
      s.vy = 0;
      this.stillness(s, now);
      return true;
    });
    return this.tracks();
  }

  /** True while some new track waits for the matches that confirm it. */
  hasTentative(): boolean {
    return this.states.some((s) => s.hits < this.params.minHits);
  }

  /** Confirmed tracks, oldest first. */
  tracks(): Track[] {
    return this.states.filter((s) => s.hits >= this.params.minHits).map((s) => this.snapshot(s));
  }

  private observe(s: State, d: Detection, now: number, matched: Set<State>): void {
    const dt = now - s.lastSeen;
    if (dt > 0) {
      s.vx = 0.5 * s.vx + (0.5 * (cx(d.box) - cx(s.box))) / dt;
      s.vy = 0.5 * s.vy + (0.5 * (cy(d.box) - cy(s.box))) / dt;
    }
    s.box = d.box;
    s.lastSeen = now;
    s.hits++;
    s.missed = 0;
    s.votes.set(d.label, (s.votes.get(d.label) ?? 0) + d.score);
    s.concepts.set(d.label, d.concepts);
    s.scores.push(d.score);
    if (s.scores.length > this.params.history) s.scores.shift();
    this.stillness(s, now);
    matched.add(s);
  }

  /** Unmatched this run: keep it (coasting) unless it is tentative or lost for too long. */
  private miss(s: State, now: number): boolean {
    s.missed++;
    if (s.hits < this.params.minHits) return false;
    return now - s.lastSeen <= this.params.lostSeconds * 1000;
  }

  private stillness(s: State, now: number): void {
    if (boxIou(s.box, s.anchor) >= this.params.stationaryIou) {
      if (!s.stationary && now - s.anchorSince >= this.params.stationarySeconds * 1000) s.stationary = true;
    } else {
      s.anchor = s.box;
      s.anchorSince = now;
      s.stationary = false;
    }
  }

  private start(d: Detection, now: number): State {
    return {
      id: this.nextId++,
      box: d.box,
      vx: 0,
      vy: 0,
      firstSeen: now,
      lastSeen: now,
      hits: 1,
      missed: 0,
      votes: new Map([[d.label, d.score]]),
      concepts: new Map([[d.label, d.concepts]]),
      scores: [d.score],
      anchor: d.box,
      anchorSince: now,
      stationary: false,
    };
  }

  private labelOf(s: State): string {
    let label = '';
    let best = -1;
    for (const [l, v] of s.votes) if (v > best) [label, best] = [l, v];
    return label;
  }

  private snapshot(s: State): Track {
    const label = this.labelOf(s);
    return {
      id: s.id,
      cameraId: this.cameraId,
      label,
      concepts: s.concepts.get(label) ?? [],
      box: s.box,
      score: median(s.scores),
      firstSeen: s.firstSeen,
      lastSeen: s.lastSeen,
      missed: s.missed,
      stationary: s.stationary,
      ...(s.stationary ? { stationarySince: s.anchorSince } : {}),
    };
  }
}
