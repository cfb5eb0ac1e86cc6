import type { HallSettings } from './model.js';

export const DEFAULT_SETTINGS: HallSettings = {
  hallName: { 'zh-CN': '县政务服务中心', 'zh-TW': '縣政務服務中心', en: 'County Government Service Centre' },
  timeZone: 'Asia/Shanghai',
  resetHour: 3,
  fairnessRatio: 2,
  maxRecalls: 2,
  selectionPolicy: 'strict',
  serviceTimeWindow: 20,
  notices: [],
  voiceTemplate: {
    'zh-CN': '请{number}号到{window}号窗口办理',
    'zh-TW': '請{number}號到{window}號窗口辦理',
    en: 'Number {number}, please go to window {window}',
  },
  publicBaseUrl: '',
  elderlyAge: 70,
  appointmentEarlyMinutes: 30,
  appointmentLateMinutes: 15,
  lateRule: 'normal',
  appointmentHours: [
    { from: '09:00', to: '12:00' },
    { from: '13:30', to: '17:00' },
  ],
  appointmentSlotMinutes: 30,
  appointmentCapacity: 2,
  appointmentWeekdays: [1, 2, 3, 4, 5],
  appointmentDaysAhead: 14,
  restoreWithinMinutes: 30,
  restoreAfter: 3,
};
