// The H5 pages' words in zh-CN and en. The server picks the language from a `lang` cookie or
// Accept-Language; the page can switch without a reload (the user token lives only in memory).
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const en = {
  chances: 'Chances left',
  draw: { wheel: 'Spin', grid: 'Go', scratch: 'Scratch a card' },
  drawing: 'Drawing…',
  scratchHint: 'Scratch here',
  revealAll: 'Reveal',
  zero: {
    today: 'You have used today’s draws. Come back tomorrow!',
    total: 'You have used all your draws in this activity.',
    tasks: 'No chances left. Do a task below to earn more.',
    none: 'No chances left.',
  },
  state: {
    PAUSED: 'The activity is paused for a moment. Please check back soon.',
    ENDED: 'The activity has ended. Thank you for taking part!',
    SCHEDULED: 'The activity has not started yet.',
    notYet: 'The activity starts at',
  },
  errors: {
    offline: 'You seem to be offline. Your draw is kept; try again when you are connected.',
    server: 'Something went wrong on our side. Your draw is kept; please try again.',
    busy: 'Too many tries right now. Please wait a moment.',
    blocked: 'This draw could not be made from your account or device.',
    auth: 'Open this page from the app to play.',
    notFound: 'This activity does not exist in your app.',
    stateFailed: 'Your chances and prizes could not be loaded. Nothing was drawn.',
    taskLost: 'We could not confirm that task. Reload to see whether it counted.',
    claimLost: 'Your address may not have been saved. Please send it again.',
    reference: 'Reference:',
  },
  retry: 'Try again',
  result: {
    win: 'You won',
    lose: 'Not this time',
    loseBody: 'Better luck on the next draw!',
    close: 'OK',
    claim: 'Enter shipping address',
  },
  tasks: {
    title: 'Earn more chances',
    chances: (n: number) => `+${n} chance${n === 1 ? '' : 's'}`,
    doneToday: (n: number) => `done ${n} today`,
    left: (n: number) => `${n} left today`,
    capped: 'Done for today',
    go: { SIGN_IN: 'Check in', SHARE: 'Share', INVITE: 'Invite', EVENT: 'In the app' } as Record<string, string>,
    shareHint: 'Share this activity in the app; the chance is added once the app confirms it.',
    inviteHint: 'Invite a friend from the app: each friend who joins adds a chance.',
    waiting: 'Waiting for the app to confirm…',
    confirmed: 'Confirmed by the app',
  },
  prizes: {
    title: 'My prizes',
    empty: 'No prizes yet.',
    claim: 'Claim',
    edit: 'Edit address',
    carrier: 'Carrier',
    tracking: 'Tracking number',
    claimBy: (date: string, left: string) => `Claim by ${date} (${left} left)`,
    daysHours: (d: number, h: number) => (d > 0 ? `${d} d ${h} h` : `${h} h`),
    expired: 'Expired: the address was not entered before the deadline.',
    voided: 'Void',
    code: 'Code',
    copy: 'Copy',
    copied: 'Copied',
  },
  status: {
    AWAITING_CLAIM: 'Awaiting address',
    PENDING_DELIVERY: 'Being delivered',
    CLAIMED: 'Address received',
    SHIPPED: 'Shipped',
    DELIVERED: 'Delivered',
    HELD: 'Under review',
    VOID: 'Void',
  } as Record<string, string>,
  claim: {
    title: 'Shipping address',
    name: 'Recipient name',
    phone: 'Phone',
    address: 'Address',
    submit: 'Save address',
    saved: 'Address saved',
    cancel: 'Cancel',
    bad: {
      name: 'Enter the recipient name (up to 60 characters).',
      phone: 'Enter a phone number of 5 to 20 digits.',
      address: 'Enter the full address (5 to 300 characters).',
    },
    parts: {
      street: 'Street address',
      city: 'City',
      district: 'District',
      province: 'State / province (optional)',
      postcode: 'Postcode',
      country: 'Country',
    } as Record<string, string>,
    badParts: {
      street: 'Enter the street and house number.',
      city: 'Enter the city.',
      district: 'Enter the district.',
      province: 'Use at most 120 characters.',
      postcode: 'Enter a postcode of 3 to 10 letters and digits.',
      country: 'Choose the country.',
    } as Record<string, string>,
    countries: { GB: 'United Kingdom', US: 'United States', SG: 'Singapore', HK: 'Hong Kong', CN: 'China' } as Record<
      string,
      string
    >,
  },
  rules: {
    link: 'Rules & odds',
    title: 'Rules and odds',
    period: 'Period',
    tiers: 'Prizes and probabilities',
    tier: 'Tier',
    prizes: 'Prizes',
    probability: 'Probability',
    noWin: 'No prize',
    limits: 'Limits',
    freeDrawsPerDay: 'Free draws a day',
    maxDrawsPerDay: 'Draws a day at most',
    maxDrawsTotal: 'Draws in total at most',
    maxWinsPerUser: 'Prizes per person at most',
    none: 'no limit',
    back: 'Back to the game',
    live: 'These figures are read from the live draw configuration.',
    timezone: 'Time zone',
    now: 'Probabilities in force now; some change by the hour:',
    schedule: 'Schedule',
    hours: 'Hours',
    dates: 'Dates',
    everyDay: 'every day',
    otherwise: 'at other times',
    pacing:
      'Paced prizes are released evenly over the period: when one is ahead of its schedule, a draw that picks it wins nothing.',
  },
  fairness: {
    verify: 'Verify',
    title: 'Provably fair',
    intro:
      'Before anyone drew, this activity committed to a secret seed by publishing its SHA-256. ' +
      'Each draw’s number is an HMAC of that seed and your own draw key; ' +
      'once the seed is revealed anyone can recompute it.',
    commitment: 'Commitment',
    seed: 'Revealed seed',
    notRevealed: 'The seed is revealed when the activity ends; your draw can be checked then.',
    proofLabel: 'Your draw’s proof (JSON)',
    check: 'Recompute in this browser',
    match: 'Verified: the seed gives this number and this tier.',
    mismatch: 'Does not match the proof.',
    number: 'Number',
    tier: 'Tier',
    none: 'none',
    close: 'Close',
    loading: 'Loading…',
    fixedWinner: (position: number, participants: number) =>
      `A fixed-winner draw: you were participant ${position + 1} of ${participants} (in order of user id). ` +
      'Once the seed is revealed, the reservoir sampling in the rules can be replayed from it.',
  },
  draws: {
    title: 'My draws',
    empty: 'No draws yet.',
    win: (tier: string) => `Won: ${tier}`,
    lose: 'No prize',
    more: 'Show more',
    noProof: 'no proof',
    failed: 'Your draws could not be loaded.',
  },
  demo: { pick: 'Demo: play as', note: 'Demo mode: tokens are minted by the server.' },
  language: '中文',
  languageLabel: 'Switch language',
};

