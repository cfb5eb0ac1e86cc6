import { defineStrings } from '../ui-shared/i18n.js';

export const S = defineStrings(
  {
    title: '管理与监控', monitor: '实时监控', services: '事项', windows: '窗口', staff: '人员', devices: '设备', clients: '终端',
    logout: '退出登录', notAllowed: '此账号没有管理或监控权限。',
    waitingTotal: '等候总数', openWindows: '开放窗口', calledToday: '最近呼叫', alerts: '告警', noAlerts: '暂无告警',
    window: '窗口', status: '状态', clerk: '人员', current: '当前号', since: '用时', service: '事项', waiting: '等候', est: '预计等候',
    name: '名称', prefix: '号段', promised: '承诺时限', quota: '日号源', open: '开放', yes: '是', no: '否', dept: '部门',
    number: '编号', servicesOf: '可办事项', user: '用户名', role: '角色', kind: '类型', state: '状态', detail: '说明', transport: '连接',
    none: '无', loadFailed: '无法加载：{msg}', minutes: '{n} 分钟', comingSoon: '统计报表与图表将在下一阶段提供。',
  },
  {
    title: '管理與監控', monitor: '即時監控', services: '事項', windows: '窗口', staff: '人員', devices: '設備', clients: '終端',
    logout: '登出', notAllowed: '此帳號沒有管理或監控權限。',
    waitingTotal: '等候總數', openWindows: '開放窗口', calledToday: '最近呼叫', alerts: '告警', noAlerts: '暫無告警',
    window: '窗口', status: '狀態', clerk: '人員', current: '目前號', since: '用時', service: '事項', waiting: '等候', est: '預計等候',
    name: '名稱', prefix: '號段', promised: '承諾時限', quota: '日號源', open: '開放', yes: '是', no: '否', dept: '部門',
    number: '編號', servicesOf: '可辦事項', user: '使用者名稱', role: '角色', kind: '類型', state: '狀態', detail: '說明', transport: '連線',
    none: '無', loadFailed: '無法載入：{msg}', minutes: '{n} 分鐘', comingSoon: '統計報表與圖表將在下一階段提供。',
  },
  {
    title: 'Admin & monitor', monitor: 'Live monitor', services: 'Services', windows: 'Windows', staff: 'Staff', devices: 'Devices', clients: 'Kiosks & displays',
    logout: 'Log out', notAllowed: 'This account may not use the admin or monitor.',
    waitingTotal: 'Waiting', openWindows: 'Open windows', calledToday: 'Recent calls', alerts: 'Alerts', noAlerts: 'No alerts',
    window: 'Window', status: 'Status', clerk: 'Clerk', current: 'Ticket', since: 'Time', service: 'Service', waiting: 'Waiting', est: 'Est. wait',
    name: 'Name', prefix: 'Prefix', promised: 'Promised', quota: 'Daily quota', open: 'Open', yes: 'Yes', no: 'No', dept: 'Department',
    number: 'No.', servicesOf: 'Services', user: 'User name', role: 'Role', kind: 'Kind', state: 'State', detail: 'Detail', transport: 'Connection',
    none: 'None', loadFailed: 'Could not load: {msg}', minutes: '{n} min', comingSoon: 'Reports and charts come in the next stage.',
  },
);
