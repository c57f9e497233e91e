/**
 * `gridwatch dataset export --out DIR [--since DATE] [--camera ID]`: the hits operators judged (确认 / 误报) as a
 * YOLO-format dataset — confirmed hits as positives (their boxes, the concept as class), false alarms as hard
 * negatives (empty label files), data.yaml — to train a city's own model elsewhere (see models/README.md).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { cliConfig, storeOptions, withDb, type StoreFlags } from '../cases/cli-db.ts';
import { StoreDatasetSource } from '../cases/verdicts/dataset-source.ts';
import { exportDataset } from '../detect/dataset/export.ts';
import { loadModel, shippedModelsDir } from '../detect/model.ts';
import { demoConfigFile } from '../demo/index.ts';
import { InputError } from '../kernel/errors.ts';
import { EvidenceStore } from '../kernel/evidence.ts';
import type { Concept } from '../kernel/types/index.ts';

interface ExportFlags extends StoreFlags {
  readonly out: string;
  readonly since?: string;
  readonly camera?: string;
}

function parseSince(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (!Number.isFinite(t))
    throw new InputError(`--since must be a date like 2026-03-01 or 2026-03-01T08:00+08:00, got "${v}"`);
  return t;
}

/** Label → concepts over the models the config uses (the default and every camera's). */
function conceptMap(flags: StoreFlags): (label: string) => readonly Concept[] {
  const config = cliConfig(flags);
  const names = new Set([config.models.default, ...config.cameras.flatMap((c) => (c.model ? [c.model] : []))]);
  const base = path.dirname(path.resolve(flags.config ?? demoConfigFile));
  const dir = config.models.dir === undefined ? shippedModelsDir : path.resolve(base, config.models.dir);
  const map = new Map<string, Concept[]>();
  for (const name of names) {
    const m = loadModel(dir, name);
    m.classNames.forEach((cls, i) => {
      if (!map.has(cls) && (m.conceptsByClass[i]?.length ?? 0) > 0) map.set(cls, [...m.conceptsByClass[i]!]);
    });
  }
  return (label) => map.get(label) ?? [];
}

export function registerDatasetCommands(program: Command): void {
  const dataset = program.command('dataset').description("training data from operators' verdicts");
  storeOptions(
    dataset
      .command('export')
      .description('write the judged hits as a YOLO dataset (images/, labels/, data.yaml)')
      .requiredOption('-o, --out <dir>', 'output folder (created; existing files of the same hits are replaced)'),
  )
    .option('--since <date>', 'only hits that started at or after this date/time')
    .option('--camera <id>', 'only hits of this camera')
    .action(async (flags: ExportFlags) => {
      const since = parseSince(flags.since);
      const conceptsOf = conceptMap(flags);
      const dataDir = path.resolve(flags.data ?? cliConfig(flags).dataDir);
      const summary = await withDb(flags, (db) =>
        exportDataset(new StoreDatasetSource(db, EvidenceStore.inDataDir(dataDir)), {
          out: path.resolve(flags.out),
          since,
          cameraId: flags.camera,
          conceptsOf,
        }),
      );
      process.stdout.write(
        `wrote ${summary.images} images to ${flags.out}: ${summary.positives} confirmed (${summary.boxes} boxes), ` +
          `${summary.negatives} false alarms as hard negatives; classes ${summary.classes.join(', ')}\n`,
      );
      for (const s of summary.skipped) process.stdout.write(`skipped ${s.hitId}: ${s.why}\n`);
    });
}
