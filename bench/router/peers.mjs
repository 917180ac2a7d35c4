// Every router under test, built from one route table. Each `match(method, url)` returns null or
// `{ handler, params }` as the router hands them over (Hono's with the params' `stash`).
import { Hono } from "hono";
import {
  PreparedRegExpRouter,
  RegExpRouter,
  buildInitParams,
} from "hono/router/reg-exp-router";
import { IttyRouter } from "itty-router";

/** The path of a URL by a scan, as the generated Worker and Hono both take it. */
export function pathOf(url) {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start === -1) return "/";
  const query = url.indexOf("?", start);
  return query === -1 ? url.slice(start) : url.slice(start, query);
}

/** The spec's `*name` wildcard as Hono and itty write it. */
const anonymousWildcard = (path) => path.replace(/\*\w+$/, "*");

/**
 * Hono and itty-router take the first route registered that matches, so they get the table in
 * create-edge-app's precedence order: segment by segment, static before `:param` before `*`.
 */
export function precedenceOrder(routes) {
  const key = (path) =>
    path
      .split("/")
      .slice(1)
      .map((s) =>
        s.startsWith(":") ? "1" : s.startsWith("*") ? "2" : `0${s}`,
      );
  const compare = (a, b) => {
    const [x, y] = [key(a[1]), key(b[1])];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    }
    return x.length - y.length;
  };
  return [...routes].sort(compare);
}

function hono(router, routes) {
  for (const [method, path, handler] of precedenceOrder(routes)) {
    router.add(method, anonymousWildcard(path), handler);
  }
  return (method, url) => {
    const [handlers, stash] = router.match(method, pathOf(url));
    const first = handlers[0];
    return first === undefined
      ? null
      : { handler: first[0], params: first[1], stash };
  };
}

function itty(routes) {
  const router = IttyRouter();
  for (const [method, path, handler] of precedenceOrder(routes)) {
    const named = { [handler]: () => handler }[handler];
    router[method.toLowerCase()](anonymousWildcard(path), named);
  }
  // itty's own compiled table, walked as its `fetch` walks it, without `new URL`, the query
  // parsing and the awaited handler chain around it.
  const table = router.routes;
  return (method, url) => {
    const path = pathOf(url);
    for (const [routeMethod, pattern, handlers] of table) {
      let match;
      if (
        (routeMethod === method || routeMethod === "ALL") &&
        (match = path.match(pattern))
      ) {
        return { handler: handlers[0].name, params: match.groups ?? {} };
      }
    }
    return null;
  };
}

/**
 * The routers by name, create-edge-app's first (`matchRoute` is the generated matcher); a router
 * that refuses the table is a string saying why.
 */
export function routers(routes, matchRoute) {
  const paths = [...new Set(routes.map(([, path]) => anonymousWildcard(path)))];
  const build = (make) => {
    try {
      const match = make();
      match("GET", "https://example.com/"); // RegExpRouter compiles on its first match
      return match;
    } catch (error) {
      return `refuses the table: ${error.constructor.name}`;
    }
  };
  return {
    "create-edge-app": (method, url) => matchRoute(method, pathOf(url)),
    "Hono (default)": build(() => hono(new Hono().router, routes)),
    "Hono RegExpRouter": build(() => hono(new RegExpRouter(), routes)),
    "Hono PreparedRegExpRouter": build(() =>
      hono(new PreparedRegExpRouter(...buildInitParams({ paths })), routes),
    ),
    "itty-router": build(() => itty(routes)),
  };
}

/** A match as plain data: the handler and its named params (wildcards left out). */
export function normalize(found) {
  if (found === null) return null;
  const params = {};
  for (const name of Object.keys(found.params).sort()) {
    const value = found.params[name];
    params[name] = found.stash === undefined ? value : found.stash[value];
  }
  return { handler: found.handler, params };
}
