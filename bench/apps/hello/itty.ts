// Hello world with itty-router's AutoRouter, answering as create-edge-app's `hello` handler does.
import { AutoRouter } from "itty-router";

const router = AutoRouter();

router.get("/", (request) => ({
  handler: "hello",
  method: request.method,
  params: request.params,
}));

export default router;
