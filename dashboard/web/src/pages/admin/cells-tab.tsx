/** 网格员片区: the grid cells each inspector patrols (filled in once the inspector role exists on the server). */
import { t } from '../../i18n/index.ts';

export function CellsTab() {
  return (
    <section class="panel admin-panel" data-testid="admin-cells">
      <div class="panel-head">
        <h2>{t('admin.tab.cells')}</h2>
      </div>
      <p class="muted">{t('admin.cells.none')}</p>
    </section>
  );
}
