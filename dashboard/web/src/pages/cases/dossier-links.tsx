/** 打印案卷 / 下载 PDF from the case detail: the server renders the sheet (dashboard/dossier) in the UI's language. */
import { localeStore, t } from '../../i18n/index.ts';

export function DossierLinks({ id }: { id: string }) {
  const base = `/api/cases/${encodeURIComponent(id)}/dossier`;
  const lang = localeStore.get();
  return (
    <span class="dossier-links">
      <a class="btn small" href={`${base}?lang=${lang}`} target="_blank" rel="noopener" data-testid="dossier-open">
        {t('dossier.print')}
      </a>
      <a class="btn small ghost" href={`${base}.pdf?lang=${lang}`} download data-testid="dossier-pdf">
        {t('dossier.pdf')}
      </a>
    </span>
  );
}
