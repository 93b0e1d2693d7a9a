import type { Region } from "@cs/db/schema/enums";

/** Fixed reference data shared by the demo seed and the large benchmark seed. All of it is fictional. */

export type City = {
  province: string;
  city: string;
  /** Short form used in company names (杭州星辰电脑有限公司). */
  short: string;
  areaCode: string;
  /** District name → 6-digit administrative region code. */
  districts: readonly (readonly [string, string])[];
  weight: number;
};

export type BranchGeo = {
  code: "BJ" | "SH" | "GZ" | "CD";
  name: string;
  shortName: string;
  region: Region;
  cities: readonly City[];
};

export const BRANCHES: readonly BranchGeo[] = [
  {
    code: "BJ",
    name: "华信达科技集团有限公司北京分公司",
    shortName: "北京分公司",
    region: "north",
    cities: [
      { province: "北京市", city: "北京市", short: "北京", areaCode: "010", weight: 6,
        districts: [["海淀区", "110108"], ["朝阳区", "110105"], ["西城区", "110102"], ["丰台区", "110106"]] },
      { province: "天津市", city: "天津市", short: "天津", areaCode: "022", weight: 3,
        districts: [["南开区", "120104"], ["和平区", "120101"], ["滨海新区", "120116"]] },
      { province: "河北省", city: "石家庄市", short: "石家庄", areaCode: "0311", weight: 2,
        districts: [["长安区", "130102"], ["桥西区", "130104"]] },
      { province: "河北省", city: "保定市", short: "保定", areaCode: "0312", weight: 1,
        districts: [["竞秀区", "130602"], ["莲池区", "130606"]] },
      { province: "河北省", city: "唐山市", short: "唐山", areaCode: "0315", weight: 1,
        districts: [["路北区", "130203"], ["路南区", "130202"]] },
    ],
  },
  {
    code: "SH",
    name: "华信达科技集团有限公司上海分公司",
    shortName: "上海分公司",
    region: "east",
    cities: [
      { province: "上海市", city: "上海市", short: "上海", areaCode: "021", weight: 6,
        districts: [["浦东新区", "310115"], ["徐汇区", "310104"], ["长宁区", "310105"], ["闵行区", "310112"]] },
      { province: "江苏省", city: "南京市", short: "南京", areaCode: "025", weight: 2,
        districts: [["玄武区", "320102"], ["建邺区", "320105"]] },
      { province: "江苏省", city: "苏州市", short: "苏州", areaCode: "0512", weight: 2,
        districts: [["虎丘区", "320505"], ["吴中区", "320506"]] },
      { province: "江苏省", city: "无锡市", short: "无锡", areaCode: "0510", weight: 1,
        districts: [["新吴区", "320214"], ["梁溪区", "320213"]] },
      { province: "浙江省", city: "杭州市", short: "杭州", areaCode: "0571", weight: 3,
        districts: [["西湖区", "330106"], ["滨江区", "330108"], ["拱墅区", "330105"]] },
      { province: "浙江省", city: "宁波市", short: "宁波", areaCode: "0574", weight: 1,
        districts: [["鄞州区", "330212"], ["海曙区", "330203"]] },
    ],
  },
  {
    code: "GZ",
    name: "华信达科技集团有限公司广州分公司",
    shortName: "广州分公司",
    region: "south",
    cities: [
      { province: "广东省", city: "广州市", short: "广州", areaCode: "020", weight: 5,
        districts: [["天河区", "440106"], ["越秀区", "440104"], ["海珠区", "440105"]] },
      { province: "广东省", city: "深圳市", short: "深圳", areaCode: "0755", weight: 4,
        districts: [["南山区", "440305"], ["福田区", "440304"], ["龙岗区", "440307"]] },
      { province: "广东省", city: "东莞市", short: "东莞", areaCode: "0769", weight: 1,
        districts: [["南城街道", "441900"], ["松山湖", "441900"]] },
      { province: "广东省", city: "佛山市", short: "佛山", areaCode: "0757", weight: 1,
        districts: [["禅城区", "440604"], ["顺德区", "440606"]] },
      { province: "广西壮族自治区", city: "南宁市", short: "南宁", areaCode: "0771", weight: 1,
        districts: [["青秀区", "450103"], ["西乡塘区", "450107"]] },
      { province: "福建省", city: "福州市", short: "福州", areaCode: "0591", weight: 1,
        districts: [["鼓楼区", "350102"], ["仓山区", "350104"]] },
      { province: "福建省", city: "厦门市", short: "厦门", areaCode: "0592", weight: 1,
        districts: [["思明区", "350203"], ["湖里区", "350206"]] },
    ],
  },
  {
    code: "CD",
    name: "华信达科技集团有限公司成都分公司",
    shortName: "成都分公司",
    region: "southwest",
    cities: [
      { province: "四川省", city: "成都市", short: "成都", areaCode: "028", weight: 5,
        districts: [["武侯区", "510107"], ["锦江区", "510104"], ["成华区", "510108"], ["高新区", "510109"]] },
      { province: "四川省", city: "绵阳市", short: "绵阳", areaCode: "0816", weight: 1,
        districts: [["涪城区", "510703"], ["游仙区", "510704"]] },
      { province: "重庆市", city: "重庆市", short: "重庆", areaCode: "023", weight: 3,
        districts: [["渝中区", "500103"], ["江北区", "500105"], ["渝北区", "500112"]] },
      { province: "云南省", city: "昆明市", short: "昆明", areaCode: "0871", weight: 2,
        districts: [["五华区", "530102"], ["盘龙区", "530103"]] },
    ],
  },
];

