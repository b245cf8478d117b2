// A page that learns of new or acknowledged alerts (the live dashboard, by its polling) tells the
// header bell, which then reloads its list at once instead of at its next slow refresh.
export const ALERTS_CHANGED_EVENT = 'console:alerts-changed';

export function announceAlertsChanged(): void {
  window.dispatchEvent(new Event(ALERTS_CHANGED_EVENT));
}
