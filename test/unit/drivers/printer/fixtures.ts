import type { TicketLayout } from '../../../../drivers/printer/ticket-layout.js';

export const TICKET: TicketLayout = {
  hallName: '某某县政务服务中心（一站式服务大厅）',
  serviceName: '不动产登记（二手房转移登记）',
  number: 'A012',
  peopleAhead: 3,
  estimatedWaitMinutes: 12.4,
  issuedAtText: '2026-03-02 09:15',
  qrUrl: 'https://hall.example.cn/q/8f3kA92x',
  notice: '请留意叫号屏幕和语音提示，过号请到服务台重新取号。本票当日有效。',
  paperWidth: 80,
  maskedName: '张*三',
};
