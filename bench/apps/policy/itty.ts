// CORS with credentials, an HS256 JWT (issuer and audience checked) and a validated JSON body,
// written by hand with itty-router's AutoRouter and cors, jose and zod.
import { AutoRouter, cors, error, type IRequest } from "itty-router";
import { jwtVerify } from "jose";
import { z } from "zod";

type Env = { JWT_SECRET: string };

const { preflight, corsify } = cors({
  origin: ["https://app.example.com"],
  allowHeaders: ["Authorization", "Content-Type"],
  credentials: true,
});

const router = AutoRouter<IRequest, [Env]>({
  before: [preflight],
  finally: [corsify],
});

const NewNote = z
  .object({
    title: z.string().min(1).max(200),
    tags: z.array(z.string()).max(5).optional(),
  })
  .strict();

router.post("/notes", async (request, env) => {
  const token = request.headers
    .get("Authorization")
    ?.match(/^Bearer (.+)$/)?.[1];
  if (token === undefined) return error(401);
  try {
    await jwtVerify(token, new TextEncoder().encode(env.JWT_SECRET), {
      algorithms: ["HS256"],
      issuer: "https://auth.example.com",
      audience: "notes",
    });
  } catch {
    return error(401);
  }
  const body = NewNote.safeParse(await request.json().catch(() => undefined));
  if (!body.success) return error(400, body.error.issues);
  return { handler: "createNote", body: body.data };
});

export default router;
