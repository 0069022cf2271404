import { createRequire } from "node:module";
import type Nodemailer from "nodemailer";
import { type Env, mailEnabled } from "../../env";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
};

/** The one thing the worker needs of a mail server: hand it a message, get its id back. */
export type MailTransport = {
  send(message: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
};

/** The SMTP transport of the configuration, or null when mail is off. */
export function createMailTransport(env: Env): MailTransport | null {
  if (!mailEnabled(env)) return null;
  // loaded only when mail is on (some 10 MiB and 70 ms a server without SMTP does not pay)
  const nodemailer = createRequire(import.meta.url)("nodemailer") as typeof Nodemailer;
  const transporter = env.SMTP_URL
    ? nodemailer.createTransport(env.SMTP_URL)
    : nodemailer.createTransport({
        host: env.SMTP_HOST,
        port: env.SMTP_PORT,
        secure: env.SMTP_SECURE,
        auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? "" } : undefined,
      });
  return {
    async send(message) {
      const info = await transporter.sendMail({ from: env.MAIL_FROM, ...message });
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}
