// Per-language content through the public interface: the spec's and the prizes' `translations`
// are validated like other text, stored, exported, and the end-user API, the play view and the
// rules page pick them by ?lang= or Accept-Language, falling back to the untranslated text.
// Also what "my prizes" carries (the shipment, the claim deadline, expiry) and the preview token.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { POST as createActivityRoute } from '@/app/api/manage/activities/route';
import { GET as getManagedActivity } from '@/app/api/manage/activities/[id]/route';
import { POST as publishRoute } from '@/app/api/manage/activities/[id]/publish/route';
import { POST as createPrizeRoute } from '@/app/api/manage/prizes/route';
import { GET as viewRoute } from '@/app/api/v1/activities/[activityId]/route';
import { GET as meRoute } from '@/app/api/v1/activities/[activityId]/me/route';
import { GET as myWinsRoute } from '@/app/api/v1/me/wins/route';
import { POST as claimRoute } from '@/app/api/v1/wins/[winId]/claim/route';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { expireClaims } from '@/lib/fulfilment/expire-claims';
import { getPlayView } from '@/lib/h5/get-play-view';
import { checkPreviewToken, mintPreviewToken } from '@/lib/h5/preview-token';
import { renderPreviewPage, renderRulesPage } from '@/lib/h5/render-play-page';
import { endUser, specFor } from '../helpers/activities';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

type Tenant = Awaited<ReturnType<typeof freshTenant>>;

async function setUp(tenant: Tenant, extra: Record<string, unknown> = {}) {
  const key = bearer(tenant.apiKey);
  const prize = await callRoute(createPrizeRoute, {
    method: 'POST',
    headers: key,
    body: { name: 'Power bank', kind: 'physical', stock: 20, translations: { 'zh-CN': { name: '充电宝' } } },
  });
  expect(prize.status, JSON.stringify(prize.json)).toBe(201);
  expect(prize.json.translations).toEqual({ 'zh-CN': { name: '充电宝' } });
  const spec = {
    ...specFor([{ name: 'First prize', probability: 1, stock: 10, prizes: [{ prizeId: prize.json.id }] }], {
      name: 'Spring wheel',
      claimWindowHours: 48,
      materials: { title: 'Spring Lucky Wheel', rulesText: 'One draw a day.' },
      tasks: [{ kind: 'sign_in', name: 'Daily check-in', chances: 1, perDay: 1 }],
    }),
    translations: {
      'zh-CN': {
        name: '春节转盘',
        title: '新春幸运大转盘',
        rulesText: '每天一次。',
        tiers: [{ name: '一等奖' }],
        tasks: [{ name: '每日签到' }],
      },
      en: { title: '' },
    },
    ...extra,
  };
  const created = await callRoute(createActivityRoute, { method: 'POST', headers: key, body: spec });
  return { created, prizeId: prize.json.id as string, spec };
}