export const ALL_CITIES: readonly City[] = BRANCHES.flatMap((b) => b.cities);

export const STREETS = [
  "人民路", "建设路", "解放路", "中山路", "科技路", "创业路", "长江路", "黄河路", "新华路", "文化路",
  "和平路", "滨江大道", "高新大道", "东风路", "工业园路", "学府路", "金融街", "软件园路", "天府大道",
  "五一路", "青年路", "光明路", "朝阳路", "振兴路", "迎宾大道", "民生路", "信息路", "创新路",
] as const;

export const BUILDINGS = [
  "科技大厦", "国际商务中心", "信息港", "创业园", "金融中心", "数码广场", "电子城", "软件园",
  "写字楼", "商务广场", "产业园", "贸易大厦",
] as const;

export const WAREHOUSE_SITES = ["物流园", "仓储中心", "工业园", "配送中心"] as const;

/** 字号 (trade names) for companies. */
export const TRADE_WORDS = [
  "星辰", "鼎新", "华联", "远航", "博通", "众诚", "天诚", "恒信", "金科", "锐达", "中盛", "瑞丰",
  "宏图", "卓越", "智联", "汇通", "盛世", "凯越", "联创", "信达", "嘉禾", "永泰", "新纪元", "润泽",
  "长风", "蓝海", "启明", "同创", "富通", "精诚", "万象", "华章", "昊天", "思远", "明德", "祥云",
  "东方", "云帆", "铭泰", "海纳", "天成", "鑫源", "达信", "科瑞", "百川", "腾跃", "泰和", "安捷",
  "立信", "弘毅", "正元", "志恒", "佳讯", "凌云", "宇航", "广联", "华腾", "世纪", "速达", "诚邦",
] as const;

export const TRADE_CHARS = [..."星辰鼎新华联远航博通众诚天恒信金科锐达中盛瑞丰宏图卓越智汇世凯创嘉禾永泰纪元润泽长风蓝海启明同富精万象章昊思德祥云东方帆铭纳成鑫源百川腾跃和安捷立弘毅正志佳讯凌宇广速邦"];

export const INDUSTRY_WORDS = [
  "电脑", "科技", "信息技术", "电子", "数码科技", "网络科技", "计算机系统", "系统集成", "智能科技",
  "办公设备", "信息系统", "电子科技",
] as const;

export const SERVICE_WORDS = ["电脑维修服务", "电子设备维修", "信息技术服务", "数码维修服务", "计算机技术服务"] as const;

