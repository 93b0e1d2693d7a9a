import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpSmsTransport, logSmsTransport } from "./sms-transport";

/** A stand-in SMS gateway on localhost: keeps what it receives and answers with the status asked for. */
let server: Server;
let url = "";
let answer = 200;
const received: { headers: IncomingHttpHeaders; body: unknown }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body: JSON.parse(body) as unknown });
      res.writeHead(answer, { "Content-Type": "application/json" }).end(answer === 200 ? '{"ok":true}' : '{"error":"quota"}');
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
});

afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe("SMS transports", () => {
  it("http posts the number and text as JSON with the bearer token", async () => {
    answer = 200;
    await httpSmsTransport({ url, token: "gateway-token" }).send({ to: "13800138000", text: "【华信达】您的验证码是 123456。" });
    expect(received.at(-1)).toMatchObject({
      headers: { authorization: "Bearer gateway-token", "content-type": "application/json" },
      body: { to: "13800138000", text: "【华信达】您的验证码是 123456。" },
    });
  });

  it("http fails on a non-2xx answer, so the outbox retries", async () => {
    answer = 503;
    await expect(httpSmsTransport({ url }).send({ to: "13800138000", text: "x" })).rejects.toThrow(/503.*quota/);
    expect(received.at(-1)!.headers.authorization).toBeUndefined();
  });

  it("http fails when the gateway cannot be reached", async () => {
    await expect(httpSmsTransport({ url: "http://127.0.0.1:1/send" }).send({ to: "13800138000", text: "x" })).rejects.toThrow();
  });

  it("log writes one line per message", async () => {
    const lines: string[] = [];
    await logSmsTransport((l) => lines.push(l)).send({ to: "13800138000", text: "第一行\n第二行" });
    expect(lines).toEqual(['[sms] to=13800138000 text="第一行\\n第二行"']);
  });
});
