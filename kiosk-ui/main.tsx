import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import '../ui-shared/tokens.css';
import './kiosk.css';
import type { ServiceSummary } from '../common/types.js';
import { ApiFailure } from '../ui-shared/api.js';
import { ConnectionBanner, LangSwitch } from '../ui-shared/components.js';
import { langStore, useLang, useT } from '../ui-shared/i18n.js';
import { Observable, useStore } from '../ui-shared/store.js';
import { Home } from './Home.js';
import { askForCard, canCheckIn, services, cardError, checkIn, devices, lastCard, link, printerTrouble, takeTicket, type IdCardRead, type Issued } from './kiosk-state.js';
import { CheckIn, Failed, Guide, Result, Swipe, Working } from './steps.js';
import { S } from './strings.js';

type Screen =
  | { kind: 'home' }
  | { kind: 'guide'; s: ServiceSummary }
  | { kind: 'swipe'; s: ServiceSummary; since: number; again?: boolean; required?: boolean }
  | { kind: 'working' }
  | { kind: 'checkin'; since: number }
  | { kind: 'result'; s: ServiceSummary | null; issued: Issued }
  | { kind: 'error'; error: unknown };

const IDLE_MS = 60_000;
/** A card read more than this long ago is not used for a ticket. */
const CARD_TTL_MS = 120_000;
const elderlyStore = new Observable(new URLSearchParams(location.search).has('elderly'));

function Header({ elderly }: { elderly: boolean }) {
  const t = useT(S);
  return (
    <header class="k-head">
      <div class="k-title">
        <span class="emblem" aria-hidden="true">政</span>
        <h1>{t('title')}</h1>
      </div>
      <div class="k-tools">
        <button class="btn elderly-btn" aria-pressed={elderly} onClick={() => elderlyStore.set(!elderly)}>
          {elderly ? t('elderlyOff') : t('elderly')}
        </button>
        <LangSwitch class="k-lang" />
      </div>
    </header>
  );
}

function App() {
  const [screen, setScreen] = useState<Screen>({ kind: 'home' });
  const elderly = useStore(elderlyStore);
  const card = useStore(lastCard);
  const devs = useStore(devices);
  const checkInOn = useStore(canCheckIn);
  const readErr = useStore(cardError);
  const svcs = useStore(services);
  const lang = useLang();
  const t = useT(S);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const freshCard = card && Date.now() - card.at < CARD_TTL_MS ? card : null;
  const home = () => {
    lastCard.set(null);
    setScreen({ kind: 'home' });
  };

  // Back to the start (and the default language, standard text) when nobody touches the screen.
  useEffect(() => {
    const reset = () => {
      clearTimeout(idle.current);
      idle.current = setTimeout(() => {
        home();
        elderlyStore.set(false);
        langStore.set('zh-CN');
      }, IDLE_MS);
    };
    reset();
    for (const ev of ['pointerdown', 'keydown']) document.addEventListener(ev, reset);
    return () => {
      clearTimeout(idle.current);
      for (const ev of ['pointerdown', 'keydown']) document.removeEventListener(ev, reset);
    };
  }, []);

  const issue = async (s: ServiceSummary, c: IdCardRead | null) => {
    setScreen({ kind: 'working' });
    try {
      const issued = await takeTicket(s.id, c);
      lastCard.set(null);
      setScreen({ kind: 'result', s, issued });
    } catch (error) {
      lastCard.set(null);
      // The server forgot the card read (too old, or it restarted): ask for the card again.
      if (error instanceof ApiFailure && error.code === 'CARD_EXPIRED') setScreen({ kind: 'swipe', s, since: Date.now(), again: true, required: !!s.idCardRequired });
      // The service started to require a card after this kiosk read its list: ask for it (no skip).
      else if (error instanceof ApiFailure && error.code === 'ID_CARD_REQUIRED' && askForCard) setScreen({ kind: 'swipe', s, since: Date.now(), required: true });
      else setScreen({ kind: 'error', error });
    }
  };

  const checkInWith = async (by: { code: string } | { cardToken: string }) => {
    setScreen({ kind: 'working' });
    try {
      const issued = await checkIn(by);
      lastCard.set(null);
      setScreen({ kind: 'result', s: null, issued });
    } catch (error) {
      lastCard.set(null);
      setScreen({ kind: 'error', error });
    }
  };

  const take = (s: ServiceSummary) => {
    if (freshCard) void issue(s, freshCard);
    // A service with idCardRequired goes straight to the card step, without "skip".
    else if (s.idCardRequired) setScreen(askForCard ? { kind: 'swipe', s, since: Date.now(), required: true } : { kind: 'error', error: new ApiFailure('ID_CARD_REQUIRED', '', 409) });
    else if (!askForCard) void issue(s, null);
    else setScreen({ kind: 'swipe', s, since: Date.now() });
  };

  // On the swipe screen a card read is the go-ahead; on the check-in screen it finds the booking.
  useEffect(() => {
    if (screen.kind === 'swipe' && card && card.at >= screen.since) void issue(screen.s, card);
    if (screen.kind === 'checkin' && card && card.at >= screen.since) void checkInWith({ cardToken: card.cardToken });
  }, [card, screen]);

  let body;
  switch (screen.kind) {
    case 'home':
      body = <Home elderly={elderly} onPick={(s) => setScreen({ kind: 'guide', s })} onCheckIn={checkInOn ? () => setScreen({ kind: 'checkin', since: Date.now() }) : undefined} />;
      break;
    case 'guide': {
      // The latest copy of the service: a `config` push may have changed it while the guide is open.
      const s = svcs?.find((x) => x.id === screen.s.id) ?? screen.s;
      body = <Guide s={s} elderly={elderly} busy={false} onTake={() => take(s)} onBack={home} />;
      break;
    }
    case 'swipe':
      body = <Swipe again={!!screen.again} required={!!screen.required} readError={readErr?.message ?? ''} onSkip={() => void issue(screen.s, null)} onBack={home} />;
      break;
    case 'working':
      body = <Working />;
      break;
    case 'checkin':
      body = <CheckIn onSubmit={(code) => void checkInWith({ code })} onBack={home} />;
      break;
    case 'result':
      body = <Result issued={screen.issued} service={screen.s} onDone={home} />;
      break;
    case 'error':
      body = <Failed error={screen.error} onBack={home} />;
  }

  return (
    <div class={`kiosk ${elderly ? 'elderly' : ''}`} lang={lang}>
      <ConnectionBanner link={link} />
      <Header elderly={elderly} />
      {printerTrouble(devs) && <div class="banner banner-error k-banner" role="alert">{t('printerProblem')}</div>}
      {freshCard && screen.kind === 'home' && (
        <div class="banner banner-ok k-banner">{t('cardRead', { name: freshCard.maskedName })} · {freshCard.maskedIdNumber}</div>
      )}
      <main class="k-main">{body}</main>
      <footer class="k-foot">{t('help')}</footer>
    </div>
  );
}

document.documentElement.classList.add('kiosk-root');
render(<App />, document.getElementById('app')!);