export const KEY_ACCOUNT_WORDS = [
  "物流", "医药", "汽车零部件", "能源", "证券", "食品", "精密制造", "建设工程", "纺织", "航运", "电力设备", "保险",
] as const;

export const SURNAMES = [
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
  "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "萧", "田", "董", "潘",
  "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "沈", "欧阳", "司马",
] as const;

export const GIVEN_NAMES = [
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
  "霞", "平", "刚", "桂英", "建华", "晓东", "志强", "海燕", "国庆", "丹", "鹏", "婷", "雪", "浩然", "子涵",
  "欣怡", "宇轩", "梓萱", "思远", "文博", "雨桐", "嘉怡", "俊杰", "晓明", "立新", "春梅", "建国", "玉兰",
  "永刚", "红霞", "文静", "振华", "佳琪", "一鸣", "天宇", "若曦", "明辉", "少华", "建平", "晨", "颖", "昊",
] as const;

export const MOBILE_PREFIXES = [
  "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
  "157", "158", "159", "166", "177", "180", "181", "185", "186", "187", "188", "189", "198", "199",
] as const;

// ---------------------------------------------------------------------------------------------------
// Product catalog: 4 divisions, 16 product lines, ~190 products.

export type LineSpec = {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Price band (yuan) used by the large seed for lines of this code. */
  band: readonly [number, number];
  unit: string;
  serialized: boolean;
  warrantyMonths: number;
};

export type DivisionSpec = { code: string; nameZh: string; nameEn: string; lines: readonly LineSpec[] };

export const DIVISIONS: readonly DivisionSpec[] = [
  {
    code: "COMP",
    nameZh: "计算机事业部",
    nameEn: "Computing",
    lines: [
      { code: "NB", nameZh: "商用笔记本", nameEn: "Business Notebooks", band: [3999, 19999], unit: "pcs", serialized: true, warrantyMonths: 36 },
      { code: "DT", nameZh: "商用台式机", nameEn: "Business Desktops", band: [2999, 9999], unit: "pcs", serialized: true, warrantyMonths: 36 },
      { code: "WS", nameZh: "图形工作站", nameEn: "Workstations", band: [9999, 49999], unit: "pcs", serialized: true, warrantyMonths: 36 },
      { code: "MON", nameZh: "显示器", nameEn: "Monitors", band: [699, 5999], unit: "pcs", serialized: true, warrantyMonths: 36 },
    ],
  },
  {
    code: "NET",
    nameZh: "网络事业部",
    nameEn: "Networking",
    lines: [
      { code: "SW", nameZh: "交换机", nameEn: "Switches", band: [199, 39999], unit: "pcs", serialized: true, warrantyMonths: 36 },
      { code: "RT", nameZh: "路由器", nameEn: "Routers", band: [399, 29999], unit: "pcs", serialized: true, warrantyMonths: 24 },
      { code: "AP", nameZh: "无线网络", nameEn: "Wireless", band: [299, 19999], unit: "pcs", serialized: true, warrantyMonths: 24 },
      { code: "FW", nameZh: "网络安全", nameEn: "Network Security", band: [2999, 99999], unit: "pcs", serialized: true, warrantyMonths: 24 },
    ],
  },
  {
    code: "SRV",
    nameZh: "存储与服务器事业部",
    nameEn: "Storage & Servers",
    lines: [
      { code: "SV", nameZh: "服务器", nameEn: "Servers", band: [9999, 199999], unit: "pcs", serialized: true, warrantyMonths: 36 },
      { code: "ST", nameZh: "存储系统", nameEn: "Storage Systems", band: [2999, 299999], unit: "pcs", serialized: true, warrantyMonths: 36 },
      { code: "DK", nameZh: "硬盘与固态盘", nameEn: "Drives", band: [399, 9999], unit: "pcs", serialized: true, warrantyMonths: 36 },
      { code: "SA", nameZh: "服务器配件", nameEn: "Server Options", band: [199, 9999], unit: "pcs", serialized: false, warrantyMonths: 12 },
    ],
  },
  {
    code: "PER",
    nameZh: "外设与耗材事业部",
    nameEn: "Peripherals & Supplies",
    lines: [
      { code: "PR", nameZh: "打印与扫描", nameEn: "Printers & Scanners", band: [799, 29999], unit: "pcs", serialized: true, warrantyMonths: 12 },
      { code: "TN", nameZh: "硒鼓与墨粉", nameEn: "Toner & Ink", band: [59, 1299], unit: "box", serialized: false, warrantyMonths: 0 },
      { code: "KM", nameZh: "键鼠与配件", nameEn: "Keyboards, Mice & Accessories", band: [49, 1999], unit: "pcs", serialized: false, warrantyMonths: 12 },
      { code: "CB", nameZh: "线缆与办公耗材", nameEn: "Cables & Office Supplies", band: [9, 999], unit: "pcs", serialized: false, warrantyMonths: 0 },
    ],
  },
];

