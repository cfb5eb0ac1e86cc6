import type { Department, LocalizedText } from '../../common/types.js';
import type { AuthService } from '../auth/auth-service.js';
import type { ServiceDef, WindowDef } from '../domain/model.js';
import type { HallDatabase } from '../store/store.js';
import type { DeviceConfig } from '../store/device-repo.js';

const L = (zhCN: string, zhTW: string, en: string): LocalizedText => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en });

const DEPARTMENTS: Department[] = [
  { id: 'realestate', name: L('不动产登记中心', '不動產登記中心', 'Real Estate Registration'), zone: 'A' },
  { id: 'hrss', name: L('人力资源和社会保障局', '人力資源和社會保障局', 'Human Resources & Social Security'), zone: 'B' },
  { id: 'fund', name: L('住房公积金中心', '住房公積金中心', 'Housing Provident Fund'), zone: 'B' },
  { id: 'market', name: L('市场监督管理局', '市場監督管理局', 'Market Regulation'), zone: 'C' },
  { id: 'tax', name: L('税务局', '稅務局', 'Taxation Bureau'), zone: 'C' },
  { id: 'police', name: L('公安局', '公安局', 'Public Security'), zone: 'D' },
  { id: 'general', name: L('综合服务', '綜合服務', 'General Services'), zone: 'D' },
];

const FREE = L('免费', '免費', 'Free of charge');
const ID = L('本人居民身份证', '本人居民身份證', "Applicant's resident ID card");

function service(
  id: string,
  departmentId: string,
  name: LocalizedText,
  prefix: string,
  promisedMinutes: number,
  materials: LocalizedText[],
  fees: LocalizedText,
  sortOrder: number,
  dailyQuota: number | null = null,
  notes?: LocalizedText,
): ServiceDef {
  return { id, departmentId, name, prefix, numberWidth: 3, dailyQuota, promisedMinutes, guide: { materials, fees, notes }, open: true, sortOrder };
}

const SERVICES: ServiceDef[] = [
  service('property', 'realestate', L('不动产登记', '不動產登記', 'Property registration'), 'A', 60,
    [ID, L('不动产权证书或购房合同', '不動產權證書或購房合同', 'Title certificate or purchase contract'), L('完税凭证', '完稅憑證', 'Tax payment receipt')],
    L('住宅登记费80元/件', '住宅登記費80元/件', 'Residential registration fee ¥80 per case'), 1, 300),
  service('social', 'hrss', L('社保医保', '社保醫保', 'Social & medical insurance'), 'B', 20,
    [ID, L('社会保障卡', '社會保障卡', 'Social security card')], FREE, 2),
  service('fund', 'fund', L('公积金', '公積金', 'Housing provident fund'), 'C', 30,
    [ID, L('银行卡', '銀行卡', 'Bank card'), L('提取证明材料', '提取證明材料', 'Proof for withdrawal')], FREE, 3),
  service('business', 'market', L('企业开办', '企業開辦', 'Starting a business'), 'D', 120,
    [ID, L('公司章程', '公司章程', 'Articles of association'), L('住所使用证明', '住所使用證明', 'Proof of business premises')], FREE, 4, null,
    L('重大投资项目可走绿色通道，请到5号或10号窗口', '重大投資項目可走綠色通道，請到5號或10號窗口', 'Major investment projects may use the green channel at window 5 or 10')),
  service('tax', 'tax', L('税务办理', '稅務辦理', 'Tax services'), 'E', 30,
    [ID, L('营业执照', '營業執照', 'Business licence')], FREE, 5),
  service('household', 'police', L('户籍业务', '戶籍業務', 'Household registration'), 'F', 30,
    [ID, L('户口簿', '戶口簿', 'Household register booklet')], L('身份证工本费20元', '身份證工本費20元', 'ID card fee ¥20'), 6),
  service('travel', 'police', L('出入境', '出入境', 'Exit & entry'), 'G', 20,
    [ID, L('近期证件照（可现场拍摄）', '近期證件照（可現場拍攝）', 'Recent photo (can be taken here)')],
    L('护照120元，往来港澳通行证60元', '護照120元，往來港澳通行證60元', 'Passport ¥120, HK/Macao permit ¥60'), 7),
  service('consult', 'general', L('综合咨询', '綜合諮詢', 'General enquiries'), 'H', 10, [], FREE, 8),
];

const link = (serviceId: string, order: number, weight = 1) => ({ serviceId, order, weight });

