import { defineStrings } from '../../ui-shared/i18n.js';

/** The banner about the server clock. */
export const S = defineStrings(
  {
    clockJumped: "服务器时钟在 {time} 跳变了 {seconds} 秒。号码和排队顺序不受影响，但这段时间的时间记录可能不准确，请检查时间同步（NTP）。",
    clockUnsynced: "服务器时钟未同步（NTP）。取号、每日重置和统计报表都依赖正确的时间，请开启时间同步。",
  },
  {
    clockJumped: "伺服器時鐘在 {time} 跳變了 {seconds} 秒。號碼和排隊順序不受影響，但這段時間的時間記錄可能不準確，請檢查時間同步（NTP）。",
    clockUnsynced: "伺服器時鐘未同步（NTP）。取號、每日重置和統計報表都依賴正確的時間，請開啟時間同步。",
  },
  {
    clockJumped: "The server clock jumped by {seconds} s at {time}. Ticket numbers and queue order are unaffected, but times recorded around then may be off: check time synchronisation (NTP).",
    clockUnsynced: "The server clock is not synchronised (NTP). Numbering, the daily reset and reports depend on the right time: turn time synchronisation on.",
  },
);
