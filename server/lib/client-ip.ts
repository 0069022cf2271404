import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import proxyaddr from "proxy-addr";
import type { AppEnv } from "./hono";

/**
 * The client's address seen through `trustedHops` reverse proxies: each proxy appends the address
 * it received the request from to X-Forwarded-For, so only the last `trustedHops` entries were
 * written by proxies we run; everything to their left was sent by the client and may be forged.
 * The address is the one `trustedHops` steps from the socket (proxy-addr, the rule Express uses
 * for `trust proxy = n`): with one proxy, the right-most entry. Zero hops: the socket's address.
 */
export function clientAddress(request: {
  socketAddress: string | undefined;
  forwardedFor: string | undefined;
  trustedHops: number;
}): string {
  if (request.trustedHops === 0) return request.socketAddress ?? "unknown";
  const fake = {
    socket: { remoteAddress: request.socketAddress ?? "unknown" },
    headers: request.forwardedFor === undefined ? {} : { "x-forwarded-for": request.forwardedFor },
  };
  // proxy-addr reads only these two fields of Node's IncomingMessage
  const address = proxyaddr(
    fake as unknown as Parameters<typeof proxyaddr>[0],
    (_address, hop) => hop < request.trustedHops,
  );
  return address.trim() || "unknown";
}

/** The caller's address: the socket's, or the one TRUST_PROXY trusted hops report (clientAddress). */
export function clientIp(c: Context<AppEnv>): string {
  let socketAddress: string | undefined;
  try {
    socketAddress = getConnInfo(c).remote.address;
  } catch {
    socketAddress = undefined; // app.request() in tests has no socket
  }
  return clientAddress({
    socketAddress,
    forwardedFor: c.req.header("x-forwarded-for"),
    trustedHops: c.get("deps").env.TRUST_PROXY,
  });
}
