import nodemailer from "nodemailer";

export type Mail = { to: string; subject: string; text: string };

/** Where rendered e-mails go; throwing means "not sent, try again later". */
export type Transport = { name: string; send(mail: Mail): Promise<void> };

/** Writes each e-mail to the log instead of sending it: the default, for development and demos. */
export function logTransport(log: (line: string) => void = console.log): Transport {
  return {
    name: "log",
    async send(mail) {
      // one line per mail: the server log stays readable and cheap under load
      log(`[mail] to=${mail.to} subject=${JSON.stringify(mail.subject)} body=${JSON.stringify(mail.text)}`);
    },
  };
}

/** Sends through an SMTP server given as a URL (smtp://user:pass@host:587 or smtps://…). */
export function smtpTransport(url: string, from: string): Transport {
  const transporter = nodemailer.createTransport(url);
  return {
    name: "smtp",
    async send(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
