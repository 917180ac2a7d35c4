// Writes an edge-app.toml for a route table, so create-edge-app generates the matcher under test.

/** The spec of a TypeScript Worker named `name` with `routes` (`[method, path, handler]`). */
export function specFor(name, routes) {
  const lines = [`[app]`, `name = "${name}"`, `language = "ts"`];
  for (const [method, path, handler] of routes) {
    lines.push(
      "",
      "[[routes]]",
      `method = "${method}"`,
      `path = "${path}"`,
      `handler = "${handler}"`,
    );
  }
  return `${lines.join("\n")}\n`;
}
