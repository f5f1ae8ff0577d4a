/** A real SMTP server on 127.0.0.1 and a free port that keeps every message with its envelope. */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Delivered {
  mail: ParsedMail;
  /** The SMTP envelope's RCPT TO addresses: who really gets the message. */
  rcptTo: string[];
}

export interface TestSmtpServer {
  url: string;
  delivered: Delivered[];
  to(address: string): Delivered[];
  close(): Promise<void>;
}

export interface SmtpServerOptions {
  /** Recipients the server refuses for good at RCPT TO (550), as a mailbox that does not exist. */
  refuse?: (address: string) => boolean;
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const delivered: Delivered[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) {
        const error = Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        delivered.push({ mail, rcptTo: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    delivered,
    to: (address) => delivered.filter((d) => d.rcptTo.includes(address)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
