// PostGraphile 5 peer for bench/load/run: the amber preset plus the lazy JWT preset (HS256, the
// claims become jwt.claims.* settings and `role` the PostgreSQL role, so the row-level security
// policies the runner creates decide what a user sees). One worker per core through node:cluster,
// as Ward runs one I/O thread per core.
// Environment: DATABASE_URL, PORT, JWT_SECRET, WORKERS (default 2), POOL (per worker, default 32).
import cluster from "node:cluster";
import { createServer } from "node:http";
import pg from "pg";
import { postgraphile } from "postgraphile";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { PgLazyJWTPreset } from "postgraphile/presets/lazy-jwt";
import { makePgService } from "postgraphile/adaptors/pg";

const workers = Number(process.env.WORKERS || 2);
const port = Number(process.env.PORT);

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (w, code) => {
    if (code !== 0) process.exitCode = 1;
  });
  const stop = () => {
    for (const w of Object.values(cluster.workers)) w.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL || 32) });
  const preset = {
    extends: [PostGraphileAmberPreset, PgLazyJWTPreset],
    pgServices: [makePgService({ pool, schemas: ["public"] })],
    grafserv: {
      port,
      host: "127.0.0.1",
      graphqlPath: "/graphql",
      graphiql: false,
      pgJwtSecret: process.env.JWT_SECRET,
      pgJwtVerifyOptions: { audience: "postgraphile", algorithms: ["HS256"] },
    },
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  server.on("error", (e) => {
    console.error(e);
    process.exit(1);
  });
  await serv.addTo(server);
  server.keepAliveTimeout = 120000;
  server.listen(port, "127.0.0.1");
  process.on("SIGTERM", async () => {
    server.close();
    await pgl.release();
    await pool.end();
    process.exit(0);
  });
}
