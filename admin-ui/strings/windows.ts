import { defineStrings, mergeStrings } from '../../ui-shared/i18n.js';
import { shared } from './shared.js';

/** Texts of the admin UI's windows page, plus the shared ones. */
export const S = mergeStrings(
  shared,
  defineStrings(
    {
      newWindow: "新建窗口",
      editWindow: "编辑窗口",
      number: "编号",
      servicesOf: "可办事项",
      orderHint: "顺序小的事项先叫；权重用于“加权”叫号策略。",
      serves: "办理",
      order: "顺序",
      weight: "权重",
    },
    {
      newWindow: "新增窗口",
      editWindow: "編輯窗口",
      number: "編號",
      servicesOf: "可辦事項",
      orderHint: "順序小的事項先叫；權重用於「加權」叫號策略。",
      serves: "辦理",
      order: "順序",
      weight: "權重",
    },
    {
      newWindow: "New window",
      editWindow: "Edit window",
      number: "No.",
      servicesOf: "Services",
      orderHint: "Lower order is called first; the weight is used by the weighted calling policy.",
      serves: "Serves",
      order: "Order",
      weight: "Weight",
    },
  ),
);
