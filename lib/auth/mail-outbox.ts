// Mail the console sends (password reset links). No mail server is configured, so the one
// outbox there is writes the server log and keeps every message in the MailOutbox table, where
// tests read it and `npm run demo` points (docs/operators.md). A real mailer would implement
// `MailOutbox` and take this one's place in `mailOutbox()`.
import { db } from '../db';
import { log } from '../log';

export type MailMessage = { to: string; subject: string; body: string };

export interface MailOutbox {
  send(message: MailMessage): Promise<void>;
}

const loggingOutbox: MailOutbox = {
  async send(message) {
    await db.mailOutbox.create({ data: message });
    log.info('mail (not sent: no mail server; kept in the MailOutbox table)', {
      to: message.to,
      subject: message.subject,
      body: message.body,
    });
  },
};

export function mailOutbox(): MailOutbox {
  return loggingOutbox;
}

/** The newest message to an address (tests and the demo read links from here). */
export async function latestMailTo(to: string): Promise<MailMessage | null> {
  return db.mailOutbox.findFirst({
    where: { to: to.trim().toLowerCase() },
    orderBy: { id: 'desc' },
    select: { to: true, subject: true, body: true },
  });
}
