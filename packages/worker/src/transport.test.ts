import { createServer, type AddressInfo, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logTransport, smtpTransport } from "./transport";

/** A minimal SMTP server on localhost that keeps what it receives: the real nodemailer client talks to it. */
let server: Server;
let port = 0;
const received: { from: string; to: string; data: string }[] = [];

beforeAll(async () => {
  server = createServer((socket) => {
    let buffer = "";
    let inData = false;
    let current = { from: "", to: "", data: "" };
    socket.write("220 test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let i: number;
      while ((i = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            received.push(current);
            current = { from: "", to: "", data: "" };
            socket.write("250 queued\r\n");
          } else current.data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 test\r\n");
        else if (verb === "MAIL") {
          current.from = line;
          socket.write("250 ok\r\n");
        } else if (verb === "RCPT") {
          current.to = line;
          socket.write("250 ok\r\n");
        } else if (verb === "DATA") {
          inData = true;
          socket.write("354 go\r\n");
        }
        else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe("transports", () => {
  it("smtp sends the rendered mail to the server in SMTP_URL", async () => {
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, "华信达 <no-reply@huaxinda.example>");
    await transport.send({ to: "dealer@demo.cn", subject: "【华信达】订单 SO-1 已发货", text: "您好：\n\n订单 SO-1 已发货。" });
    expect(received).toHaveLength(1);
    expect(received[0]!.from).toContain("no-reply@huaxinda.example");
    expect(received[0]!.to).toContain("dealer@demo.cn");
    expect(received[0]!.data).toMatch(/^Subject: /m);
  });

  it("smtp fails when the server cannot be reached, so the worker retries", async () => {
    const transport = smtpTransport("smtp://127.0.0.1:1", "x@example.com");
    await expect(transport.send({ to: "a@b.cn", subject: "s", text: "t" })).rejects.toThrow();
  });

  it("log writes one line per mail", async () => {
    const lines: string[] = [];
    await logTransport((l) => lines.push(l)).send({ to: "a@b.cn", subject: "主题", text: "第一行\n第二行" });
    expect(lines).toEqual(['[mail] to=a@b.cn subject="主题" body="第一行\\n第二行"']);
  });
});
