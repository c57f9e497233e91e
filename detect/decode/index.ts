/** Output family (manifest `output.family`) → decoder. Adding a family = one decoder file + one case here. */
import type { ModelOutput } from '../manifest.ts';
import type { Decoder } from './candidates.ts';
import { PicodetNmsDecoder } from './picodet.ts';
import { Yolov5Decoder, Yolov8Decoder } from './yolo.ts';
import { YoloxDecoder } from './yolox.ts';

export { Candidates, type DecodeContext, type Decoder, type TensorView } from './candidates.ts';

export function createDecoder(output: ModelOutput): Decoder {
  switch (output.family) {
    case 'yolox':
      return new YoloxDecoder(output.name, output.strides, output.decoded);
    case 'yolov5':
      return new Yolov5Decoder(output.name);
    case 'yolov8':
      return new Yolov8Decoder(output.name);
    case 'picodet-nms':
      return new PicodetNmsDecoder(output.name, output.scaleFactorInput !== undefined);
  }
}
