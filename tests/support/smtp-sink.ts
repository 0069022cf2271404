import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server on a free local port (smtp-server), for the tests of the outbox: every
 * accepted message is parsed back with mailparser. `refuseNext(n, code)` makes it answer the
 * next n messages with that reply code (4xx: try again later, 5xx: refused for good).
 */
export type SmtpSink = {
  url: string;
  received: ParsedMail[];
  refuseNext(count: number, code: number): void;
  close(): Promise<void>;
};

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ParsedMail[] = [];
  let refusals: { left: number; code: number } = { left: 0, code: 451 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (refusals.left > 0) {
            refusals.left -= 1;
            const reply = refusals.code >= 500 ? "Mailbox unavailable" : "Try again later";
            callback(Object.assign(new Error(reply), { responseCode: refusals.code }));
            return;
          }
          received.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext(count, code) {
      refusals = { left: count, code };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