export type ProductSpec = {
  line: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  /** Tax-inclusive list price in yuan. */
  price: number;
  unit?: string;
  serialized?: boolean;
  warrantyMonths?: number;
};

function configured(
  line: string,
  zh: string,
  en: string,
  series: readonly (readonly [string, number])[],
  cpus: readonly (readonly [string, string, number])[],
  rams: readonly (readonly [number, string, number])[],
): ProductSpec[] {
  const out: ProductSpec[] = [];
  for (const [model, base] of series)
    for (const [cpuCode, cpuName, cpuAdd] of cpus)
      for (const [ram, disk, ramAdd] of rams)
        out.push({
          line,
          sku: `${line}-${model}-${cpuCode}-${ram}`,
          nameZh: `${zh} ${model} ${cpuName}/${ram}GB/${disk}`,
          nameEn: `${en} ${model} ${cpuName}/${ram}GB/${disk}`,
          price: base + cpuAdd + ramAdd,
        });
  return out;
}

const p = (line: string, sku: string, nameZh: string, nameEn: string, price: number, extra: Partial<ProductSpec> = {}): ProductSpec => ({
  line, sku: `${line}-${sku}`, nameZh, nameEn, price, ...extra,
});

export const PRODUCTS: readonly ProductSpec[] = [
  // --- Computing ---
  ...configured("NB", "商用笔记本", "Business Notebook",
    [["T14", 5999], ["T16", 6499], ["X13", 8999], ["E14", 4599], ["E16", 4999]],
    [["I5", "i5", 0], ["I7", "i7", 1500], ["R7", "锐龙7", 1000]],
    [[16, "512GB", 0], [32, "1TB", 1200]]),
  ...configured("DT", "商用台式机", "Business Desktop",
    [["M70", 3999], ["M90", 5299], ["M70Q", 4299], ["AIO27", 6999]],
    [["I5", "i5", 0], ["I7", "i7", 1300]],
    [[16, "512GB", 0], [32, "1TB", 1000]]),
  ...configured("WS", "图形工作站", "Workstation",
    [["P360", 11999], ["P620", 26999], ["P720", 35999]],
    [["X", "至强", 0]],
    [[32, "1TB", 0], [64, "2TB", 3500]]),
  p("MON", "24F-IPS", "24英寸全高清IPS显示器", "24\" FHD IPS Monitor", 899),
  p("MON", "24F-USBC", "24英寸全高清USB-C显示器", "24\" FHD USB-C Monitor", 1299),
  p("MON", "27Q-IPS", "27英寸2K IPS显示器", "27\" QHD IPS Monitor", 1599),
  p("MON", "27Q-USBC", "27英寸2K USB-C显示器", "27\" QHD USB-C Monitor", 2199),
  p("MON", "27U-4K", "27英寸4K专业显示器", "27\" 4K Professional Monitor", 3299),
  p("MON", "32U-4K", "32英寸4K专业显示器", "32\" 4K Professional Monitor", 4599),
  p("MON", "34W-CURVE", "34英寸带鱼屏曲面显示器", "34\" Ultrawide Curved Monitor", 3999),
  p("MON", "16P-PORT", "16英寸便携显示器", "16\" Portable Monitor", 1099),
  // --- Networking ---
  p("SW", "A8-GE", "8口千兆非网管交换机", "8-port GbE Unmanaged Switch", 199),
  p("SW", "A16-GE", "16口千兆非网管交换机", "16-port GbE Unmanaged Switch", 459),
  p("SW", "A24-GE", "24口千兆二层网管交换机", "24-port GbE L2 Managed Switch", 1299),
  p("SW", "A24-POE", "24口千兆PoE+二层网管交换机", "24-port GbE PoE+ L2 Managed Switch", 2899),
  p("SW", "A48-GE", "48口千兆二层网管交换机", "48-port GbE L2 Managed Switch", 2499),
  p("SW", "A48-POE", "48口千兆PoE+二层网管交换机", "48-port GbE PoE+ L2 Managed Switch", 5299),
  p("SW", "L3-24X", "24口万兆三层交换机", "24-port 10GbE L3 Switch", 12999),
  p("SW", "L3-48X", "48口万兆三层交换机", "48-port 10GbE L3 Switch", 21999),
  p("SW", "C8-CORE", "8槽核心交换机机框", "8-slot Core Switch Chassis", 39999),
  p("SW", "SFP-1G", "千兆单模光模块", "1G SFP Single-mode Transceiver", 129, { serialized: false, warrantyMonths: 12 }),
  p("SW", "SFP-10G", "万兆多模光模块", "10G SFP+ Multi-mode Transceiver", 299, { serialized: false, warrantyMonths: 12 }),
  p("SW", "SFP-25G", "25G多模光模块", "25G SFP28 Multi-mode Transceiver", 699, { serialized: false, warrantyMonths: 12 }),
  p("SW", "QSFP-40G", "40G QSFP+光模块", "40G QSFP+ Transceiver", 1499, { serialized: false, warrantyMonths: 12 }),
  p("SW", "QSFP-100G", "100G QSFP28光模块", "100G QSFP28 Transceiver", 3999, { serialized: false, warrantyMonths: 12 }),
  p("RT", "E100", "企业级千兆路由器 E100", "Enterprise Gigabit Router E100", 599),
  p("RT", "E300", "企业级多WAN路由器 E300", "Enterprise Multi-WAN Router E300", 1299),
  p("RT", "E600", "企业级VPN路由器 E600", "Enterprise VPN Router E600", 2699),
  p("RT", "B2000", "分支机构汇聚路由器 B2000", "Branch Aggregation Router B2000", 8999),
  p("RT", "B6000", "园区出口路由器 B6000", "Campus Edge Router B6000", 19999),
  p("RT", "LTE-5G", "5G工业路由器", "5G Industrial Router", 2199),
  p("AP", "W6-IN", "Wi-Fi 6 吸顶式无线AP", "Wi-Fi 6 Ceiling Access Point", 699),
  p("AP", "W6-WALL", "Wi-Fi 6 面板式无线AP", "Wi-Fi 6 Wall-plate Access Point", 499),
  p("AP", "W6-OUT", "Wi-Fi 6 室外无线AP", "Wi-Fi 6 Outdoor Access Point", 2299),
  p("AP", "W7-IN", "Wi-Fi 7 吸顶式无线AP", "Wi-Fi 7 Ceiling Access Point", 1599),
  p("AP", "W7-HD", "Wi-Fi 7 高密度无线AP", "Wi-Fi 7 High-density Access Point", 3299),
  p("AP", "AC-128", "无线控制器（128 AP）", "Wireless Controller (128 APs)", 6999),
  p("AP", "AC-512", "无线控制器（512 AP）", "Wireless Controller (512 APs)", 15999),
  p("AP", "MESH-KIT", "企业Mesh组网套装（3只装）", "Business Mesh Kit (3-pack)", 1699, { unit: "set" }),
  p("FW", "100", "下一代防火墙 FW-100", "Next-gen Firewall FW-100", 3999),
  p("FW", "500", "下一代防火墙 FW-500", "Next-gen Firewall FW-500", 12999),
  p("FW", "1000", "下一代防火墙 FW-1000", "Next-gen Firewall FW-1000", 29999),
  p("FW", "3000", "下一代防火墙 FW-3000", "Next-gen Firewall FW-3000", 69999),
  p("FW", "WAF-200", "Web应用防火墙 WAF-200", "Web Application Firewall WAF-200", 45999),
  p("FW", "LIC-TP1Y", "威胁防护授权（1年）", "Threat Protection License (1 year)", 2999, { unit: "set", serialized: false, warrantyMonths: 0 }),
  p("FW", "LIC-TP3Y", "威胁防护授权（3年）", "Threat Protection License (3 years)", 7499, { unit: "set", serialized: false, warrantyMonths: 0 }),
  p("FW", "LIC-VPN50", "SSL VPN 50用户授权", "SSL VPN 50-user License", 4999, { unit: "set", serialized: false, warrantyMonths: 0 }),
  // --- Storage & Servers ---
  p("SV", "R1-1S-32", "1U机架服务器 单路/32GB", "1U Rack Server 1-socket/32GB", 15999),
  p("SV", "R1-2S-64", "1U机架服务器 双路/64GB", "1U Rack Server 2-socket/64GB", 26999),
  p("SV", "R2-1S-64", "2U机架服务器 单路/64GB", "2U Rack Server 1-socket/64GB", 21999),
  p("SV", "R2-2S-128", "2U机架服务器 双路/128GB", "2U Rack Server 2-socket/128GB", 38999),
  p("SV", "R2-2S-256", "2U机架服务器 双路/256GB", "2U Rack Server 2-socket/256GB", 49999),
  p("SV", "R4-GPU4", "4U GPU服务器（4卡位）", "4U GPU Server (4 GPU slots)", 89999),
  p("SV", "R4-GPU8", "4U GPU服务器（8卡位）", "4U GPU Server (8 GPU slots)", 159999),
  p("SV", "T1-1S-16", "塔式服务器 单路/16GB", "Tower Server 1-socket/16GB", 9999),
  p("SV", "T2-2S-64", "塔式服务器 双路/64GB", "Tower Server 2-socket/64GB", 24999),
  p("SV", "EDGE-1S", "边缘计算服务器", "Edge Server", 18999),
  p("ST", "NAS4", "4盘位网络存储 NAS", "4-bay NAS", 3999),
  p("ST", "NAS8", "8盘位网络存储 NAS", "8-bay NAS", 8999),
  p("ST", "NAS16-R", "16盘位机架式NAS", "16-bay Rackmount NAS", 24999),
  p("ST", "S5000", "统一存储 S5000 双控", "Unified Storage S5000 Dual Controller", 89999),
  p("ST", "S7000", "全闪存储 S7000", "All-flash Storage S7000", 239999),
  p("ST", "TAPE-LTO9", "LTO-9磁带机", "LTO-9 Tape Drive", 39999),
  p("DK", "SSD-480", "企业级SATA固态盘 480GB", "Enterprise SATA SSD 480GB", 699),
  p("DK", "SSD-960", "企业级SATA固态盘 960GB", "Enterprise SATA SSD 960GB", 1199),
  p("DK", "SSD-1920", "企业级SATA固态盘 1.92TB", "Enterprise SATA SSD 1.92TB", 2099),
  p("DK", "SSD-3840", "企业级SATA固态盘 3.84TB", "Enterprise SATA SSD 3.84TB", 3899),
  p("DK", "NVME-1600", "企业级NVMe固态盘 1.6TB", "Enterprise NVMe SSD 1.6TB", 2599),
  p("DK", "NVME-3200", "企业级NVMe固态盘 3.2TB", "Enterprise NVMe SSD 3.2TB", 4599),
  p("DK", "NVME-6400", "企业级NVMe固态盘 6.4TB", "Enterprise NVMe SSD 6.4TB", 8499),
  p("DK", "HDD-4T", "企业级机械硬盘 4TB", "Enterprise HDD 4TB", 899),
  p("DK", "HDD-8T", "企业级机械硬盘 8TB", "Enterprise HDD 8TB", 1499),
  p("DK", "HDD-12T", "企业级机械硬盘 12TB", "Enterprise HDD 12TB", 2199),
  p("DK", "HDD-16T", "企业级机械硬盘 16TB", "Enterprise HDD 16TB", 2799),
  p("DK", "HDD-20T", "企业级机械硬盘 20TB", "Enterprise HDD 20TB", 3499),
  p("DK", "SSD-C512", "客户端固态盘 512GB", "Client SSD 512GB", 399),
  p("DK", "SSD-C1T", "客户端固态盘 1TB", "Client SSD 1TB", 599),
  p("SA", "MEM-16", "服务器内存 16GB DDR5 RDIMM", "Server Memory 16GB DDR5 RDIMM", 699),
  p("SA", "MEM-32", "服务器内存 32GB DDR5 RDIMM", "Server Memory 32GB DDR5 RDIMM", 1299),
  p("SA", "MEM-64", "服务器内存 64GB DDR5 RDIMM", "Server Memory 64GB DDR5 RDIMM", 2499),
  p("SA", "PSU-800", "800W热插拔电源", "800W Hot-plug Power Supply", 899),
  p("SA", "PSU-1300", "1300W热插拔电源", "1300W Hot-plug Power Supply", 1499),
  p("SA", "RAIL-KIT", "服务器导轨套件", "Server Rail Kit", 399, { unit: "set" }),
  p("SA", "RAID-8I", "8口RAID卡（2GB缓存）", "8-port RAID Controller (2GB cache)", 2999),
  p("SA", "NIC-10G2", "双口万兆网卡", "Dual-port 10GbE NIC", 1199),
  p("SA", "NIC-25G2", "双口25G网卡", "Dual-port 25GbE NIC", 2299),
  p("SA", "UPS-3K", "3kVA在线式UPS", "3kVA Online UPS", 5999, { serialized: true, warrantyMonths: 24 }),
  // --- Peripherals & Supplies ---
  p("PR", "L2000", "黑白激光打印机 L2000", "Mono Laser Printer L2000", 999),
  p("PR", "L3000D", "黑白激光打印机 L3000D（双面）", "Mono Laser Printer L3000D (Duplex)", 1699),
  p("PR", "L5000N", "黑白激光打印机 L5000N（网络）", "Mono Laser Printer L5000N (Network)", 2899),
  p("PR", "C3000", "彩色激光打印机 C3000", "Color Laser Printer C3000", 3699),
  p("PR", "M2000", "黑白激光多功能一体机 M2000", "Mono Laser MFP M2000", 1899),
  p("PR", "M4000C", "彩色激光多功能一体机 M4000C", "Color Laser MFP M4000C", 5999),
  p("PR", "A3-M7000", "A3黑白数码复合机 M7000", "A3 Mono Multifunction Copier M7000", 19999),
  p("PR", "INK-T500", "连供墨仓打印机 T500", "Ink Tank Printer T500", 899),
  p("PR", "SC-D40", "高速文档扫描仪 D40", "High-speed Document Scanner D40", 4299),
  p("PR", "LBL-200", "热敏标签打印机 LBL-200", "Thermal Label Printer LBL-200", 799),
  ...(["L2000", "L3000D", "L5000N", "M2000"] as const).flatMap((m, i) => [
    p("TN", `${m}-BK`, `${m} 黑色硒鼓`, `${m} Black Toner Cartridge`, 299 + i * 60),
    p("TN", `${m}-BKX`, `${m} 高容量黑色硒鼓`, `${m} High-yield Black Toner Cartridge`, 499 + i * 80),
  ]),
  ...(["C3000", "M4000C"] as const).flatMap((m, i) =>
    ([["BK", "黑色", "Black"], ["C", "青色", "Cyan"], ["M", "品红色", "Magenta"], ["Y", "黄色", "Yellow"]] as const).map(
      ([c, zh, en]) => p("TN", `${m}-${c}`, `${m} ${zh}粉盒`, `${m} ${en} Toner`, (c === "BK" ? 459 : 529) + i * 120),
    ),
  ),
  p("TN", "L2000-DR", "L2000 感光鼓组件", "L2000 Drum Unit", 399),
  p("TN", "M7000-TN", "M7000 复印机碳粉", "M7000 Copier Toner", 699),
  p("TN", "T500-INK4", "T500 墨水四色套装", "T500 Ink Bottle 4-colour Set", 199, { unit: "set" }),
  p("TN", "LBL-RIB", "标签打印机碳带（10卷）", "Label Printer Ribbon (10 rolls)", 259),
  p("TN", "LBL-PAPER", "热敏标签纸 60×40（20卷）", "Thermal Labels 60×40 (20 rolls)", 169),
  p("KM", "KB-W100", "有线键盘 KB-W100", "Wired Keyboard KB-W100", 69),
  p("KM", "KB-WL300", "无线静音键盘 KB-WL300", "Wireless Silent Keyboard KB-WL300", 149),
  p("KM", "MS-W100", "有线光电鼠标 MS-W100", "Wired Optical Mouse MS-W100", 49),
  p("KM", "MS-WL300", "无线静音鼠标 MS-WL300", "Wireless Silent Mouse MS-WL300", 99),
  p("KM", "KM-COMBO", "无线键鼠套装", "Wireless Keyboard & Mouse Combo", 199, { unit: "set" }),
  p("KM", "DOCK-C", "USB-C扩展坞（7合1）", "USB-C Hub (7-in-1)", 299),
  p("KM", "DOCK-TB4", "雷电4 扩展坞", "Thunderbolt 4 Dock", 1999, { serialized: true, warrantyMonths: 36 }),
  p("KM", "HS-USB", "USB商务耳麦", "USB Business Headset", 259),
  p("KM", "CAM-1080", "1080P会议摄像头", "1080p Conference Webcam", 399),
  p("KM", "BAG-15", "15.6英寸商务双肩包", "15.6\" Business Backpack", 199),
  p("KM", "LOCK-K", "笔记本电脑安全锁", "Notebook Security Lock", 129),
  p("KM", "ADP-65W", "65W USB-C电源适配器", "65W USB-C Power Adapter", 249),
  p("CB", "CAT6-305", "六类非屏蔽网线（305米/箱）", "Cat6 UTP Cable (305 m box)", 799, { unit: "box" }),
  p("CB", "CAT6A-305", "超六类屏蔽网线（305米/箱）", "Cat6A STP Cable (305 m box)", 1299, { unit: "box" }),
  p("CB", "PATCH-1M", "六类跳线 1米", "Cat6 Patch Cord 1 m", 9),
  p("CB", "PATCH-3M", "六类跳线 3米", "Cat6 Patch Cord 3 m", 15),
  p("CB", "PATCH-5M", "六类跳线 5米", "Cat6 Patch Cord 5 m", 22),
  p("CB", "FIBER-LC3", "LC-LC多模光纤跳线 3米", "LC-LC Multi-mode Fiber Patch 3 m", 35),
  p("CB", "HDMI-2M", "HDMI 2.1 高清线 2米", "HDMI 2.1 Cable 2 m", 59),
  p("CB", "DP-2M", "DP 1.4 视频线 2米", "DisplayPort 1.4 Cable 2 m", 69),
  p("CB", "USBC-1M", "USB-C 数据线 1米", "USB-C Cable 1 m", 39),
  p("CB", "PDU-8", "8位机柜PDU", "8-outlet Rack PDU", 199),
  p("CB", "PAPER-A4", "A4复印纸 70g（5包/箱）", "A4 Copy Paper 70 g (5 reams/box)", 129, { unit: "box" }),
  p("CB", "TIES-100", "尼龙扎带（100根/包）", "Nylon Cable Ties (100/pack)", 12, { unit: "box" }),
  p("CB", "RJ45-100", "水晶头（100只/盒）", "RJ45 Connectors (100/box)", 49, { unit: "box" }),
  p("CB", "CLEAN-KIT", "屏幕清洁套装", "Screen Cleaning Kit", 29, { unit: "set" }),
];
