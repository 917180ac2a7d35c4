// CORS with credentials, an HS256 JWT (issuer and audience checked) and a validated JSON body,
// written by hand with Hono's cors and jwt middleware and zod.
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { jwt } from "hono/jwt";
import { z } from "zod";

type Env = { Bindings: { JWT_SECRET: string } };

const app = new Hono<Env>();

const NewNote = z
  .object({
    title: z.string().min(1).max(200),
    tags: z.array(z.string()).max(5).optional(),
  })
  .strict();

app.use(
  "/notes",
  cors({
    origin: ["https://app.example.com"],
    allowHeaders: ["Authorization", "Content-Type"],
    credentials: true,
  }),
);
app.post(
  "/notes",
  (c, next) =>
    jwt({
      secret: c.env.JWT_SECRET,
      alg: "HS256",
      verification: { iss: "https://auth.example.com", aud: "notes" },
    })(c, next),
  zValidator("json", NewNote),
  (c) => c.json({ handler: "createNote", body: c.req.valid("json") }),
);

export default app;
