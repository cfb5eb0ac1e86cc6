import QRCode from 'qrcode';
import { useEffect, useState } from 'preact/hooks';
import type { Reply } from '../common/wire/replies.js';
import { ApiFailure, get } from '../ui-shared/api.js';
import { deviceToken } from '../ui-shared/env.js';
import { defineStrings, useT } from '../ui-shared/i18n.js';

const D = defineStrings(
  { scan: '线上取号到场', hint: '请用取号的手机扫码签到' },
  { scan: '線上取號到場', hint: '請用取號的手機掃碼簽到' },
  { scan: 'Online number?', hint: 'Scan with the phone you took it on to check in' },
);

/** How often the screen asks for today's code: it changes with the business day. */
const REFRESH_MS = 2 * 60_000;

/**
 * Today's door QR of remote queueing (线上取号) in a corner of the hall screen,
 * when the hall has door check-in on. The code is HMAC(secret, business day),
 * read with this screen's display token (GET /api/v1/remote/door); a screen
 * without one (or a hall without door check-in) shows nothing. The daily code is
 * never public (anyone at home could "arrive" with it), so a screen without a
 * token does not ask at all, and one whose token is refused (revoked) stops asking.
 */
export function DoorQr() {
  const t = useT(D);
  const [svg, setSvg] = useState('');
  useEffect(() => {
    if (!deviceToken) return;
    let live = true;
    const load = () =>
      get<Reply<'RemoteDoor'>>('/api/v1/remote/door')
        .then((d) => (d.enabled ? QRCode.toString(d.url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) : ''))
        .then((x) => live && setSvg(x))
        .catch((e: unknown) => {
          if (!live) return;
          setSvg('');
          if (e instanceof ApiFailure && (e.status === 401 || e.status === 403)) clearInterval(id);
        });
    const id = setInterval(load, REFRESH_MS);
    void load();
    return () => {
      live = false;
      clearInterval(id);
    };
  }, []);
  if (!svg) return null;
  return (
    <figure class="door-qr" aria-label={t('scan')}>
      <div class="door-qr-code" dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption>
        <b>{t('scan')}</b>
        <span>{t('hint')}</span>
      </figcaption>
    </figure>
  );
}
