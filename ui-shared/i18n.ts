import type { Lang, LocalizedText } from '../common/types.js';
import { LANGS } from '../common/types.js';
import { Observable, useStore } from './store.js';

/**
 * Strings live next to each UI (kiosk-ui/strings.ts, …) and are declared with
 * defineStrings, so that a key missing in zh-TW or en is a type error.
 */
export type Strings<K extends string> = Record<Lang, Record<K, string>>;

export function defineStrings<K extends string>(zhCN: Record<K, string>, zhTW: Record<K, string>, en: Record<K, string>): Strings<K> {
  return { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
}

export const LANG_LABEL: Record<Lang, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };

const STORAGE_KEY = 'onestop.lang';

function initialLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl && (LANGS as readonly string[]).includes(fromUrl)) return fromUrl as Lang;
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  } catch {
    /* storage may be disabled on locked-down kiosks */
  }
  return 'zh-CN';
}

export const langStore = new Observable<Lang>(initialLang());
langStore.subscribe((l) => {
  document.documentElement.lang = l;
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    /* ignore */
  }
});
document.documentElement.lang = langStore.get();

export function useLang(): Lang {
  return useStore(langStore);
}

/** Fills {name} placeholders. */
export function fmt(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** A translator for one UI's strings in the current language. */
export function useT<K extends string>(strings: Strings<K>): (key: K, vars?: Record<string, string | number>) => string {
  const lang = useLang();
  return (key, vars) => fmt(strings[lang][key] ?? strings['zh-CN'][key] ?? key, vars);
}

export function translate<K extends string>(strings: Strings<K>, lang: Lang, key: K, vars?: Record<string, string | number>): string {
  return fmt(strings[lang][key] ?? strings['zh-CN'][key] ?? key, vars);
}

/** Server text in the wanted language, zh-CN when that one is missing. */
export function loc(text: LocalizedText | string | undefined | null, lang: Lang): string {
  if (text == null) return '';
  if (typeof text === 'string') return text;
  return text[lang] || text['zh-CN'] || '';
}

/** Two sets of strings as one (a page's own texts on top of shared ones); later keys win. */
export function mergeStrings<A extends string, B extends string>(a: Strings<A>, b: Strings<B>): Strings<A | B> {
  const out = {} as Strings<A | B>;
  for (const l of LANGS) out[l] = { ...a[l], ...b[l] } as Record<A | B, string>;
  return out;
}
