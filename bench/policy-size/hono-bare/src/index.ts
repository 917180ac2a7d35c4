// The bare route written by hand with Hono.
import { Hono } from "hono";

const app = new Hono();

app.post("/notes", (c) => c.json({ handler: "createNote" }));

export default app;
