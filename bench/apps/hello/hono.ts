// Hello world with Hono, answering as create-edge-app's `hello` handler does.
import { Hono } from "hono";

const app = new Hono();

app.get("/", (c) =>
  c.json({ handler: "hello", method: c.req.method, params: c.req.param() }),
);

export default app;
