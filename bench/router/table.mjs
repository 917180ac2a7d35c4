// The benchmark's route table and request mix, shared by every router and by the spec that
// create-edge-app generates its matcher from.

/**
 * A typical JSON API of 32 routes: static paths, params, nested params, a wildcard, several
 * methods on one path.
 */
export const API_ROUTES = [
  ["GET", "/", "home"],
  ["GET", "/health", "health"],
  ["GET", "/version", "version"],
  ["GET", "/users", "listUsers"],
  ["POST", "/users", "createUser"],
  ["GET", "/users/:id", "getUser"],
  ["PUT", "/users/:id", "updateUser"],
  ["DELETE", "/users/:id", "deleteUser"],
  ["GET", "/users/:id/posts", "listUserPosts"],
  ["GET", "/users/:id/followers", "listFollowers"],
  ["POST", "/users/:id/follow", "followUser"],
  ["GET", "/posts", "listPosts"],
  ["POST", "/posts", "createPost"],
  ["GET", "/posts/:id", "getPost"],
  ["PATCH", "/posts/:id", "updatePost"],
  ["DELETE", "/posts/:id", "deletePost"],
  ["GET", "/posts/:id/comments", "listComments"],
  ["POST", "/posts/:id/comments", "createComment"],
  ["GET", "/posts/:id/comments/:commentId", "getComment"],
  ["DELETE", "/posts/:id/comments/:commentId", "deleteComment"],
  ["GET", "/orgs/:org", "getOrg"],
  ["GET", "/orgs/:org/teams", "listTeams"],
  ["GET", "/orgs/:org/teams/:team", "getTeam"],
  ["GET", "/orgs/:org/teams/:team/members", "listMembers"],
  ["PUT", "/orgs/:org/teams/:team/members/:user", "addMember"],
  ["GET", "/search", "search"],
  ["POST", "/webhooks/:provider", "receiveWebhook"],
  ["GET", "/files/*key", "getFile"],
  ["PUT", "/files/*key", "putFile"],
  ["GET", "/admin/stats", "adminStats"],
  ["GET", "/users/:id/avatar", "getAvatar"],
  ["POST", "/auth/login", "login"],
];

/**
 * Routes whose paths overlap others': a static path beside a `:param` and a catch-all `/:slug`.
 * Hono's RegExpRouters refuse such tables (its default router then falls back to its TrieRouter).
 */
export const OVERLAPPING_ROUTES = [
  ["GET", "/users/me", "currentUser"],
  ["GET", "/:slug", "profile"],
];

/**
 * The API table grown to `size` routes with more CRUD resources under a versioned prefix, and
 * with the overlapping routes when `overlapping`.
 */
export function routeTable(size, overlapping = false) {
  const routes = overlapping
    ? [...API_ROUTES, ...OVERLAPPING_ROUTES]
    : [...API_ROUTES];
  for (let i = 0; routes.length < size; i++) {
    const base = `/v1/${RESOURCES[i % RESOURCES.length]}${i < RESOURCES.length ? "" : i}`;
    const name = `resource${i}`;
    const crud = [
      ["GET", base, `list${i}`],
      ["POST", base, `create${i}`],
      ["GET", `${base}/:id`, `get${i}`],
      ["PUT", `${base}/:id`, `update${i}`],
      ["DELETE", `${base}/:id`, `delete${i}`],
      ["GET", `${base}/:id/history/:version`, `${name}History`],
    ];
    routes.push(...crud.slice(0, size - routes.length));
  }
  return routes;
}

const RESOURCES = [
  "accounts",
  "invoices",
  "orders",
  "products",
  "carts",
  "payments",
  "refunds",
  "shipments",
  "coupons",
  "reviews",
  "tickets",
  "projects",
  "tasks",
  "labels",
  "milestones",
  "releases",
  "builds",
  "deployments",
  "domains",
  "certificates",
  "keys",
  "tokens",
  "sessions",
  "events",
  "logs",
  "metrics",
  "alerts",
  "reports",
  "exports",
  "imports",
];

/** A seeded pseudo-random generator (mulberry32), so every run draws the same mix. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` requests as `[method, url]`: about four in five hit a route (every route alike, its
 * params filled with ids and slugs), the rest miss by path (404) or by method (405); with
 * `hitsOnly`, every one hits.
 */
export function requestMix(routes, count, seed = 1, hitsOnly = false) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const word = () =>
    pick(["acme", "blue", "core", "delta", "echo", "kite", "nova", "zen"]);
  const fill = (path) =>
    path
      .replace(/:\w+/g, () =>
        next() < 0.5 ? String(Math.floor(next() * 100000)) : word(),
      )
      .replace(
        /\*\w+/,
        () => `${word()}/${word()}/${Math.floor(next() * 1000)}.json`,
      );
  const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
  const requests = [];
  while (requests.length < count) {
    const [method, path] = pick(routes);
    const roll = hitsOnly ? 0 : next();
    let request;
    if (roll < 0.8) request = [method, fill(path)];
    else if (roll < 0.9) request = [pick(methods), fill(path)];
    else
      request = [
        method,
        `${fill(path)}/${word()}/${word()}`.replace(/^\/\//, "/"),
      ];
    requests.push([
      request[0],
      `https://api.example.com${request[1]}${next() < 0.2 ? "?page=2" : ""}`,
    ]);
  }
  return requests;
}
