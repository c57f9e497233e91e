/** Reading ffmpeg's stderr: the raw output size it chose, and the line that explains a failure. */
import { redactUrl } from '../kernel/log.ts';

/** Size of the rawvideo output stream from an "Output #0 … Stream #0:0: Video: rawvideo … 640x360" line. */
export function rawOutputSize(line: string): { readonly width: number; readonly height: number } | undefined {
  if (!/Stream #0:\d+.*Video: rawvideo/.test(line)) return undefined;
  const m = /,\s*(\d+)x(\d+)[\s,[]/.exec(`${line} `);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}

const NOISE = new RegExp(
  `^(${[
    'Stream mapping|Stream #|Press \\[q\\]|Input #|Output #|Metadata|Duration|encoder|major_brand|minor_version',
    'compatible_brands|handler_name|vendor_id|title|comment|creation_time|Side data|cpb:|Chapter|frame=|video:',
    'ffmpeg version|built with|configuration|lib[a-z]+ +\\d|\\[.*\\] (deprecated|No accelerated)',
  ].join('|')})`,
);
const ERRORISH = new RegExp(
  `(${[
    'error|invalid|refused|not found|no such|unreachable|timed out|timeout|failed|denied|unauthorized|forbidden',
    'could not|cannot|unable|does not contain|moov atom|end of file|partial file|no space|broken pipe|reset by peer',
    '404|401|403|503',
  ].join('|')})`,
  'i',
);

/**
 * One line saying why ffmpeg failed, credentials redacted: the last error-looking line, else the last line that
 * is not banner or stream information; undefined when stderr said nothing useful.
 */
export function explainFailure(lines: readonly string[]): string | undefined {
  const useful = lines.map((l) => l.trim()).filter((l) => l && !NOISE.test(l));
  const pick = [...useful].reverse().find((l) => ERRORISH.test(l) && !/^Conversion failed!?$/.test(l)) ?? useful.at(-1);
  return pick === undefined ? undefined : redactUrl(pick).replace(/^\[[^\]]+ @ 0x[0-9a-f]+\]\s*/, '');
}
