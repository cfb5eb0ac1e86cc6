import { useEffect, useState } from 'preact/hooks';
import { GRADE_LABELS, GRADES, RATING_REASONS, type Grade, type RateRequestEvent, type RatingReason } from '../common/supervision.js';
import { EV } from '../common/events.js';
import { post } from '../ui-shared/api.js';
import { defineStrings, loc, useLang, useT } from '../ui-shared/i18n.js';
import { Observable, useNow, useStore } from '../ui-shared/store.js';
import { friendlyError } from '../ui-shared/strings.js';
import { link, serverNow } from './hall-state.js';

const R = defineStrings(
  { title: '请您对本次服务作出评价', ticket: '号码 {n}', why: '请告诉我们哪里做得不好（可多选）', send: '提交评价', thanks: '感谢您的评价！', skip: '不选原因，直接提交', left: '{n} 秒' },
  { title: '請您對本次服務作出評價', ticket: '號碼 {n}', why: '請告訴我們哪裡做得不好（可多選）', send: '提交評價', thanks: '感謝您的評價！', skip: '不選原因，直接提交', left: '{n} 秒' },
  { title: 'Please rate the service you received', ticket: 'Ticket {n}', why: 'What went wrong? (choose any)', send: 'Send rating', thanks: 'Thank you for your rating!', skip: 'Send without a reason', left: '{n} s' },
);

/** The open request for this window, from `rate-request` on /display. */
const request = new Observable<RateRequestEvent | null>(null);

/** Makes this page the citizen-facing rating screen of window `n` (`/display/window/:n?rate=1`). */
export function watchRatings(windowNumber: number): void {
  link.on(EV.rateRequest, (ev) => {
    if (ev.windowNumber === windowNumber) request.set(ev);
  });
}

const FACE: Record<Grade, string> = { 5: 'g5', 4: 'g4', 3: 'g3', 2: 'g2', 1: 'g1' };

/**
 * The five grades of GB/T 39734 over the window screen while the window asks
 * for a rating; a poor grade asks for reasons. Posts to /api/v1/ratings with
 * this display's device token.
 */
export function RateScreen() {
  const req = useStore(request);
  const t = useT(R);
  const lang = useLang();
  const now = useNow(1000);
  const [grade, setGrade] = useState<Grade | null>(null);
  const [reasons, setReasons] = useState<RatingReason[]>([]);
  const [state, setState] = useState<'ask' | 'sending' | 'thanks'>('ask');
  const [err, setErr] = useState('');
  useEffect(() => {
    setGrade(null);
    setReasons([]);
    setState('ask');
    setErr('');
  }, [req]);
  useEffect(() => {
    if (state !== 'thanks') return;
    const id = setTimeout(() => request.set(null), 5000);
    return () => clearTimeout(id);
  }, [state]);
  if (!req) return null;
  const left = Math.ceil((Date.parse(req.expiresAt) - serverNow()) / 1000);
  if (left <= 0 && state !== 'thanks') {
    queueMicrotask(() => request.set(null));
    return null;
  }
  void now;
  const send = (g: Grade, why: RatingReason[]) => {
    setState('sending');
    post('/api/v1/ratings', { windowId: req.windowId, grade: g, ...(why.length ? { reasons: why } : {}) })
      .then(() => setState('thanks'))
      .catch((e) => {
        setErr(friendlyError(e, lang));
        setState('ask');
      });
  };
  const pick = (g: Grade) => {
    setGrade(g);
    if (g >= 3) send(g, []);
  };
  return (
    <div class="rate" role="dialog" aria-modal="true" aria-labelledby="rate-title">
      {state === 'thanks' ? (
        <p class="rate-thanks" role="status">{t('thanks')}</p>
      ) : (
        <>
          <h2 id="rate-title">{t('title')}</h2>
          <p class="rate-ticket num">{t('ticket', { n: req.ticketNumber })} · <span>{t('left', { n: left })}</span></p>
          {grade !== null && grade <= 2 ? (
            <div class="rate-why">
              <h3>{t('why')}</h3>
              <div class="rate-reasons">
                {RATING_REASONS.map((r) => (
                  <button key={r.id} class={`rate-reason ${reasons.includes(r.id) ? 'on' : ''}`} aria-pressed={reasons.includes(r.id)}
                    onClick={() => setReasons((x) => (x.includes(r.id) ? x.filter((y) => y !== r.id) : [...x, r.id]))}>
                    {loc(r.label, lang)}
                  </button>
                ))}
              </div>
              <button class="rate-send" disabled={state === 'sending'} onClick={() => send(grade, reasons)}>{reasons.length ? t('send') : t('skip')}</button>
            </div>
          ) : (
            <div class="rate-grades">
              {GRADES.map((g) => (
                <button key={g} class={`rate-grade ${FACE[g]}`} disabled={state === 'sending'} data-grade={g} onClick={() => pick(g)}>
                  <span class="rate-dot" aria-hidden="true" />
                  {loc(GRADE_LABELS[g], lang)}
                </button>
              ))}
            </div>
          )}
          {err && <p class="rate-err" role="alert">{err}</p>}
        </>
      )}
    </div>
  );
}
