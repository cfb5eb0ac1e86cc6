import { defineStrings, mergeStrings } from '../../ui-shared/i18n.js';
import { shared } from './shared.js';

/** Texts of the admin UI's audit page, plus the shared ones. */
export const S = mergeStrings(
  shared,
  defineStrings(
    {
      eventType: "事件类型",
      apply: "筛选",
      time: "时间",
      actor: "操作者",
      subject: "对象",
      detail: "内容",
      none: "无",
      paging: "翻页",
      newer: "较新",
      older: "较早",
      pageN: "第 {n} 页",
    },
    {
      eventType: "事件類型",
      apply: "篩選",
      time: "時間",
      actor: "操作者",
      subject: "對象",
      detail: "內容",
      none: "無",
      paging: "翻頁",
      newer: "較新",
      older: "較早",
      pageN: "第 {n} 頁",
    },
    {
      eventType: "Event type",
      apply: "Filter",
      time: "Time",
      actor: "Actor",
      subject: "Subject",
      detail: "Detail",
      none: "None",
      paging: "Pages",
      newer: "Newer",
      older: "Older",
      pageN: "Page {n}",
    },
  ),
);
