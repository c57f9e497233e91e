/** The configured case categories as <option>s ("05-04 店外经营"), for any category <select>. */
import { categoryName, configStore } from '../lib/config.ts';

export function CategoryOptions() {
  return (
    <>
      {configStore.get()?.categories.map((c) => (
        <option key={c.code} value={c.code}>
          {c.code} {categoryName(c.code)}
        </option>
      ))}
    </>
  );
}
