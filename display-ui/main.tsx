import { render } from 'preact';
import '../ui-shared/tokens.css';
import './display.css';
import { ConnectionBanner } from '../ui-shared/components.js';
import { langStore, loc, useT } from '../ui-shared/i18n.js';
import { useStore } from '../ui-shared/store.js';
import { common } from '../ui-shared/strings.js';
import { Announcer } from './announcer.js';
import { announce, soundBlocked, unlockSound, voiceConfig } from './audio.js';
import { hall, link, serverNow, useAnnouncer } from './hall-state.js';
import { HallScreen } from './HallScreen.js';
import { S } from './strings.js';
import { WindowScreen } from './WindowScreen.js';
import { RateScreen, watchRatings } from './RateScreen.js';
import { startVoiceStatus, TEST_PREFIX, testLangs } from './voice-status.js';
import type { CalledEvent } from '../common/types.js';

const params = new URLSearchParams(location.search);
const m = location.pathname.match(/\/display\/window\/(\d+)/);
const windowNumber = m ? Number(m[1]) : params.get('window') ? Number(params.get('window')) : null;

// `?rate=1` on a window screen: the citizen-facing rating screen of that window (needs a display token).
const rating = windowNumber !== null && params.get('rate') === '1';
if (rating) watchRatings(windowNumber);

// The hall screen speaks by default; a window's TV only when asked (?voice=1), so calls are not said twice.
const voiceOn = params.get('voice') === null ? windowNumber === null : params.get('voice') !== '0';
if (voiceOn) {
  // Template and repeat count come from the hall's settings (each snapshot), unless the URL overrides them;
  // the language is the display's own (it may be switched), unless ?voiceLangs= fixes it.
  const cfg = voiceConfig(params, () => langStore.get(), (lang) => loc(hall.get()?.voiceTemplate, lang) || null, () => hall.get()?.voiceRepeat ?? null);
  const say = (c: CalledEvent) => {
    const only = testLangs.get(c);
    return announce(c, only ? { ...cfg, langs: () => only } : cfg, c.ticketId.startsWith(TEST_PREFIX));
  };
  const announcer = new Announcer({ speak: say, serverNow });
  useAnnouncer(announcer);
  // What was queued to be said, for diagnostics on site and for the end-to-end tests.
  (window as unknown as { __onestopAnnouncer: Announcer }).__onestopAnnouncer = announcer;
  startVoiceStatus(windowNumber ?? 'hall', cfg, announcer);
}

function App() {
  const s = useStore(hall);
  const blocked = useStore(soundBlocked);
  const t = useT(S);
  const tc = useT(common);
  return (
    <>
      <ConnectionBanner link={link} />
      {s ? (
        windowNumber !== null ? <WindowScreen s={s} number={windowNumber} /> : <HallScreen s={s} />
      ) : (
        <div class="boot">{tc('connecting')}</div>
      )}
      {rating && <RateScreen />}
      {voiceOn && blocked && (
        <button class="sound-off" onClick={unlockSound}>
          {t('soundOff')}
        </button>
      )}
    </>
  );
}

if (voiceOn) document.addEventListener('pointerdown', unlockSound, { once: true });
render(<App />, document.getElementById('app')!);
