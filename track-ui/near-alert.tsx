import { useState } from 'preact/hooks';
import type { TrackView } from '../common/types.js';
import { useT } from '../ui-shared/i18n.js';
import type { Store } from '../ui-shared/store.js';
import { EV } from '../common/events.js';
import type { Link } from '../ui-shared/realtime.js';
import { R } from './remote-strings.js';

/**
 * "Almost your turn" on the phone page (issue 13 item 11): when the ticket is
 * `notifyAhead` places from the front, a short tone and a vibration — once per
 * ticket, and only after the citizen tapped "turn on alerts" (browsers block
 * sound and vibration until the page was touched). Kept apart from the call
 * alert so it can share that consent at merge time.
 */
let audio: AudioContext | null = null;
let allowed = false;
const KEY = 'onestop.alerts';

export function alertsAllowed(): boolean {
  return allowed;
}

/** Must run inside the tap's handler: that is what unlocks audio and vibration. */
export function allowAlerts(): void {
  allowed = true;
  try {
    sessionStorage.setItem(KEY, '1');
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    /* no audio on this phone: vibration only */
  }
  navigator.vibrate?.(1);
}

function tone(): void {
  if (!audio) return;
  const o = audio.createOscillator();
  const g = audio.createGain();
  o.frequency.value = 880;
  g.gain.setValueAtTime(0.2, audio.currentTime);
  g.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
  o.connect(g).connect(audio.destination);
  o.start();
  o.stop(audio.currentTime + 0.6);
}

/** Watches the ticket view: alerts once when it comes within `notifyAhead` of the front. */
export function watchNear(view: Store<TrackView | null>): void {
  let alertedFor = '';
  view.subscribe((v) => {
    if (!v || !allowed || v.status !== 'waiting' || !v.notifyAhead) return;
    if (v.waitingAhead > v.notifyAhead || alertedFor === v.number) return;
    alertedFor = v.number;
    tone();
    navigator.vibrate?.([200, 100, 200]);
  });
}

/** The tap that turns alerts on (shown until tapped). */
export function AlertConsent({ v }: { v: TrackView }) {
  const t = useT(R);
  const [on, setOn] = useState(allowed);
  if (on || (v.status !== 'waiting' && v.status !== 'remote')) return null;
  return (
    <button class="rq-go tr-consent" onClick={() => { allowAlerts(); setOn(true); }}>
      {v.notifyAhead ? t('alertsOnNear', { n: v.notifyAhead }) : t('alertsOn')}
    </button>
  );
}

/**
 * The server pushes a ticket's page only when that ticket changes; the places
 * ahead change with every call. While waiting, a queue change (`queue`, sent to
 * every screen) asks for the page again — at most once per `everyMs`, with a
 * random offset so a hall full of phones does not ask all at once.
 */
export function followQueue(link: Link, token: string, view: Store<TrackView | null>, everyMs = 15_000): void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const ask = () => {
    timer = null;
    last = Date.now();
    link.request<TrackView | { view: TrackView }>(EV.track, { token }).then((r) => {
      const v = r && 'view' in r ? r.view : (r as TrackView);
      if (v && typeof v.number === 'string') view.set(v);
    }).catch(() => undefined);
  };
  link.on(EV.queue, () => {
    const v = view.get();
    if (!v || (v.status !== 'waiting' && v.status !== 'remote') || timer) return;
    const wait = Math.max(0, last + everyMs - Date.now()) + Math.random() * 1_000;
    timer = setTimeout(ask, wait);
  });
}
