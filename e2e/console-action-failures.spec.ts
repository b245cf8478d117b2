// A console action that fails never wipes what the operator sees: a publish, a pause, then the
// dashboard's resume, whose request is dropped or answered 500 keeps the editor's input and the open dialog, says what
// failed with the request's id, and re-reads the page (the status shows the action did not
// happen); trying again once the server answers goes through. Screenshots in test-results/.
import { expect, test, type Page } from '@playwright/test';
import { toZonedInput } from '../lib/activities/zoned-time';
import { fillTier, isServerAction, newDraft, signIn } from './support';

const ZONE = 'Asia/Shanghai';
const ACTIVITY_PAGE = /\/t\/demo\/activities\/[0-9a-f-]{36}$/;
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Makes every server action of the activity page fail: `drop` as a lost network, `500` as a broken server. */
async function failActions(page: Page, how: 'drop' | '500') {
  await page.unroute(ACTIVITY_PAGE);
  await page.route(ACTIVITY_PAGE, (route) => {
    if (!isServerAction(route)) return route.fallback();
    return how === 'drop'
      ? route.abort('internetdisconnected')
      : route.fulfill({ status: 500, contentType: 'text/plain', body: 'Internal Server Error' });
  });
}

test('a failed publish or pause keeps the input, names its request and re-reads the status', async ({ page }) => {
  test.setTimeout(180_000);
  const name = `Failing ${Date.now().toString(36)}`;
  await signIn(page, 'owner@demo.test');
  await newDraft(page);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Starts').fill(toZonedInput(new Date(Date.now() - 10 * 60_000).toISOString(), ZONE));
  await page.getByLabel('Ends').fill(toZonedInput(new Date(Date.now() + 24 * 3600_000).toISOString(), ZONE));
  await page.getByRole('button', { name: 'Add tier' }).click();
  await fillTier(page, 0, { name: 'Points', odds: '50', stock: '100', prize: '100 Points' });
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');

  for (const how of ['drop', '500'] as const) {
    await failActions(page, how);
    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog', { name: `Publish ${name}?` });
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    const failure = dialog.getByTestId('action-failure');
    await expect(failure).toContainText(how === 'drop' ? 'Could not reach the server' : 'The server could not');
    await expect(failure.getByTestId('request-id')).toHaveText(REQUEST_ID);
    const requestId = await failure.getByTestId('request-id').innerText();
    await expect(page.getByTestId('toast-error').filter({ hasText: requestId })).toBeVisible();
    // Kept: the dialog to try again from, the editor with the operator's input, the draft as it was.
    await expect(dialog).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);
    await expect(page.getByTestId('tier').nth(0).getByLabel('Tier name')).toHaveValue('Points');
    await expect(page.getByTestId('activity-status').first()).toHaveText('Draft');
    await page.screenshot({ path: `test-results/failures-publish-${how}.png`, animations: 'disabled' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }

  // The server answers again: the same dialog publishes.
  await page.unroute(ACTIVITY_PAGE);
  await page.getByRole('button', { name: 'Publish…' }).click();
  await page
    .getByRole('dialog', { name: `Publish ${name}?` })
    .getByRole('button', { name: 'Publish', exact: true })
    .click();
  await expect(page.getByTestId('activity-status').first()).toHaveText('Live', { timeout: 30_000 });

  // A pause that fails: the dialog stays with the reason and the request id; the activity is still live.
  await failActions(page, '500');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const pause = page.getByRole('dialog', { name: `Pause ${name}?` });
  await pause.getByRole('button', { name: 'Pause activity' }).click();
  await expect(pause.getByTestId('action-failure')).toContainText('The server could not');
  await expect(pause.getByTestId('request-id')).toHaveText(REQUEST_ID);
  await expect(pause).toBeVisible();
  await expect(page.getByTestId('activity-status').first()).toHaveText('Live');
  await page.screenshot({ path: 'test-results/failures-pause-500.png', animations: 'disabled' });
  await page.unroute(ACTIVITY_PAGE);
  await pause.getByRole('button', { name: 'Pause activity' }).click();
  await expect(page.getByTestId('activity-status').first()).toHaveText('Paused', { timeout: 30_000 });

  // The dashboard's Resume, dropped on the way: the same note, the dashboard re-read and still paused.
  const activityId = page.url().split('/').pop()!;
  const dashboard = new RegExp(`/t/demo/activities/${activityId}/dashboard$`);
  await page.goto(`/t/demo/activities/${activityId}/dashboard`);
  await page.route(dashboard, (route) =>
    isServerAction(route) ? route.abort('internetdisconnected') : route.fallback(),
  );
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  const resume = page.getByRole('dialog', { name: 'Resume the activity?' });
  await resume.getByRole('button', { name: 'Resume activity' }).click();
  await expect(resume.getByTestId('action-failure')).toContainText('Could not reach the server');
  await expect(resume.getByTestId('request-id')).toHaveText(REQUEST_ID);
  await expect(resume).toBeVisible();
  await expect(page.getByTestId('activity-status').first()).toHaveText('Paused');
  await page.screenshot({ path: 'test-results/failures-dashboard-resume.png', animations: 'disabled' });
  await page.unroute(dashboard);
  await resume.getByRole('button', { name: 'Resume activity' }).click();
  await expect(page.getByTestId('activity-status').first()).toHaveText('Live', { timeout: 30_000 });
});
