export type Sms = { to: string; text: string };

/** Where rendered text messages go; throwing means "not sent, try again later". */
export type SmsTransport = { name: string; send(sms: Sms): Promise<void> };

/** Writes each message to the log instead of sending it: the default, for development and demos. */
export function logSmsTransport(log: (line: string) => void = console.log): SmsTransport {
  return {
    name: "log",
    async send(sms) {
      log(`[sms] to=${sms.to} text=${JSON.stringify(sms.text)}`);
    },
  };
}

/**
 * Posts `{ to, text }` as JSON to an SMS gateway (our own relay in front of the carrier's API, so
 * the worker needs no vendor SDK). Any answer but 2xx, a network error or a timeout is a failure the
 * outbox retries with backoff.
 */
export function httpSmsTransport(options: { url: string; token?: string; timeoutMs?: number }): SmsTransport {
  return {
    name: "http",
    async send(sms) {
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (options.token) headers.Authorization = `Bearer ${options.token}`;
      const response = await fetch(options.url, {
        method: "POST",
        headers,
        body: JSON.stringify({ to: sms.to, text: sms.text }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      // The body is read either way so the connection can be reused.
      const body = await response.text();
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}: ${body.slice(0, 200)}`);
    },
  };
}
