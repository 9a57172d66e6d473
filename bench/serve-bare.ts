// The reference for bench/serve.ts: a bare Fastify endpoint that parses the same JSON body and
// answers a constant, in a process of its own, so the server's overhead is measured against it.

import Fastify from "fastify";

const app = Fastify({ logger: false });
const answer = { predictions: ["<=50K"], probabilities: [[0.9, 0.1]], classes: ["<=50K", ">50K"] };
app.post("/invocations", async () => answer);
await app.listen({ host: "127.0.0.1", port: Number(process.argv[2] ?? 0) });
const address = app.server.address();
process.stdout.write(`${typeof address === "object" && address ? address.port : ""}\n`);