describe('translations', () => {
  it('are stored with the spec and served in the reader language, falling back to the untranslated text', async () => {
    const tenant = await freshTenant();
    const { created } = await setUp(tenant);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.id as string;
    const exported = await callRoute(getManagedActivity, { headers: bearer(tenant.apiKey), params: { id } });
    expect(exported.json.translations['zh-CN'].tiers).toEqual([{ name: '一等奖' }]);
    expect(
      (await callRoute(publishRoute, { method: 'POST', headers: bearer(tenant.apiKey), params: { id } })).status,
    ).toBe(200);

    const user = bearer(await tenant.userToken('mei'));
    // Upper-case id: the same activity.
    const params = { activityId: id.toUpperCase() };
    const zh = await callRoute(viewRoute, { path: `/x?lang=zh-CN`, headers: user, params });
    expect(zh.status).toBe(200);
    expect(zh.json).toMatchObject({
      name: '春节转盘',
      lang: 'zh-CN',
      materials: { title: '新春幸运大转盘', rulesText: '每天一次。' },
      tiers: [{ name: '一等奖', prizes: [{ name: '充电宝' }] }],
    });
    // Accept-Language by weight, and a near match (zh-Hans-CN reads zh-CN).
    const byHeader = await callRoute(viewRoute, {
      headers: { ...user, 'accept-language': 'fr;q=0.9, zh-Hans-CN;q=0.8' },
      params,
    });
    expect(byHeader.json.tiers[0].name).toBe('一等奖');
    // Asked for English: the untranslated text (a blank translation is no translation).
    const en = await callRoute(viewRoute, {
      path: '/x?lang=en',
      headers: { ...user, 'accept-language': 'zh-CN' },
      params,
    });
    expect(en.json).toMatchObject({ name: 'Spring wheel', lang: 'en', materials: { title: 'Spring Lucky Wheel' } });
    expect(en.json.tiers[0].prizes[0].name).toBe('Power bank');
    // A `lang` that is no language tag is a 400 naming it, never a 500.
    for (const bad of ['%00', 'zh%0ACN', 'x'.repeat(40), '__proto__']) {
      const r = await callRoute(viewRoute, { path: `/x?lang=${bad}`, headers: user, params });
      expect(r.status, bad).toBe(400);
      expect(r.json.error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(r.json.error.details)).toContain('lang');
    }

    const me = await callRoute(meRoute, { path: '/x?lang=zh-CN', headers: user, params });
    expect(me.json.tasks[0].name).toBe('每日签到');
    const meEn = await callRoute(meRoute, { headers: { ...user, 'accept-language': 'en' }, params });
    expect(meEn.json.tasks[0].name).toBe('Daily check-in');

    // The play page's view and the rules page follow the page's language.
    expect((await getPlayView(id, 'zh-CN'))!.tiers[0]!.name).toBe('一等奖');
    expect((await getPlayView(id, 'en'))!.tiers[0]!.name).toBe('First prize');
    const rules = await (await renderRulesPage(id, 'zh-CN')).text();
    expect(rules).toContain('一等奖');
    expect(rules).toContain('每天一次。');

    // Another tenant's token does not see it.
    const other = await freshTenant();
    const foreign = await callRoute(viewRoute, {
      path: '/x?lang=zh-CN',
      headers: bearer(await other.userToken('mei')),
      params,
    });
    expect(foreign.status).toBe(404);
  });

  it('are refused with 400 naming the field: control characters, unknown keys, bad tags, too many tiers', async () => {
    const tenant = await freshTenant();
    const cases: [Record<string, unknown>, string][] = [
      [{ translations: { 'zh-CN': { name: 'a\u0000b' } } }, 'translations.zh-CN.name'],
      [{ translations: { 'zh-CN': { title: 'x\u0007' } } }, 'translations.zh-CN.title'],
      [{ translations: { 'zh-CN': { slogan: 'x' } } }, 'translations.zh-CN'],
      [{ translations: { 'not a tag': { name: 'x' } } }, 'translations'],
      [{ translations: { constructor: { name: 'x' } } }, 'translations'],
      [{ translations: { 'zh-CN': { tiers: [{ name: 'a' }, { name: 'b' }] } } }, 'translations.zh-CN.tiers'],
      [{ translations: { 'zh-CN': { tasks: [{ name: 'a' }, { name: 'b' }] } } }, 'translations.zh-CN.tasks'],
    ];
    for (const [extra, path] of cases) {
      const { created } = await setUp(tenant, extra);
      expect(created.status, JSON.stringify(extra)).toBe(400);
      expect(created.json.error.code).toBe('VALIDATION_FAILED');
      const paths = (created.json.error.details.issues as { path: string }[]).map((i) => i.path);
      expect(
        paths.some((p) => p.startsWith(path)),
        `${JSON.stringify(extra)}: ${paths.join(', ')}`,
      ).toBe(true);
    }
    const badPrize = await callRoute(createPrizeRoute, {
      method: 'POST',
      headers: bearer(tenant.apiKey),
      body: { name: 'x', kind: 'physical', stock: 1, translations: { 'zh-CN': { name: '\u0000' } } },
    });
    expect(badPrize.status).toBe(400);
    expect(JSON.stringify(badPrize.json.error.details)).toContain('translations');
    expect(await db.activity.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});

describe('my prizes', () => {
  it('carry the claim deadline, then the shipment, and say when a claim expired', async () => {
    const tenant = await freshTenant();
    const { created } = await setUp(tenant);
    const id = created.json.id as string;
    await callRoute(publishRoute, { method: 'POST', headers: bearer(tenant.apiKey), params: { id } });
    const user = endUser(tenant, 'winner');
    const won = await executeDraw(user, id, randomUUID());
    const token = bearer(await tenant.userToken('winner'));
    const wins = async (lang = 'zh-CN') =>
      (await callRoute(myWinsRoute, { path: `/x?lang=${lang}`, headers: token })).json.wins;
    const [fresh] = await wins();
    expect(fresh).toMatchObject({
      status: 'AWAITING_CLAIM',
      prize: { name: '充电宝' },
      shipment: null,
      expired: false,
    });
    expect(Date.parse(fresh.claimExpiresAt) - Date.now()).toBeGreaterThan(47 * 3600_000);
    await db.win.update({
      where: { id: won.winIds[0]! },
      data: { status: 'SHIPPED', carrier: 'SF Express', trackingNumber: 'SF123', shippedAt: new Date() },
    });
    expect((await wins('en'))[0]).toMatchObject({
      prize: { name: 'Power bank' },
      shipment: { carrier: 'SF Express', trackingNumber: 'SF123' },
    });

    const late = endUser(tenant, 'late');
    await executeDraw(late, id, randomUUID());
    await expireClaims(Date.now() + 49 * 3600_000, { tenantId: tenant.id });
    const lateWins = (await callRoute(myWinsRoute, { headers: bearer(await tenant.userToken('late')) })).json.wins;
    expect(lateWins[0]).toMatchObject({ status: 'VOID', expired: true, shipment: null });
  });
});

describe('preview token', () => {
  it('opens the draft of its own activity only, until it expires', async () => {
    const tenant = await freshTenant();
    const { created } = await setUp(tenant);
    const id = created.json.id as string;
    const token = mintPreviewToken({ tenantId: tenant.id, activityId: id });
    expect(checkPreviewToken(token, id.toUpperCase())).toBe(tenant.id);
    expect(checkPreviewToken(token, randomUUID())).toBeNull();
    expect(checkPreviewToken(`${token}x`, id)).toBeNull();
    expect(
      checkPreviewToken(mintPreviewToken({ tenantId: tenant.id, activityId: id }, 60, Date.now() - 120_000), id),
    ).toBeNull();
    const page = await renderPreviewPage(id, 'zh-CN', token);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('新春幸运大转盘');
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
    expect((await renderPreviewPage(id, 'en', null)).status).toBe(404);
    // A token for another tenant's activity id opens nothing here.
    const other = await freshTenant();
    expect((await renderPreviewPage(id, 'en', mintPreviewToken({ tenantId: other.id, activityId: id }))).status).toBe(
      404,
    );
  });
});

describe('structured claims', () => {
  it('take an address in parts, check the phone for a Chinese address, and keep the one-line form', async () => {
    const tenant = await freshTenant();
    const { created } = await setUp(tenant);
    const id = created.json.id as string;
    await callRoute(publishRoute, { method: 'POST', headers: bearer(tenant.apiKey), params: { id } });
    const won = await executeDraw(endUser(tenant, 'li'), id, randomUUID());
    const winId = won.winIds[0]!.toUpperCase();
    const as = async (body: object) =>
      callRoute(claimRoute, {
        method: 'POST',
        headers: bearer(await tenant.userToken('li')),
        params: { winId },
        body,
      });
    const parts = { province: '上海市', city: '上海市', district: '浦东新区', street: '世纪大道 88 号', country: 'cn' };
    const notMobile = await as({ name: '李雷', phone: '+44 20 7946 0000', address: parts });
    expect(notMobile.status).toBe(400);
    expect(notMobile.json.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['phone']);
    for (const [bad, path] of [
      [{ ...parts, street: 'x\u0000y' }, 'address.street'],
      [{ ...parts, floor: 3 }, 'address'],
      [{ ...parts, country: 'China' }, 'address.country'],
    ] as const) {
      const r = await as({ name: '李雷', phone: '13800001111', address: bad });
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(JSON.stringify(r.json.error.details), path).toContain(path.split('.').pop());
    }
    const ok = await as({ name: '李雷', phone: '138 0000 1111', address: parts });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json.claim).toMatchObject({
      address: '上海市 上海市 浦东新区 世纪大道 88 号',
      addressParts: { ...parts, country: 'CN' },
    });
    const en = await as({
      name: 'Li Lei',
      phone: '+44 20 7946 0000',
      address: { street: '88 Baker Street', city: 'London', postcode: 'NW1 6XE', country: 'GB' },
    });
    expect(en.json.claim.address).toBe('88 Baker Street, London, NW1 6XE, GB');
    // The plain string form of API.md still works.
    const plain = await as({ name: 'Li Lei', phone: '+44 20 7946 0000', address: '1 Century Avenue, Shanghai' });
    expect(plain.json.claim).toMatchObject({ address: '1 Century Avenue, Shanghai' });
    expect(plain.json.claim.addressParts).toBeUndefined();
  });
});
