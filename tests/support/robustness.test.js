// Robustness: a seeded stream of malformed and random requests against the real
// Worker in workerd. Not one may answer 5xx, and every response with content
// must say its Content-Type. Written into a generated project by the
// end-to-end tests of create-edge-app; not part of the generated project.
import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";
import routes from "./generated/routes.json";

const COUNT = 1000;

/** A small deterministic generator (xorshift), so a failure can be replayed. */
let state = 0x2545f491;
/** @param {number} n */
function below(n) {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) % n;
}
/**
 * @template T
 * @param {T[]} items
 * @returns {T}
 */
function pick(items) {
  return /** @type {T} */ (items[below(items.length)]);
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "get", "TRACE"];
const JUNK = ["%zz", "%00", "%E2%9C", "..", ".", "a%2Fb", "ü", "%F0%9F%98%80", "x".repeat(300), "", "*", ":id", "?"];
const TYPES = ["application/json", "text/plain", "application/json; charset=utf-8", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "", "application/vnd.api+json"];
const BODIES = ['{"a":1}', "{", "[]", "null", '"x"', "\u0000\u0001", '{"title":"t","tags":["work"]}', "x".repeat(5000), '{"limit":"1"}'];
const AUTH = ["Bearer x", "Bearer ", "Basic !!!", "Basic " + btoa("a:b"), "Bearer a.b.c", "Bearer eyJhbGciOiJub25lIn0.e30.", "Token t", "x".repeat(2000)];

function path() {
  const known = pick(routes).path;
  switch (below(8)) {
    case 0:
    case 5:
    case 6:
    case 7:
      return known;
    case 1:
      return known + "/" + pick(JUNK);
    case 2:
      return "/" + pick(JUNK) + "/" + pick(JUNK);
    case 3:
      return known.replace(/[^/]+$/, pick(JUNK));
    default:
      return "//" + pick(JUNK) + known;
  }
}

it(`survives ${COUNT} random requests`, async () => {
  /** @type {Record<string, number>} */
  const statuses = {};
  for (let i = 0; i < COUNT; i++) {
    const method = pick(METHODS);
    /** @type {Record<string, string>} */
    const headers = {};
    if (below(2) === 0) headers["Content-Type"] = pick(TYPES);
    if (below(3) === 0) headers["Authorization"] = pick(AUTH);
    if (below(3) === 0) headers["Origin"] = pick(["https://app.example.com", "null", "https://evil.example", "x"]);
    if (below(4) === 0) headers["Access-Control-Request-Method"] = pick(METHODS);
    if (below(4) === 0) headers["X-API-Key"] = pick(["k", "", "test-key-one"]);
    const canHaveBody = !["GET", "HEAD", "get"].includes(method);
    const body = canHaveBody && below(2) === 0 ? pick(BODIES) : undefined;
    const query = below(3) === 0 ? "?" + pick(["limit=1", "limit=x", "a=%zz", "api_key=k", "limit=1&limit=2"]) : "";
    let response;
    try {
      response = await SELF.fetch(`https://example.com${path()}${query}`, { method, headers, body });
    } catch {
      // The fetch itself refused the request (an invalid method or header): not the Worker's answer.
      statuses["refused by fetch"] = (statuses["refused by fetch"] ?? 0) + 1;
      continue;
    }
    await response.arrayBuffer();
    const key = String(response.status);
    statuses[key] = (statuses[key] ?? 0) + 1;
    const where = `${method} request #${i}`;
    expect(response.status, where).toBeLessThan(500);
    if (response.status !== 204 && response.status !== 101) {
      expect(response.headers.get("Content-Type"), where).not.toBeNull();
    }
  }
  console.log(`ROBUSTNESS ${JSON.stringify(statuses)}`);
  // A generous timeout: a thousand requests on a loaded two-core machine can take a while.
}, 60_000);
