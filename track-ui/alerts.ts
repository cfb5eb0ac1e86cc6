/**
 * The phone page's turn alert. Browsers refuse `navigator.vibrate` and audio
 * until the person has tapped the page (Chromium logs "Blocked call to
 * navigator.vibrate"), so the page asks for one tap to switch alerts on; that
 * tap unlocks vibration for the page and starts the audio context. Before the
 * tap the page never calls vibrate (no blocked call); after it each call
 * vibrates and plays a three-tone chime once (a recall alerts again).
 */
import { Observable } from '../ui-shared/store.js';

/** 'off' until the tap, 'on' after it. */
export const alertState = new Observable<'off' | 'on'>('off');
let audio: AudioContext | null = null;
/** The call the page last alerted for (calledAt and recall count), so one call alerts once. */
let alertedFor = '';

const VIBRATION = [400, 150, 400, 150, 400];

function chime(ctx: AudioContext, tones: number[]): void {
  let t = ctx.currentTime + 0.05;
  for (const f of tones) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = f;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.5, t + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.35);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + 0.4);
    t += 0.4;
  }
}

/** Runs inside the tap's click handler: the user activation lets vibrate and audio start. */
export function enableAlerts(): void {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (Ctx) {
      audio ??= new Ctx();
      void audio.resume().catch(() => undefined);
      chime(audio, [880]); // a short tick: the person hears that it works
    }
  } catch {
    audio = null; // no audio on this phone: vibration alone
  }
  navigator.vibrate?.(120);
  alertState.set('on');
}

/** Alerts for a call once; before the tap it does nothing. */
export function alertForCall(call: string): boolean {
  if (alertState.get() !== 'on' || call === alertedFor) return false;
  alertedFor = call;
  navigator.vibrate?.(VIBRATION);
  if (audio) {
    void audio.resume().catch(() => undefined);
    chime(audio, [660, 880, 1100]);
  }
  return true;
}

let nearFor = '';

/** "Almost your turn": a short tone and vibration once per ticket, only after the tap (see near-alert.tsx). */
export function alertNear(key: string): boolean {
  if (alertState.get() !== 'on' || key === nearFor) return false;
  nearFor = key;
  navigator.vibrate?.([200, 100, 200]);
  if (audio) {
    void audio.resume().catch(() => undefined);
    chime(audio, [880]);
  }
  return true;
}

/** A call seen before the tap still counts as seen, so tapping later does not alert for an old call. */
export function noteCall(call: string): void {
  if (alertState.get() !== 'on') alertedFor = call;
}
