import { useState } from 'preact/hooks';
import type { ServiceSummary } from '../common/types.js';
import { loc, useLang, useT } from '../ui-shared/i18n.js';
import { useStore } from '../ui-shared/store.js';
import { friendlyError, waitText } from '../ui-shared/strings.js';
import { departments, loadError, services } from './kiosk-state.js';
import { S } from './strings.js';

export function ServiceCard({ s, onPick }: { s: ServiceSummary; onPick: (s: ServiceSummary) => void }) {
  const t = useT(S);
  const lang = useLang();
  return (
    <button class={`svc ${s.open ? '' : 'closed'}`} disabled={!s.open} onClick={() => onPick(s)}>
      <span class="svc-name">{loc(s.names, lang) || s.name}</span>
      {s.open ? (
        <span class="svc-meta">
          <span class="svc-wait">{t('waitingN', { n: s.waiting })}</span>
          <span>{t('estWait', { t: waitText(s.estimatedWaitSeconds, lang) })}</span>
        </span>
      ) : (
        <span class="svc-meta closed-tag">{t('closedNow')}</span>
      )}
    </button>
  );
}

export function Home({ elderly, onPick, onCheckIn }: { elderly: boolean; onPick: (s: ServiceSummary) => void; onCheckIn?: () => void }) {
  const t = useT(S);
  const lang = useLang();
  const list = useStore(services);
  const deps = useStore(departments);
  const err = useStore(loadError);
  const [dep, setDep] = useState<string>('all');

  if (!list) return <div class="center-msg">{err ? friendlyError(err, lang) : '…'}</div>;
  // Elderly mode: one flat list of what can be taken now, nothing to filter.
  const shown = elderly ? list.filter((s) => s.open) : list.filter((s) => dep === 'all' || s.departmentId === dep);
  const usedDeps = deps.filter((d) => list.some((s) => s.departmentId === d.id));
  const showDeps = !elderly && usedDeps.length > 1;

  return (
    <div class={`home ${showDeps ? 'has-deps' : ''}`}>
      <div class="prompt-row">
        <h2 class="prompt">{t('chooseService')}</h2>
        {onCheckIn && (
          <button class="btn checkin-btn" onClick={onCheckIn}>
            {t('checkIn')}
          </button>
        )}
      </div>
      {showDeps && (
        <nav class="deps" aria-label={t('chooseService')}>
          <button class={dep === 'all' ? 'on' : ''} aria-pressed={dep === 'all'} onClick={() => setDep('all')}>
            {t('allDepartments')}
          </button>
          {usedDeps.map((d) => (
            <button key={d.id} class={dep === d.id ? 'on' : ''} aria-pressed={dep === d.id} onClick={() => setDep(d.id)}>
              {loc(d.name, lang)}
            </button>
          ))}
        </nav>
      )}
      <div class="svc-grid">
        {shown.map((s) => (
          <ServiceCard key={s.id} s={s} onPick={onPick} />
        ))}
      </div>
    </div>
  );
}
