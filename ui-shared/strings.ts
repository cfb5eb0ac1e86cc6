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
  { waiting: '等候中', called: '已叫号', serving: '办理中', done: '已办结', no_show: '过号', transferred: '已转办', cancelled: '已取消', remote: '未到场', expired: '已过期', closed: '未开窗', open: '服务中', paused: '暂停服务' },
  { waiting: '等候中', called: '已叫號', serving: '辦理中', done: '已辦結', no_show: '過號', transferred: '已轉辦', cancelled: '已取消', remote: '未到場', expired: '已過期', closed: '未開窗', open: '服務中', paused: '暫停服務' },
  { waiting: 'Waiting', called: 'Called', serving: 'Being served', done: 'Done', no_show: 'Missed', transferred: 'Transferred', cancelled: 'Cancelled', remote: 'Not yet arrived', expired: 'Expired', closed: 'Closed', open: 'Open', paused: 'Paused' },
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
    RESTORE_TOO_LATE: '过号时间已久，不能再恢复；请为市民重新取号。',
    RESTORE_DISABLED: '本大厅未开启过号恢复（管理后台“大厅设置”可开启）。',
    TICKET_NOT_NO_SHOW: '这个号已不是过号状态（可能已恢复或已办结）。',
    ID_CARD_REQUIRED: '办理该事项需要刷身份证，请将身份证放在感应区。',
    PERSON_LIMIT_REACHED: '您今天在该事项已有号在排队，办完后才能再取号。',
    PERSON_DAILY_LIMIT_REACHED: '您今天在该事项的取号次数已达上限，请改日再来。',
    PERSON_HALL_LIMIT_REACHED: '您在本大厅已有多个号在排队，办完一个后才能再取号。',
    PERSON_HALL_DAILY_LIMIT_REACHED: '您今天在本大厅的取号次数已达上限，请改日再来。',
    INVALID_ROUTE: '联办步骤有误：每一步至少一个事项，且不能包含本事项。',
    PRIORITY_CATEGORY_EXISTS: '已有相同编号的优先类别。',
    REMOTE_QUEUE_OFF: '本大厅暂未开通线上取号，请到现场取号机取号。',
    REMOTE_NOT_OFFERED: '该事项不提供线上取号，请到现场取号。',
    REMOTE_QUOTA_REACHED: '该事项今日线上号源已取完，请到现场取号。',
    REMOTE_DEVICE_LIMIT: '这部手机今天取的线上号已达上限。',
    REMOTE_PERSON_LIMIT: '该身份证号今天取的线上号已达上限。',
    REMOTE_EXPIRED: '这个线上号已过期（未按时到场签到），请到取号机重新取号。',
    REMOTE_DOOR_OFF: '本大厅请在取号机上输入签到码签到。',
    REMOTE_DOOR_WRONG: '这不是本大厅门口的签到码，请到取号机签到。',
    PRIORITY_CATEGORY_NOT_FOUND: '找不到该优先类别。',
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
    RESTORE_TOO_LATE: '過號時間已久，不能再恢復；請為民眾重新取號。',
    RESTORE_DISABLED: '本大廳未開啟過號恢復（管理後台「大廳設定」可開啟）。',
    TICKET_NOT_NO_SHOW: '這個號已不是過號狀態（可能已恢復或已辦結）。',
    ID_CARD_REQUIRED: '辦理該事項需要刷身分證，請將身分證放在感應區。',
    PERSON_LIMIT_REACHED: '您今天在該事項已有號在排隊，辦完後才能再取號。',
    PERSON_DAILY_LIMIT_REACHED: '您今天在該事項的取號次數已達上限，請改日再來。',
    PERSON_HALL_LIMIT_REACHED: '您在本大廳已有多個號在排隊，辦完一個後才能再取號。',
    PERSON_HALL_DAILY_LIMIT_REACHED: '您今天在本大廳的取號次數已達上限，請改日再來。',
    INVALID_ROUTE: '聯辦步驟有誤：每一步至少一個事項，且不能包含本事項。',
    PRIORITY_CATEGORY_EXISTS: '已有相同編號的優先類別。',
    REMOTE_QUEUE_OFF: '本大廳暫未開通線上取號，請到現場取號機取號。',
    REMOTE_NOT_OFFERED: '該事項不提供線上取號，請到現場取號。',
    REMOTE_QUOTA_REACHED: '該事項今日線上號源已取完，請到現場取號。',
    REMOTE_DEVICE_LIMIT: '這部手機今天取的線上號已達上限。',
    REMOTE_PERSON_LIMIT: '該身分證號今天取的線上號已達上限。',
    REMOTE_EXPIRED: '這個線上號已過期（未按時到場簽到），請到取號機重新取號。',
    REMOTE_DOOR_OFF: '本大廳請在取號機上輸入簽到碼簽到。',
    REMOTE_DOOR_WRONG: '這不是本大廳門口的簽到碼，請到取號機簽到。',
    PRIORITY_CATEGORY_NOT_FOUND: '找不到該優先類別。',
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
    RESTORE_TOO_LATE: 'This no-show is too old to restore. Please give the citizen a new ticket.',
    RESTORE_DISABLED: 'Restoring no-shows is switched off in this hall (Admin → Hall settings).',
    TICKET_NOT_NO_SHOW: 'This ticket is no longer a no-show (restored or finished already).',
    ID_CARD_REQUIRED: 'This service needs your ID card. Please place it on the reader.',
    PERSON_LIMIT_REACHED: 'You already have a ticket waiting for this service today. You can take another once it is done.',
    PERSON_DAILY_LIMIT_REACHED: 'You have taken as many tickets for this service today as one person may. Please come back on another day.',
    PERSON_HALL_LIMIT_REACHED: 'You already have several tickets waiting in this hall. You can take another once one is done.',
    PERSON_HALL_DAILY_LIMIT_REACHED: 'You have taken as many tickets in this hall today as one person may. Please come back on another day.',
    INVALID_ROUTE: 'The joint-handling steps are not valid: each step needs a service, and the service itself cannot be a step.',
    PRIORITY_CATEGORY_EXISTS: 'A priority category with this id already exists.',
    REMOTE_QUEUE_OFF: 'This hall does not give out numbers online yet; please take one at the kiosk.',
    REMOTE_NOT_OFFERED: 'This service has no online numbers; please take one at the kiosk.',
    REMOTE_QUOTA_REACHED: "Today's online numbers for this service are all taken; please take one at the kiosk.",
    REMOTE_DEVICE_LIMIT: 'This phone has taken the most online numbers allowed today.',
    REMOTE_PERSON_LIMIT: 'This ID number has taken the most online numbers allowed today.',
    REMOTE_EXPIRED: 'This online number has expired (no check-in in time); please take a new one at the kiosk.',
    REMOTE_DOOR_OFF: 'Please check in by typing your code at the kiosk.',
    REMOTE_DOOR_WRONG: "This is not this hall's door QR code; please check in at the kiosk.",
    PRIORITY_CATEGORY_NOT_FOUND: 'No such priority category.',
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
