/** 区域编辑: pick a camera, draw or reshape its zones on a snapshot, set their properties, save (PUT …/zones). */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { api } from '../../lib/api.ts';
import { cameraName, configStore } from '../../lib/config.ts';
import { navigate, type Route } from '../../lib/router.ts';
import type { Hit, SuppressionMask, ZoneConfig } from '../../lib/types.ts';
import { MaskList } from './mask-list.tsx';
import { ZoneCanvas } from './zone-canvas.tsx';
import { zoneSaveError } from './zone-errors.ts';
import { ZoneForm } from './zone-form.tsx';
import { newZone, toEdit, zonesToSave, type EditZone } from './zone-model.ts';

type Pt = [number, number];

export function ZoneEditorPage({ route }: { route: Route }) {
  const cameras = (configStore.get()?.cameras ?? []).filter((c) => c.enabled);
  const cameraId = route.parts[1] ?? cameras[0]?.id;
  const [zones, setZones] = useState<EditZone[]>([]);
  const [selected, setSelected] = useState<number>();
  const [drawing, setDrawing] = useState<Pt[]>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [masks, setMasks] = useState<readonly SuppressionMask[]>([]);
  const [suppressed, setSuppressed] = useState<readonly Hit[]>([]);
  const [maskTick, setMaskTick] = useState(0);
  useEffect(() => {
    if (!cameraId) return;
    const cam = encodeURIComponent(cameraId);
    api.get<{ masks: SuppressionMask[] }>(`/api/suppressions?camera=${cam}`).then(
      (r) => setMasks(r.masks),
      () => setMasks([]),
    );
    api.get<{ items: { hit: Hit }[] }>(`/api/hits?camera=${cam}&suppressed=true&limit=200`).then(
      (r) => setSuppressed(r.items.map((i) => i.hit)),
      () => setSuppressed([]),
    );
  }, [cameraId, maskTick]);
  useEffect(() => {
    if (!cameraId) return;
    setSelected(undefined);
    setDrawing(undefined);
    setMessage(undefined);
    api.get<ZoneConfig[]>(`/api/zones?camera=${encodeURIComponent(cameraId)}`).then(
      (zs) => setZones(zs.map(toEdit)),
      (e: Error) => setMessage({ ok: false, text: e.message }),
    );
  }, [cameraId]);
  if (!cameraId) return <p class="empty">{t('monitor.noCameras')}</p>;
  const update = (i: number, z: EditZone): void => setZones(zones.map((x, j) => (j === i ? z : x)));
  const finish = (): void => {
    if (drawing && drawing.length >= 3) {
      setZones([...zones, newZone(cameraId, zones, drawing)]);
      setSelected(zones.length);
    }
    setDrawing(undefined);
  };
  // 保存 while a shape is open: finish it (if the user agrees) rather than drop it; too few corners stop the save
  const save = async (): Promise<void> => {
    const check = zonesToSave(cameraId, zones, drawing);
    if (check.kind === 'incomplete') {
      setMessage({ ok: false, text: t('zones.openShape.incomplete', { n: check.points }) });
      return;
    }
    if (check.finished && !confirm(t('zones.openShape.ask', { n: drawing?.length ?? 0 }))) return;
    const toSave = check.zones;
    if (check.finished) {
      setZones(toSave);
      setDrawing(undefined);
    }
    try {
      const saved = await api.put<ZoneConfig[]>(`/api/cameras/${encodeURIComponent(cameraId)}/zones`, {
        zones: toSave,
      });
      setZones(saved.map(toEdit));
      setDrawing(undefined);
      setSelected(check.finished ? saved.length - 1 : selected);
      setMessage({ ok: true, text: t('zones.saved', { n: saved.length }) });
    } catch (err) {
      setMessage({ ok: false, text: zoneSaveError(err, toSave) });
    }
  };
  return (
    <div class="zone-editor">
      <aside class="panel camera-list">
        <h2>{t('monitor.cameras')}</h2>
        {cameras.map((c) => (
          <button
            key={c.id}
            type="button"
            class={`list-item ${c.id === cameraId ? 'active' : ''}`}
            onClick={() => navigate(['zones', c.id])}
          >
            {cameraName(c.id)}
          </button>
        ))}
      </aside>
      <section class="panel">
        <div class="panel-head">
          <h2>{cameraName(cameraId)}</h2>
          <div class="panel-tools">
            {drawing ? (
              <>
                <span class="muted">{t('zones.drawHint', { n: drawing.length })}</span>
                <button type="button" class="btn small primary" disabled={drawing.length < 3} onClick={finish}>
                  {t('zones.finish')}
                </button>
                <button type="button" class="btn small ghost" onClick={() => setDrawing(undefined)}>
                  {t('app.cancel')}
                </button>
              </>
            ) : (
              <button
                type="button"
                class="btn small"
                onClick={() => {
                  setDrawing([]);
                  setSelected(undefined);
                }}
              >
                {t('zones.draw')}
              </button>
            )}
            <button type="button" class="btn small primary" onClick={() => void save()} data-testid="save-zones">
              {t('zones.save')}
            </button>
          </div>
        </div>
        {message && (
          <p class={message.ok ? 'form-ok' : 'form-error'} role="status">
            {message.text}
          </p>
        )}
        <ZoneCanvas
          image={`/api/cameras/${encodeURIComponent(cameraId)}/snapshot`}
          zones={zones}
          masks={masks}
          selected={selected}
          drawing={drawing}
          onSelect={setSelected}
          onAddPoint={(p) => setDrawing([...(drawing ?? []), p])}
          onMovePoint={(i, j, p) =>
            update(i, { ...zones[i]!, polygon: zones[i]!.polygon.map((q, k) => (k === j ? p : q)) })
          }
        />
      </section>
      <aside class="panel zone-side">
        <h2>{t('zones.title')}</h2>
        {zones.map((z, i) => (
          <button
            key={i}
            type="button"
            class={`list-item ${i === selected ? 'active' : ''}`}
            onClick={() => setSelected(i)}
          >
            {z.name ?? z.id} <span class="muted">{t(`zones.kind.${z.kind}`)}</span>
          </button>
        ))}
        <MaskList
          masks={masks}
          suppressed={suppressed}
          onChanged={(m) => {
            setMessage(m);
            setMaskTick((n) => n + 1);
          }}
        />
        {selected !== undefined && zones[selected] && (
          <ZoneForm
            zone={zones[selected]}
            onChange={(z) => update(selected, z)}
            onDelete={() => {
              setZones(zones.filter((_, j) => j !== selected));
              setSelected(undefined);
            }}
          />
        )}
      </aside>
    </div>
  );
}
