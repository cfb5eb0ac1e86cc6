import { defineStrings } from '../../ui-shared/i18n.js';

/** Texts of the hall-rules part of the settings page (issue 13: green channel vs fairness, per-person limits). */
export const S = defineStrings(
  {
    g_rules: "绿色通道与取号限制",
    greenExempt: "绿色通道不受公平比例限制",
    greenExemptHint: "勾选（默认）：绿色通道号总是先叫，即使已连续叫了规定数量的优先号；不勾选：绿色通道与其他优先号一样，到比例时先插叫一个普通号。",
    personMaxWaiting: "每人同时在排号数上限（全大厅）",
    personMaxWaitingHint: "所有事项合计；0＝不限。联办件算一个号。",
    personMaxPerDay: "每人每日取号数上限（全大厅）",
    personMaxPerDayHint: "一个工作日内所有事项合计（含已办结）；0＝不限。只能识别刷过身份证的取号。",
  },
  {
    g_rules: "綠色通道與取號限制",
    greenExempt: "綠色通道不受公平比例限制",
    greenExemptHint: "勾選（預設）：綠色通道號總是先叫，即使已連續叫了規定數量的優先號；不勾選：綠色通道與其他優先號一樣，到比例時先插叫一個一般號。",
    personMaxWaiting: "每人同時在排號數上限（全大廳）",
    personMaxWaitingHint: "所有事項合計；0＝不限。聯辦件算一個號。",
    personMaxPerDay: "每人每日取號數上限（全大廳）",
    personMaxPerDayHint: "一個工作日內所有事項合計（含已辦結）；0＝不限。只能識別刷過身分證的取號。",
  },
  {
    g_rules: "Green channel and ticket limits",
    greenExempt: "Green channel exempt from the fairness ratio",
    greenExemptHint: "On (default): a green-channel ticket is always called first, even when the priority run is full. Off: green waits for the fairness turn like any priority ticket.",
    personMaxWaiting: "Tickets held at once per person (whole hall)",
    personMaxWaitingHint: "All services together; 0 = no limit. A joint case counts as one.",
    personMaxPerDay: "Tickets per person a day (whole hall)",
    personMaxPerDayHint: "All services in a business day, finished ones too; 0 = no limit. Only tickets taken with an ID card can be counted.",
  },
);
