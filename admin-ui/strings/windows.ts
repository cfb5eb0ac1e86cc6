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
      priorityOnly: "只叫优先号（绿色通道 / 优先群体专窗）",
      priorityOnlyHint: "只叫绿色通道和优先号；没有时不叫号，普通窗口照常服务所有人。",
      priorityTag: "优先专窗",
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
      priorityOnly: "只叫優先號（綠色通道 / 優先群體專窗）",
      priorityOnlyHint: "只叫綠色通道和優先號；沒有時不叫號，一般窗口照常服務所有人。",
      priorityTag: "優先專窗",
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
      priorityOnly: "Priority tickets only (green channel / priority window)",
      priorityOnlyHint: "Calls only green-channel and priority tickets; when none wait it calls nobody. Other windows keep serving everyone.",
      priorityTag: "Priority only",
    },
  ),
);
