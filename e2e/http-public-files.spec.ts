// What a web app serves from public/ at the top level, through the production server
// (server.ts): the icon every browser asks for, the console's SVG icon, and robots.txt keeping
// crawlers off the console and the API while the play pages stay reachable.
import { expect, test } from '@playwright/test';

test('serves the favicon, the SVG icon the console links, and robots.txt', async ({ request }) => {
  const ico = await request.get('/favicon.ico');
  expect(ico.status()).toBe(200);
  expect((await ico.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));

  const svg = await request.get('/favicon.svg');
  expect(svg.status()).toBe(200);
  expect(svg.headers()['content-type']).toContain('image/svg+xml');

  const signIn = await (await request.get('/signin')).text();
  expect(signIn).toMatch(/<link rel="icon" href="\/favicon\.svg" type="image\/svg\+xml"/);

  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(robots.headers()['content-type']).toContain('text/plain');
  const rules = (await robots.text()).split('\n').map((line) => line.trim());
  expect(rules).toEqual(expect.arrayContaining(['User-agent: *', 'Allow: /play/', 'Disallow: /t/', 'Disallow: /api/']));
});
