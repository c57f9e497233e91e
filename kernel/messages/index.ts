/** Server messages: keys + params (text.ts), catalogs (catalog.ts, packs/), rendering (render.ts, texts.ts). */
export { CATALOG, hasKey, LOCALES, pickLocale, type Locale } from './catalog.ts';
export { chainNames, configNames, noNames, type Names } from './names.ts';
export { formatTime, render, type RenderContext } from './render.ts';
export { at, dur, isText, list, msg, ref, type Param, type RefKind, type Text, type TextParams } from './text.ts';
export { defaultTexts, Texts } from './texts.ts';