const WINDOWS: WindowDef[] = [
  { id: 'w1', number: 1, name: '1号窗口', departmentId: 'realestate', services: [link('property', 0)] },
  { id: 'w2', number: 2, name: '2号窗口', departmentId: 'realestate', services: [link('property', 0)] },
  { id: 'w3', number: 3, name: '3号窗口', departmentId: 'hrss', services: [link('social', 0)] },
  { id: 'w4', number: 4, name: '4号窗口', departmentId: 'fund', services: [link('fund', 0)] },
  { id: 'w5', number: 5, name: '5号窗口', departmentId: 'market', services: [link('business', 0), link('consult', 1)] },
  { id: 'w6', number: 6, name: '6号窗口', departmentId: 'tax', services: [link('tax', 0)] },
  { id: 'w7', number: 7, name: '7号窗口', departmentId: 'police', services: [link('household', 0)] },
  { id: 'w8', number: 8, name: '8号窗口', departmentId: 'police', services: [link('travel', 0)] },
  { id: 'w9', number: 9, name: '9号窗口', departmentId: 'general', services: [link('consult', 0), link('social', 1), link('fund', 2)] },
  { id: 'w10', number: 10, name: '10号窗口', departmentId: 'general', services: [link('business', 0, 3), link('property', 1, 1), link('tax', 2, 1)] },
];

export const DEMO_STAFF_PASSWORD = 'demo1234';
export const DEMO_KIOSK_ID = 'kiosk-1';

/** Seeds a working demo hall into an empty database so a newcomer sees it work. */
export async function seedDemoHall(store: HallDatabase, auth: AuthService, now: Date): Promise<void> {
  store.tx(() => {
    DEPARTMENTS.forEach((d, i) => store.config.saveDepartment(d, i));
    for (const s of SERVICES) store.config.saveService(s);
    for (const w of WINDOWS) store.config.saveWindow(w);
    const at = now.toISOString();
    store.auth.saveClient({ id: DEMO_KIOSK_ID, kind: 'kiosk', name: '大厅1号取号机', config: { zone: '大厅入口' }, revoked: false }, at);
    store.auth.saveClient({ id: 'display-hall', kind: 'display', name: '大厅综合屏', config: { mode: 'hall' }, revoked: false }, at);
    store.auth.saveClient({ id: 'display-w1', kind: 'display', name: '1号窗口屏', config: { mode: 'window', window: 1 }, revoked: false }, at);
    const addresses = Object.fromEntries(WINDOWS.map((w) => [String(w.number), w.id]));
    const devices: DeviceConfig[] = [
      { id: 'kiosk-1-printer', kind: 'printer', uri: 'sim:printer', ownerKind: 'kiosk', ownerId: DEMO_KIOSK_ID, options: { paperWidth: 80 }, enabled: true },
      { id: 'kiosk-1-reader', kind: 'idcard', uri: 'sim:idcard', ownerKind: 'kiosk', ownerId: DEMO_KIOSK_ID, options: {}, enabled: true },
      { id: 'hall-strip', kind: 'led', uri: 'sim:led?profile=strip-xor&address=1', ownerKind: 'hall', ownerId: null, options: { profile: 'strip-xor', address: 1 }, enabled: true },
      ...WINDOWS.map((w): DeviceConfig => ({
        id: `${w.id}-led`, kind: 'led', uri: `sim:led?profile=window-3a&address=${w.number}`, ownerKind: 'window', ownerId: w.id,
        options: { profile: 'window-3a', address: w.number }, enabled: true,
      })),
      { id: 'keypads', kind: 'keypad', uri: 'sim:keypad', ownerKind: 'hall', ownerId: null, options: { addresses }, enabled: true },
      { id: 'evaluators', kind: 'evaluator', uri: 'sim:evaluator', ownerKind: 'hall', ownerId: null, options: { addresses }, enabled: true },
    ];
    for (const d of devices) store.devices.save(d);
    store.config.setSetting('demo', true);
    store.events.append({ type: 'config.demo.seeded', at }, { kind: 'system', id: null }, { services: SERVICES.length, windows: WINDOWS.length });
  });
  await auth.createUser({ username: 'supervisor', name: '王主任', role: 'supervisor', password: DEMO_STAFF_PASSWORD });
  for (const w of WINDOWS) {
    await auth.createUser({ username: `clerk${w.number}`, name: `${w.number}号窗口工作人员`, role: 'clerk', password: DEMO_STAFF_PASSWORD });
  }
}
