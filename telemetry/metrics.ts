/** Telemetry's Prometheus series, in the one registry of kernel/metrics.ts (served at /metrics). */
import { Counter, Gauge } from 'prom-client';
import { metrics, metricOnce } from '../kernel/metrics.ts';

export const acceptedTotal = metricOnce(
  'gridwatch_telemetry_accepted_total',
  () =>
    new Counter({
      name: 'gridwatch_telemetry_accepted_total',
      help: 'Positions accepted and stored, per vehicle.',
      labelNames: ['vehicle'],
      registers: [metrics],
    }),
);
export const lateTotal = metricOnce(
  'gridwatch_telemetry_late_total',
  () =>
    new Counter({
      name: 'gridwatch_telemetry_late_total',
      help: 'Accepted positions that arrived after a newer one (stored, flagged late).',
      labelNames: ['vehicle'],
      registers: [metrics],
    }),
);
export const duplicatesTotal = metricOnce(
  'gridwatch_telemetry_duplicates_total',
  () =>
    new Counter({
      name: 'gridwatch_telemetry_duplicates_total',
      help: 'Duplicate positions (same vehicle and ts), stored once.',
      labelNames: ['vehicle'],
      registers: [metrics],
    }),
);
export const rejectedTotal = metricOnce(
  'gridwatch_telemetry_rejected_total',
  () =>
    new Counter({
      name: 'gridwatch_telemetry_rejected_total',
      help: 'Messages rejected, per reason and vehicle (vehicle="unknown" for ids not in the configuration).',
      labelNames: ['reason', 'vehicle'],
      registers: [metrics],
    }),
);
export const onlineGauge = metricOnce(
  'gridwatch_telemetry_vehicles_online',
  () =>
    new Gauge({
      name: 'gridwatch_telemetry_vehicles_online',
      help: 'Vehicles currently online.',
      registers: [metrics],
    }),
);
export const storeBufferedGauge = metricOnce(
  'gridwatch_telemetry_store_buffered',
  () =>
    new Gauge({
      name: 'gridwatch_telemetry_store_buffered',
      help: 'Positions waiting in memory to be written.',
      registers: [metrics],
    }),
);
export const storeDroppedGauge = metricOnce(
  'gridwatch_telemetry_store_dropped',
  () =>
    new Gauge({
      name: 'gridwatch_telemetry_store_dropped',
      help: 'Positions the store gave up on since start (buffer overflow).',
      registers: [metrics],
    }),
);
