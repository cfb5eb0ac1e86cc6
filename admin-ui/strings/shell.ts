import { defineStrings, mergeStrings } from '../../ui-shared/i18n.js';
import { shared } from './shared.js';

/** Texts of the admin UI's shell page, plus the shared ones. */
export const S = mergeStrings(
  shared,
  defineStrings(
    {
      title: "管理与监控",
      sections: "管理功能",
      monitor: "实时监控",
      logout: "退出登录",
      notAllowed: "此账号没有管理或监控权限。",
      readOnly: "监督账号：只能查看，不能修改配置。",
      priority: "优先类别",
      settings: "大厅设置",
    },
    {
      title: "管理與監控",
      sections: "管理功能",
      monitor: "即時監控",
      logout: "登出",
      notAllowed: "此帳號沒有管理或監控權限。",
      readOnly: "監督帳號：只能檢視，不能修改設定。",
      priority: "優先類別",
      settings: "大廳設定",
    },
    {
      title: "Admin & monitor",
      sections: "Sections",
      monitor: "Live monitor",
      logout: "Log out",
      notAllowed: "This account may not use the admin or monitor.",
      readOnly: "Supervisor account: you can look, not change the configuration.",
      priority: "Priority",
      settings: "Settings",
    },
  ),
);