export type Messages = typeof en;

const zh: Messages = {
  chances: '剩余次数',
  draw: { wheel: '转一转', grid: '抽奖', scratch: '刮一张' },
  drawing: '抽奖中…',
  scratchHint: '刮开此处',
  revealAll: '直接揭晓',
  zero: {
    today: '今日次数已用完，明天再来吧！',
    total: '本活动的抽奖次数已全部用完。',
    tasks: '次数已用完，完成下方任务可获得更多次数。',
    none: '次数已用完。',
  },
  state: {
    PAUSED: '活动暂停中，请稍后再来。',
    ENDED: '活动已结束，感谢参与！',
    SCHEDULED: '活动尚未开始。',
    notYet: '活动开始时间',
  },
  errors: {
    offline: '网络似乎已断开。本次抽奖已保留，联网后请重试。',
    server: '服务暂时出错。本次抽奖已保留，请重试。',
    busy: '操作太频繁，请稍候再试。',
    blocked: '当前账号或设备无法参与本次抽奖。',
    auth: '请从 App 内打开本页面参与。',
    notFound: '该活动不存在。',
    stateFailed: '未能加载你的次数和奖品，本次没有抽奖。',
    taskLost: '未能确认任务结果，请刷新查看是否已计入。',
    claimLost: '地址可能未保存，请重新提交。',
    reference: '编号：',
  },
  retry: '重试',
  result: { win: '恭喜中奖', lose: '未中奖', loseBody: '下次好运！', close: '好的', claim: '填写收货地址' },
  tasks: {
    title: '做任务赚次数',
    chances: (n: number) => `+${n} 次`,
    doneToday: (n: number) => `今日已完成 ${n} 次`,
    left: (n: number) => `今日还可 ${n} 次`,
    capped: '今日已完成',
    go: { SIGN_IN: '签到', SHARE: '分享', INVITE: '邀请', EVENT: '去 App 完成' },
    shareHint: '在 App 内分享本活动，App 确认后即增加次数。',
    inviteHint: '在 App 内邀请好友：每位好友加入后增加一次机会。',
    waiting: '等待 App 确认…',
    confirmed: 'App 已确认',
  },
  prizes: {
    title: '我的奖品',
    empty: '暂无奖品。',
    claim: '领取',
    edit: '修改地址',
    carrier: '快递公司',
    tracking: '运单号',
    claimBy: (date: string, left: string) => `请于 ${date} 前领取（剩余 ${left}）`,
    daysHours: (d: number, h: number) => (d > 0 ? `${d} 天 ${h} 小时` : `${h} 小时`),
    expired: '已过期：未在截止时间前填写地址。',
    voided: '已作废',
    code: '兑换码',
    copy: '复制',
    copied: '已复制',
  },
  status: {
    AWAITING_CLAIM: '待填写地址',
    PENDING_DELIVERY: '发放中',
    CLAIMED: '已填写地址',
    SHIPPED: '已发货',
    DELIVERED: '已送达',
    HELD: '审核中',
    VOID: '已作废',
  },
  claim: {
    title: '收货信息',
    name: '收件人',
    phone: '手机号',
    address: '详细地址',
    submit: '保存地址',
    saved: '地址已保存',
    cancel: '取消',
    bad: {
      name: '请填写收件人（最多 60 字）。',
      phone: '请填写 11 位手机号码。',
      address: '请填写完整地址（5 到 300 字）。',
    },
    parts: {
      province: '省',
      city: '市',
      district: '区 / 县',
      street: '详细地址（街道、门牌号）',
      postcode: '邮编',
      country: '国家',
    },
    badParts: {
      province: '请填写省份。',
      city: '请填写城市。',
      district: '请填写区 / 县。',
      street: '请填写街道和门牌号。',
      postcode: '请填写 3 到 10 位邮编。',
      country: '请选择国家。',
    },
    countries: { CN: '中国', HK: '中国香港', SG: '新加坡', GB: '英国', US: '美国' },
  },
  rules: {
    link: '规则与概率',
    title: '活动规则与中奖概率',
    period: '活动时间',
    tiers: '奖项与概率',
    tier: '奖项',
    prizes: '奖品',
    probability: '概率',
    noWin: '未中奖',
    limits: '限制',
    freeDrawsPerDay: '每日免费次数',
    maxDrawsPerDay: '每日最多抽奖',
    maxDrawsTotal: '总计最多抽奖',
    maxWinsPerUser: '每人最多中奖',
    none: '不限',
    back: '返回活动',
    live: '以下数据实时读取自抽奖配置。',
    timezone: '时区',
    now: '以上为当前生效的概率；部分奖项的概率按时段变化：',
    schedule: '时段',
    hours: '时间',
    dates: '日期',
    everyDay: '每天',
    otherwise: '其他时间',
    pacing: '标记为匀速发放的奖品在活动期间均匀发放：若发放进度超前，抽中该奖项的这一次不中奖。',
  },
  fairness: {
    verify: '验证',
    title: '可验证公平',
    intro:
      '开奖前，本活动已公布秘密种子的 SHA-256 承诺。每次抽奖的随机数由该种子与您的抽奖键经 HMAC 得出；种子公开后任何人都可复算。',
    commitment: '承诺',
    seed: '已公开的种子',
    notRevealed: '种子将在活动结束时公开，届时即可验证您的抽奖。',
    proofLabel: '抽奖证明（JSON）',
    check: '在本浏览器中复算',
    match: '验证通过：种子得出相同的随机数与奖项。',
    mismatch: '与证明不符。',
    number: '随机数',
    tier: '奖项',
    none: '无',
    close: '关闭',
    loading: '加载中…',
    fixedWinner: (position: number, participants: number) =>
      `固定名额抽奖：按用户 ID 排序，您是 ${participants} 名参与者中的第 ${position + 1} 位。种子公开后即可按规则复算蓄水池抽样。`,
  },
  draws: {
    title: '我的抽奖',
    empty: '还没有抽奖记录。',
    win: (tier: string) => `中奖：${tier}`,
    lose: '未中奖',
    more: '显示更多',
    noProof: '无证明',
    failed: '抽奖记录加载失败。',
  },
  demo: { pick: '演示：选择用户', note: '演示模式：令牌由服务器签发。' },
  language: 'English',
  languageLabel: '切换语言',
};

