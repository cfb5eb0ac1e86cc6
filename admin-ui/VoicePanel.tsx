import { useState } from 'preact/hooks';
import type { Reply } from '../common/wire/replies.js';
import type { Lang } from '../common/types.js';
import { VOICE_EV, type ScreenVoice } from '../common/voice.js';
import { LANG_LABEL, useT } from '../ui-shared/i18n.js';
import type { Link } from '../ui-shared/realtime.js';
import { Observable, useStore } from '../ui-shared/store.js';
import { adminGet, adminSend } from './admin-api.js';
import { S } from './strings/voice.js';
import { useLoad, useSave } from './ui.js';

/** The speaking screens as the server relays them over `/admin` (null until the first list). */
const screens = new Observable<ScreenVoice[] | null>(null);

/** Called once with the admin socket: the list is pushed on connect and on every change. */
export function watchVoiceScreens(link: Link<'/admin'>): void {
  link.on(VOICE_EV.screens, (l) => screens.set(l));
}

/** Settings page panel: which voice each connected screen will use, and a test call on one of them. */
export function VoicePanel() {
  const t = useT(S);
  const pushed = useStore(screens);
  // Until the socket has said anything, ask over HTTP.
  const { data } = useLoad(async () => (await adminGet<Reply<'VoiceScreens'>>('/voice/screens')).screens);
  const list = pushed ?? data ?? [];
  const [lang, setLang] = useState<Record<string, Lang | ''>>({});
  const [sent, setSent] = useState('');
  const save = useSave();
  const name = (s: ScreenVoice) => (s.screen === 'hall' ? t('hallScreen') : t('windowScreen', { n: s.screen }));
  const play = (s: ScreenVoice) => {
    setSent('');
    save.run(() => adminSend('POST', '/voice/test', { screenId: s.screenId, lang: lang[s.screenId] || null }), () => setSent(t('testSent', { screen: name(s) })));
  };
  return (
    <section class="panel voice-panel" aria-labelledby="voice-title">
      <div class="panel-head"><h2 id="voice-title">{t('voiceTitle')}</h2></div>
      <p class="muted">{t('voiceHint')}</p>
      {list.length === 0 ? (
        <p class="muted">{t('noScreens')}</p>
      ) : (
        <table>
          <thead>
            <tr><th>{t('screen')}</th><th>{t('voices')}</th><th>{t('sound')}</th><th>{t('test')}</th></tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.screenId}>
                <td>{name(s)}</td>
                <td>
                  <ul class="voice-modes">
                    {s.langs.map((l) => (
                      <li key={l.lang}><span class="muted">{LANG_LABEL[l.lang]}</span> <span class={`voice-mode ${l.mode}`}>{t(`mode_${l.mode}`)}</span></li>
                    ))}
                  </ul>
                </td>
                <td>{s.soundBlocked ? <span class="badge warning">{t('soundBlocked')}</span> : <span class="badge ok">{t('soundOn')}</span>}</td>
                <td class="voice-test">
                  {s.langs.length > 1 && (
                    <select aria-label={`${t('testLang')} · ${name(s)}`} value={lang[s.screenId] ?? ''} onChange={(e) => setLang({ ...lang, [s.screenId]: e.currentTarget.value as Lang | '' })}>
                      <option value="">{t('allLangs')}</option>
                      {s.langs.map((l) => <option key={l.lang} value={l.lang}>{LANG_LABEL[l.lang]}</option>)}
                    </select>
                  )}
                  <button type="button" class="btn btn-small" disabled={save.busy} onClick={() => play(s)}>
                    {t('playTest')}<span class="sr-only"> · {name(s)}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sent && <p class="banner-ok saved-note" role="status">{sent}</p>}
      {save.error && <p class="banner banner-error" role="alert">{save.error}</p>}
    </section>
  );
}
