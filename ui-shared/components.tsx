import type { Lang } from '../common/types.js';
import { LANGS } from '../common/types.js';
import { LANG_LABEL, langStore, useLang, useT } from './i18n.js';
import type { Link } from './realtime.js';
import { useStore } from './store.js';
import { common } from './strings.js';

/** Shown only while a link is not online; a display that is offline must say so. */
export function ConnectionBanner({ link }: { link: Pick<Link, 'state'> }) {
  const state = useStore(link.state);
  const t = useT(common);
  if (state === 'online') return null;
  return (
    <div class={`conn ${state === 'denied' ? 'denied' : ''}`} role="status" aria-live="polite">
      {t(state)}
    </div>
  );
}

export function LangSwitch({ class: cls = '', onPick }: { class?: string; onPick?: (l: Lang) => void }) {
  const lang = useLang();
  const t = useT(common);
  return (
    <div class={`lang-switch ${cls}`} role="group" aria-label={t('language')}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === lang}
          class={l === lang ? 'on' : ''}
          onClick={() => {
            langStore.set(l);
            onPick?.(l);
          }}
        >
          {LANG_LABEL[l]}
        </button>
      ))}
    </div>
  );
}
