/**
 * The case workflow as one component: the store-backed service, users and api keys, automatic cases from the bus,
 * camera verification and webhook delivery. app.ts constructs it with the MainStore (opened with casesMigrations).
 */
import type { BusConsumer, Topic } from '../kernel/bus.ts';
import type { Component } from '../kernel/component.ts';
import type { AppContext } from '../kernel/context.ts';
import { EvidenceStore } from '../kernel/evidence.ts';
import type { MainStore } from '../kernel/store.ts';
import type { ComponentHealth, Rechecker } from '../kernel/types/index.ts';
import { ApiKeyStore } from './apikeys.ts';
import { AutoCases } from './auto.ts';
import { Catalog } from './catalog.ts';
import { Inbox } from './inbox/inbox.ts';
import { type CaseLimits, caseLimits } from './limits.ts';
import { photoMaxBytes } from './routes-evidence.ts';
import { listCases } from './list.ts';
import { outboxByTarget, outboxStats, type TargetDeliveries } from './outbox.ts';
import { CaseRepo } from './repo.ts';
import { OPEN_STATUSES } from './rules.ts';
import { configNames, type NameExpander } from './search.ts';
import { CaseService } from './service.ts';
import { Texts } from '../kernel/messages/texts.ts';
import { UserStore, userNames } from './users.ts';
import { VerdictRepo } from './verdicts/repo.ts';
import { VerdictService } from './verdicts/service.ts';
import { CameraVerifier } from './verify.ts';
import { DeadlineWatch } from './notify/deadline-watch.ts';
import { WebhookDispatcher } from './webhooks.ts';
import { alwaysLeader, type Leadership } from '../kernel/cluster/leader.ts';

export interface CasesModuleOptions {
  /** The scene rules' re-check; verification stays manual without one. */
  readonly rechecker?: Rechecker;
  readonly webhookPollMs?: number;
  readonly fetch?: typeof fetch;
  /**
   * Several cores on one database: singleton jobs (webhook/outbox delivery, deadline reminders) run only on the
   * leader (kernel/cluster/leader.ts). Default: always the leader (one process).
   */
  readonly leader?: Leadership;
}

interface Parts {
  readonly service: CaseService;
  readonly inbox: Inbox;
  readonly users: UserStore;
  readonly apiKeys: ApiKeyStore;
  readonly evidence: EvidenceStore;
  readonly auto: AutoCases;
  readonly verdicts: VerdictService;
  readonly verifier: CameraVerifier;
  readonly webhooks: WebhookDispatcher;
  readonly deadlines: DeadlineWatch;
  readonly off: (() => void)[];
  readonly limits: CaseLimits;
}

export class CasesModule implements Component, BusConsumer {
  readonly name = 'cases';
  /** hit: the verdict ledger and automatic cases; violation: automatic cases; case: camera verification (核查). */
  readonly subscribes: readonly Topic[] = ['hit', 'violation', 'case'];
  private p?: Parts;

  constructor(
    private readonly ctx: AppContext,
    private readonly store: MainStore,
    private readonly opts: CasesModuleOptions = {},
  ) {}

  private get parts(): Parts {
    if (!this.p) throw new Error('cases module not started');
    return this.p;
  }
  get service(): CaseService {
    return this.parts.service;
  }
  /** In-app notices per user. */
  get inbox(): Inbox {
    return this.parts.inbox;
  }
  get users(): UserStore {
    return this.parts.users;
  }
  get apiKeys(): ApiKeyStore {
    return this.parts.apiKeys;
  }
  get evidence(): EvidenceStore {
    return this.parts.evidence;
  }
  get auto(): AutoCases {
    return this.parts.auto;
  }
  get verdicts(): VerdictService {
    return this.parts.verdicts;
  }
  get verifier(): CameraVerifier {
    return this.parts.verifier;
  }
  get webhooks(): WebhookDispatcher {
    return this.parts.webhooks;
  }
  get limits(): CaseLimits {
    return this.parts.limits;
  }
  /** The largest feedback photo accepted (config `cases.limits.photoMaxMb`). */
  get photoMaxBytes(): number {
    return photoMaxBytes(this.ctx.config.cases.limits.photoMaxMb);
  }

  /** Configured names (plates, cameras, zones, units, categories, grid cells) the case search expands (search.ts). */
  get searchNames(): NameExpander {
    this.names ??= configNames(this.ctx.config);
    return this.names;
  }
  private names?: NameExpander;

  /**
   * May a handler of `unit` fetch the evidence file with this hash? Only when it is attached to one of the unit's
   * cases.
   */
  unitCanSee(unit: string, sha256: string): boolean {
    return this.parts.service.repo.unitHasEvidence(unit, sha256);
  }

