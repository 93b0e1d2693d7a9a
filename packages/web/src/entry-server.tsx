import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { ServerRouter, type EntryContext, type RouterContextProvider } from "react-router";
import { I18nextProvider } from "react-i18next";
import { applySecurityHeaders, requestContext } from "@cs/auth";
import { serverEnv } from "@cs/auth/server";
import { getInstance } from "@cs/i18n/server";

const ABORT_DELAY = 5_000;

/**
 * React Router's streaming document handler, with the request's CSP nonce on every script. Error
 * pages rendered for a refusal thrown before the app middleware's `next()` (CSRF) get their
 * security headers here.
 */
export function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  const { nonce } = loadContext.get(requestContext);
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const readyEvent = isbot(request.headers.get("user-agent") ?? "") || routerContext.isSpaMode ? "onAllReady" : "onShellReady";
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={getInstance(loadContext)}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </I18nextProvider>,
      {
      nonce,
      [readyEvent]() {
        shellRendered = true;
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        applySecurityHeaders(responseHeaders, { nonce, dev: serverEnv().NODE_ENV === "development" });
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY + 1000);
  });
}

/** `.data` responses, refusals included, carry the security headers too. */
export function handleDataRequest(response: Response) {
  const secured = new Response(response.body, response);
  applySecurityHeaders(secured.headers, { dev: serverEnv().NODE_ENV === "development" });
  return secured;
}

/** Logs the detail; users only ever see the translated error page. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