export const messages: Record<Locale, Messages> = { 'zh-CN': zh, en };

/** `?lang=` first, then the `lang` cookie, then the best Accept-Language match; English otherwise. */
export function pickLocale(cookie: string | undefined, acceptLanguage: string | null, query?: string | null): Locale {
  const asked = query?.toLowerCase();
  if (asked && /^zh(-|$)/.test(asked)) return 'zh-CN';
  if (asked && /^en(-|$)/.test(asked)) return 'en';
  if (cookie === 'zh-CN' || cookie === 'en') return cookie;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())).find(Boolean);
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q[1]) : 1 };
    })
    .filter((x) => x.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

export function formatPercent(probability: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 4 }).format(probability);
}

/** The `lang` cookie as Next's request cookies read it: the last one wins, an undecodable one is skipped. */
export function langCookie(header: string | undefined): string | undefined {
  let lang: string | undefined;
  for (const pair of header?.split(/; */) ?? []) {
    const at = pair.indexOf('=');
    if (at === -1) {
      if (pair === 'lang') lang = 'true';
      continue;
    }
    if (pair.slice(0, at) !== 'lang') continue;
    try {
      lang = decodeURIComponent(pair.slice(at + 1));
    } catch {
      // as Next: the earlier value stands
    }
  }
  return lang;
}
