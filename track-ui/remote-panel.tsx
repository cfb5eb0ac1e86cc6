import type { TrackView } from '../common/types.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { waitText } from '../ui-shared/strings.js';
import { R } from './remote-strings.js';

/** A remote ticket not yet arrived: the check-in code, how and by when to check in, the place if it checked in now. */
export function RemotePanel({ v }: { v: TrackView }) {
  const t = useT(R);
  const lang = useLang();
  if (v.status === 'expired') return <p class="tr-msg bad">{t('expired')}</p>;
  if (v.status !== 'remote' || !v.remote) return null;
  const r = v.remote;
  // The hall's local time as the server wrote it (…T10:30:00+08:00), not this phone's zone.
  const until = r.expiresAt.slice(11, 16);
  return (
    <>
      <section class="tr-remote" aria-live="polite">
        <h2>{t('remoteTitle')}</h2>
        <div class="tr-label">{t('code')}</div>
        <div class="tr-code num" data-testid="arrival-code">{r.arrivalCode}</div>
        <p>{t('checkInHow', { door: r.doorCheckIn ? t('doorToo') : '' })}</p>
        <p class="tr-until">{until ? t('expiresAt', { t: until }) : t('expiresDay')}</p>
        <p class="tr-hint">{r.arrivalRule === 'keep' ? t('ruleKeep') : t('ruleJoin')}</p>
      </section>
      <section class="tr-stats">
        <div><span>{t('ifNow')}</span><b class="num">{v.waitingAhead}</b></div>
        <div><span>{t('ifNowWait')}</span><b>{waitText(v.estimatedWaitSeconds, lang)}</b></div>
      </section>
    </>
  );
}

/** 收费透明, 按承诺办结: the service's fees and promised time, on every ticket page. */
export function ServiceFacts({ v }: { v: TrackView }) {
  const t = useT(R);
  const lang = useLang();
  if (!v.fees && !v.promisedMinutes) return null;
  return (
    <dl class="tr-facts">
      {v.fees && (<><dt>{t('fees')}</dt><dd>{loc(v.fees, lang)}</dd></>)}
      {!!v.promisedMinutes && (<><dt>{t('promised')}</dt><dd>{t('promisedN', { n: v.promisedMinutes })}</dd></>)}
    </dl>
  );
}
