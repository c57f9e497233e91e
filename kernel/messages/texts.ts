/**
 * The renderer the server holds: the configured server.locale (what is stored beside a Text for search, webhooks,
 * Open311 and push notices) and the render context (calendar time zone, names). Routes render again per request.
 */
import type { Config } from '../config/schema.ts';
import type { Locale } from './catalog.ts';
import { chainNames, configNames, type Names } from './names.ts';
import { param, render, show, type RenderContext } from './render.ts';
import { isText, type Param, type Text } from './text.ts';

export class Texts {
  constructor(
    /** server.locale: the language stored renderings and push notices use. */
    readonly locale: Locale,
    readonly ctx: RenderContext,
  ) {}

  /** From the configuration: server.locale, the work calendar's zone, the config's names (then `more`). */
  static fromConfig(config: Config, ...more: readonly Names[]): Texts {
    return new Texts(config.server.locale, {
      timeZone: config.cases.calendar.timezone,
      names: chainNames(...more, configNames(config)),
    });
  }

  /** The same, with more names looked up first (e.g. users' display names from the store). */
  withNames(names: Names): Texts {
    return new Texts(this.locale, {
      ...this.ctx,
      names: chainNames(names, ...(this.ctx.names ? [this.ctx.names] : [])),
    });
  }

  /** `t` in `locale` (server.locale when omitted). */
  render(t: Text, locale: Locale = this.locale): string {
    return render(t, locale, this.ctx);
  }

  /** One parameter (a Text, a time, a name…) as text. */
  param(p: Param, locale: Locale = this.locale): string {
    return param(p, locale, this.ctx);
  }

  /** A stored value: a Text rendered, a string (old rows, people's own words) as it is. */
  show(v: unknown, locale: Locale = this.locale): string | undefined {
    if (typeof v === 'string') return v;
    return isText(v) ? render(v, locale, this.ctx) : undefined;
  }

  /** A display name: the thing's name in `locale`, else its id. */
  name(kind: Parameters<Names['name']>[0], id: string, locale: Locale = this.locale): string {
    return this.ctx.names?.name(kind, id, locale) ?? id;
  }
}

/** For tests and tools without a config: zh-CN, Asia/Shanghai, ids for names. */
export const defaultTexts = new Texts('zh-CN', { timeZone: 'Asia/Shanghai' });

export { show };