  /** Webhook and notification deliveries per target (pending, delivered, given up, the last error). */
  deliveries(): TargetDeliveries[] {
    return outboxByTarget(this.store.db);
  }

  /** May an inspector of these grid cells fetch the evidence file with this hash? */
  cellsCanSee(cells: readonly string[], sha256: string): boolean {
    return this.parts.service.repo.cellsHaveEvidence(cells, sha256);
  }

  /** Plug in the camera re-check once the scene rules exist. */
  setRechecker(r: Rechecker | undefined): void {
    this.parts.verifier.rechecker = r;
    if (r && this.ctx.config.cases.verifyByCamera) this.parts.verifier.sweep(this.handledCameraCases());
  }

  async start(): Promise<void> {
    const { config, bus, clock, log, dataDir } = this.ctx;
    const db = this.store.db;
    const now = (): number => clock.now();
    const catalog = new Catalog(config.cases, config.grid);
    const notify = config.cases.notify;
    const users = new UserStore(db, now);
    const inbox = new Inbox(db, bus);
    const texts = Texts.fromConfig(config, userNames(users));
    const service = new CaseService(new CaseRepo(db), catalog, {
      bus,
      clock,
      log,
      inbox,
      webhooks: config.cases.webhooks,
      notices: { channels: notify.channels, catalog, publicUrl: config.server.publicUrl, texts },
      texts,
    });
    const created = users.ensure(config.users);
    if (created.length > 0) log.info({ users: created }, 'created configured users');
    const evidence = EvidenceStore.inDataDir(dataDir);
    const auto = new AutoCases({ service, evidence, log, cameras: config.cameras, zones: config.zones });
    const verdicts = new VerdictService(new VerdictRepo(db), service, {
      bus,
      suppressDays: config.cases.suppressDays,
    });
    const verifier = new CameraVerifier(service, log);
    const leader = this.opts.leader ?? alwaysLeader;
    const active = (): boolean => leader.isLeader();
    const webhooks = new WebhookDispatcher({
      db,
      active,
      targets: [...config.cases.webhooks, ...notify.channels],
      clock,
      log,
      pollMs: this.opts.webhookPollMs,
      fetch: this.opts.fetch,
    });
    const off: (() => void)[] = [
      service.onCommitted(() => webhooks.kick()),
      bus.on('hit', (e) => verdicts.recordHit(e)), // the ledger first: a case opened for the hit finds it judged
    ];
    if (config.cases.auto)
      off.push(
        bus.on('hit', (e) => void auto.onHit(e)),
        bus.on('violation', (e) => void auto.onViolation(e)),
      );
    if (config.cases.verifyByCamera) off.push(verifier.listen(bus));
    const deadlines = new DeadlineWatch(service, notify, log, active);
    const apiKeys = new ApiKeyStore(db, now);
    const limits = caseLimits(config.cases.limits, clock, config.server.trustProxy);
    this.p = { service, inbox, users, apiKeys, evidence, auto, verdicts, verifier, webhooks, deadlines, off, limits };
    verdicts.purge(); // unjudged hits older than 90 days
    verdicts.publishAll(); // the scene rules learn the masks in force
    if (this.opts.rechecker) this.setRechecker(this.opts.rechecker);
    webhooks.start();
    deadlines.start();
  }

  async stop(): Promise<void> {
    if (!this.p) return;
    for (const f of this.p.off) f();
    this.p.deadlines.stop();
    await this.p.verifier.idle();
    await this.p.webhooks.stop();
  }

  health(): ComponentHealth {
    if (!this.p) return { state: 'starting', detail: 'not started' };
    const db = this.store.db;
    const open = listCases(db, { status: OPEN_STATUSES, pageSize: 0 }, this.ctx.clock.now()).total;
    const out = outboxStats(db);
    const stats = {
      openCases: open,
      webhookPending: out.pending,
      remindersSent: this.p.deadlines.sent,
      webhookDelivered: out.delivered,
      webhookFailed: out.failed,
    };
    if (out.failed > 0) return { state: 'degraded', detail: `${out.failed} webhook deliveries given up`, stats };
    return { state: 'ok', detail: `${open} open cases`, stats };
  }

  private handledCameraCases(): ReturnType<typeof listCases>['items'] {
    return listCases(
      this.store.db,
      { status: ['handled'], pageSize: 10_000, ascending: true },
      this.ctx.clock.now(),
    ).items.filter((c) => c.cameraId);
  }
}
