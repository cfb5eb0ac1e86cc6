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
  publicBaseUrl: '',
};
