import type { Lang, TicketStatus, WindowStatus } from '../common/types.js';
import { ApiFailure } from './api.js';
import { defineStrings, translate } from './i18n.js';

/** Strings used by more than one UI. */
export const common = defineStrings(
  {
    online: '已连接',
    offline: '连接中断，正在重连…',
    connecting: '正在连接…',
    denied: '本设备未获授权，请联系管理员',
    minutes: '约 {n} 分钟',
    lessThanMinute: '不到 1 分钟',
    people: '{n} 人',
    window: '{n} 号窗口',
    language: '语言',
    retry: '重试',
    cancel: '取消',
    back: '返回',
    close: '关闭',
    loading: '正在加载…',
  },
  {
    online: '已連線',
    offline: '連線中斷，正在重新連線…',
    connecting: '正在連線…',
    denied: '本設備未獲授權，請聯絡管理員',
    minutes: '約 {n} 分鐘',
    lessThanMinute: '不到 1 分鐘',
    people: '{n} 人',
    window: '{n} 號窗口',
    language: '語言',
    retry: '重試',
    cancel: '取消',
    back: '返回',
    close: '關閉',
    loading: '正在載入…',
  },
  {
    online: 'Connected',
    offline: 'Connection lost, reconnecting…',
    connecting: 'Connecting…',
    denied: 'This device is not authorised. Please contact the administrator.',
    minutes: 'about {n} min',
    lessThanMinute: 'under 1 min',
    people: '{n}',
    window: 'Window {n}',
    language: 'Language',
    retry: 'Try again',
    cancel: 'Cancel',
    back: 'Back',
    close: 'Close',
    loading: 'Loading…',
  },
);

export function waitText(seconds: number, lang: Lang): string {
  if (seconds < 60) return translate(common, lang, 'lessThanMinute');
  return translate(common, lang, 'minutes', { n: Math.round(seconds / 60) });
}

const status = defineStrings<TicketStatus | WindowStatus>(
  { waiting: '等候中', called: '已叫号', serving: '办理中', done: '已办结', no_show: '过号', transferred: '已转办', cancelled: '已取消', closed: '未开窗', open: '服务中', paused: '暂停服务' },
  { waiting: '等候中', called: '已叫號', serving: '辦理中', done: '已辦結', no_show: '過號', transferred: '已轉辦', cancelled: '已取消', closed: '未開窗', open: '服務中', paused: '暫停服務' },
  { waiting: 'Waiting', called: 'Called', serving: 'Being served', done: 'Done', no_show: 'Missed', transferred: 'Transferred', cancelled: 'Cancelled', closed: 'Closed', open: 'Open', paused: 'Paused' },
);
export function statusText(s: TicketStatus | WindowStatus, lang: Lang): string {
  return translate(status, lang, s);
}

