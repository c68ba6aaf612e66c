// oidc-provider 9 peer for bench/load/run: one client allowed client_credentials, access tokens as
// RS256 JWTs for the resource urn:ward-bench. One worker per core through node:cluster; the primary
// makes the signing key so every worker signs with the same one.
// Environment: PORT, WORKERS (default 2), CLIENT_ID, CLIENT_SECRET.
import cluster from "node:cluster";
import { generateKeyPairSync } from "node:crypto";
import Provider from "oidc-provider";

const workers = Number(process.env.WORKERS || 2);
const port = Number(process.env.PORT);

if (cluster.isPrimary && !process.env.BENCH_JWK) {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  process.env.BENCH_JWK = JSON.stringify({ ...privateKey.export({ format: "jwk" }), kid: "bench", use: "sig", alg: "RS256" });
}

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork({ BENCH_JWK: process.env.BENCH_JWK });
  const stop = () => {
    for (const w of Object.values(cluster.workers)) w.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else {
  const resource = "urn:ward-bench";
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [
      {
        client_id: process.env.CLIENT_ID,
        client_secret: process.env.CLIENT_SECRET,
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    jwks: { keys: [JSON.parse(process.env.BENCH_JWK)] },
    scopes: ["api"],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: "api", audience: resource, accessTokenFormat: "jwt", jwt: { sign: { alg: "RS256" } } }),
      },
    },
  });
  const server = provider.listen(port, "127.0.0.1");
  process.on("SIGTERM", () => {
    server.close();
    process.exit(0);
  });
}
