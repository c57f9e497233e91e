/** A quick read of a whole video file (packets copied to nowhere, nothing decoded) before it is looped as a camera. */
import ffmpeg from 'fluent-ffmpeg';
import { InputError } from '../kernel/errors.ts';
import { explainFailure } from './ffmpeg-log.ts';
import { redactUrl } from '../kernel/log.ts';

const BROKEN = /partial file|corrupt input packet|invalid nal unit|error splitting/i;

/** Resolves when `file` holds a readable video stream from start to end; otherwise InputError saying what is wrong. */
export function checkVideoFile(file: string): Promise<void> {
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    ffmpeg(file)
      .inputOptions(['-hide_banner', '-nostdin', '-v', 'error'])
      .output('-')
      .outputOptions(['-map', '0:v:0', '-c', 'copy', '-f', 'null'])
      .on('stderr', (l: string) => {
        if (lines.length < 40) lines.push(l);
      })
      .on('error', (err: Error) => {
        const why = (explainFailure(lines) ?? redactUrl(err.message)).replace(`${file}: `, '');
        reject(
          new InputError(
            /matches no streams/i.test(why) ? `${file} has no video stream` : `${file} is not a readable video: ${why}`,
          ),
        );
      })
      .on('end', () => {
        const broken = lines.find((l) => /partial file/.test(l)) ?? lines.find((l) => BROKEN.test(l));
        if (broken) reject(new InputError(`${file} is truncated or corrupt: ${explainFailure([broken]) ?? broken}`));
        else resolve();
      })
      .run();
  });
}