/** Error codes the hall server uses, said so a citizen or clerk knows what to do. */
const errors = defineStrings(
  {
    NETWORK: '暂时连不上服务器，请稍后再试；如仍不行请到服务台咨询。',
    TIMEOUT: '服务器响应超时，请稍后再试。',
    SERVICE_CLOSED: '该事项当前暂停取号，请到服务台咨询。',
    SERVICE_NOT_FOUND: '该事项已不存在，请重新选择。',
    QUOTA_REACHED: '该事项今日号源已满，请改日办理或网上预约。',
    PRINTER: '取号机打印纸用完或故障，请到服务台取号。',
    UNAUTHORIZED: '登录已过期，请重新登录。',
    FORBIDDEN: '您没有执行此操作的权限。',
    BAD_LOGIN: '用户名或密码不正确。',
    NO_CURRENT_TICKET: '当前没有正在办理的号。',
    TICKET_IN_HAND: '请先办结或处理当前的号。',
    WINDOW_CLOSED: '窗口尚未签到开窗。',
    WINDOW_PAUSED: '窗口处于暂停状态，请先恢复服务。',
    WINDOW_NOT_PAUSED: '窗口未暂停。',
    TICKET_NOT_FOUND: '找不到该号码。',
    TRANSFER_TO_SELF: '不能转到本窗口。',
    INVALID_ID_NUMBER: '身份证号码无效，请重新刷卡或跳过。',
    RATE_LIMITED: '操作太频繁，请稍候再试。',
    UNKNOWN: '出了点问题，请到服务台咨询。',
  },
  {
    NETWORK: '暫時連不上伺服器，請稍後再試；如仍不行請到服務台諮詢。',
    TIMEOUT: '伺服器回應逾時，請稍後再試。',
    SERVICE_CLOSED: '該事項目前暫停取號，請到服務台諮詢。',
    SERVICE_NOT_FOUND: '該事項已不存在，請重新選擇。',
    QUOTA_REACHED: '該事項今日號源已滿，請改日辦理或網上預約。',
    PRINTER: '取號機列印紙用完或故障，請到服務台取號。',
    UNAUTHORIZED: '登入已過期，請重新登入。',
    FORBIDDEN: '您沒有執行此操作的權限。',
    BAD_LOGIN: '使用者名稱或密碼不正確。',
    NO_CURRENT_TICKET: '目前沒有正在辦理的號。',
    TICKET_IN_HAND: '請先辦結或處理目前的號。',
    WINDOW_CLOSED: '窗口尚未簽到開窗。',
    WINDOW_PAUSED: '窗口處於暫停狀態，請先恢復服務。',
    WINDOW_NOT_PAUSED: '窗口未暫停。',
    TICKET_NOT_FOUND: '找不到該號碼。',
    TRANSFER_TO_SELF: '不能轉到本窗口。',
    INVALID_ID_NUMBER: '身分證號碼無效，請重新刷卡或略過。',
    RATE_LIMITED: '操作太頻繁，請稍候再試。',
    UNKNOWN: '出了點問題，請到服務台諮詢。',
  },
  {
    NETWORK: 'Cannot reach the hall server right now. Please try again, or ask at the help desk.',
    TIMEOUT: 'The server took too long to answer. Please try again.',
    SERVICE_CLOSED: 'This service is not issuing tickets right now. Please ask at the help desk.',
    SERVICE_NOT_FOUND: 'This service no longer exists. Please choose again.',
    QUOTA_REACHED: "Today's tickets for this service are all taken. Please come another day or book online.",
    PRINTER: 'The ticket printer is out of paper or not working. Please go to the help desk for a ticket.',
    UNAUTHORIZED: 'Your session has expired. Please sign in again.',
    FORBIDDEN: 'You are not allowed to do this.',
    BAD_LOGIN: 'Wrong user name or password.',
    NO_CURRENT_TICKET: 'There is no ticket at this window now.',
    TICKET_IN_HAND: 'Finish or hand over the current ticket first.',
    WINDOW_CLOSED: 'This window is not signed in yet.',
    WINDOW_PAUSED: 'This window is paused. Resume service first.',
    WINDOW_NOT_PAUSED: 'This window is not paused.',
    TICKET_NOT_FOUND: 'No such ticket.',
    TRANSFER_TO_SELF: 'Cannot transfer to this same window.',
    INVALID_ID_NUMBER: 'The ID card number is not valid. Swipe again or skip.',
    RATE_LIMITED: 'Too many requests. Please wait a moment.',
    UNKNOWN: 'Something went wrong. Please ask at the help desk.',
  },
);
type ErrorKey = keyof (typeof errors)['zh-CN'];

/** A message a person can act on, in their language; the server's own text for codes we do not know. */
export function friendlyError(e: unknown, lang: Lang): string {
  const f = e instanceof ApiFailure ? e : new ApiFailure('UNKNOWN', String((e as Error)?.message ?? e));
  let key: string = f.code;
  if (/PRINTER|PAPER/.test(key)) key = 'PRINTER';
  else if (key === 'INVALID_CREDENTIALS' || key === 'LOGIN_FAILED') key = 'BAD_LOGIN';
  else if (f.status === 401 && key !== 'BAD_LOGIN') key = 'UNAUTHORIZED';
  else if (f.status === 403) key = 'FORBIDDEN';
  else if (f.status === 429) key = 'RATE_LIMITED';
  if (key in errors['zh-CN']) return translate(errors, lang, key as ErrorKey);
  return f.message || translate(errors, lang, 'UNKNOWN');
}
