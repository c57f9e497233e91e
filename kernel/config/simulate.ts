import { z } from 'zod';
import { id } from './common.ts';

const probability = (what: string) =>
  z.number().min(0).max(1).describe(`Probability per round (work window) of ${what}.`);

export const simulateSchema = z
  .strictObject({
    vehicles: z
      .array(id)
      .min(1)
      .optional()
      .describe('Vehicles to simulate (default: every vehicle with a plan). Their plans need windows and a depot.'),
    seed: z.number().int().min(0).default(1).describe('PRNG seed: the same seed gives the same fleet, fix for fix.'),
    intervalSeconds: z.number().min(1).max(300).default(10).describe('Seconds between fixes while driving.'),
    parkedIntervalSeconds: z.number().min(5).max(3600).default(60).describe('Seconds between fixes when parked.'),
    noiseM: z.number().min(0).max(50).default(4).describe('GPS noise σ in metres (Gaussian, clipped at 3σ).'),
    backfillMinutes: z
      .number()
      .min(0)
      .max(1440)
      .default(1440)
      .describe(
        "At start, the fixes of this many minutes before now (never before the local day's start) are sent at " +
          "once, as the terminals' stored backlog: the day's rounds so far show at once (1440: the whole day).",
      ),
    lateStart: probability('leaving the depot 18–28 minutes late').default(0.08),
    signalGap: probability('a 6–9 minute GPS signal gap while driving').default(0.1),
    deviation: probability('one deviation off the assigned streets (250–700 m out and back)').default(0.15),
  })
  .describe(
    'Simulated fleet (模拟车队) for demos: each vehicle drives its plan on the road network (roads.file) in every ' +
      'work window, at its type’s speeds, with GPS noise, collection stops (garbage trucks) and occasional ' +
      'incidents, publishing through the broker as a live vehicle would. Not real data: the UI labels it 模拟.',
  );
export type SimulateConfig = z.infer<typeof simulateSchema>;
