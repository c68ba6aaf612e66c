// The `ward` command as a user runs it: subcommands, --help, settings from flags and environment,
// both servers answering /healthz, and a clean stop on SIGTERM and SIGINT.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "core/json.hpp"
#include "integration/ward_process.hpp"

namespace ward::testing {
namespace {

TEST(WardCommandTest, VersionAndUsage) {
    auto v = run_ward({"version"});
    EXPECT_EQ(v.exit_status, 0);
    EXPECT_EQ(v.out.rfind("ward ", 0), 0u) << v.out;

    auto none = run_ward({});
    EXPECT_EQ(none.exit_status, 2);
    EXPECT_NE(none.err.find("Usage: ward <command>"), std::string::npos);

    auto unknown = run_ward({"frobnicate"});
    EXPECT_EQ(unknown.exit_status, 2);
    EXPECT_NE(unknown.err.find("unknown command 'frobnicate'"), std::string::npos);
}

TEST(WardCommandTest, EverySubcommandHasHelp) {
    auto up = run_ward({"up", "--help"});
    EXPECT_EQ(up.exit_status, 0);
    for (const char* s : {"--data-dir", "WARD_DATA_DIR", "--idp-port", "WARD_IDP_PORT",
                          "--engine-port", "HASURA_GRAPHQL_SERVER_PORT"}) {
        EXPECT_NE(up.out.find(s), std::string::npos) << s;
    }
    auto idp = run_ward({"idp", "--help"});
    EXPECT_EQ(idp.exit_status, 0);
    EXPECT_NE(idp.out.find("WARD_IDP_DATABASE_URL"), std::string::npos);
    auto engine = run_ward({"engine", "--help"});
    EXPECT_EQ(engine.exit_status, 0);
    for (const char* s : {"HASURA_GRAPHQL_ADMIN_SECRET", "HASURA_GRAPHQL_JWT_SECRET",
                          "HASURA_GRAPHQL_DATABASE_URL", "--server-port"}) {
        EXPECT_NE(engine.out.find(s), std::string::npos) << s;
    }
    auto version = run_ward({"version", "--help"});
    EXPECT_EQ(version.exit_status, 0);
}

TEST(WardCommandTest, BadSettingsExitWithAClearMessage) {
    auto flag = run_ward({"up", "--no-such-flag"});
    EXPECT_EQ(flag.exit_status, 2);
    EXPECT_NE(flag.err.find("unknown option --no-such-flag"), std::string::npos) << flag.err;

    auto port = run_ward({"engine"}, {{"HASURA_GRAPHQL_SERVER_PORT", "eighty"}});
    EXPECT_EQ(port.exit_status, 2);
    EXPECT_NE(port.err.find("HASURA_GRAPHQL_SERVER_PORT must be an integer"), std::string::npos)
        << port.err;

    auto range = run_ward({"idp", "--idp-port", "70000"});
    EXPECT_EQ(range.exit_status, 2);
    EXPECT_NE(range.err.find("port number"), std::string::npos);

    auto level = run_ward({"up", "--log-level", "loud"});
    EXPECT_EQ(level.exit_status, 2);
}

TEST(WardCommandTest, UpRunsBothServersAndStopsOnSigterm) {
    auto p = WardProcess::start({.command = "up"});
    ASSERT_TRUE(p) << p.error().to_string();
    auto& w = **p;
    EXPECT_EQ(http_get(w.idp_url() + "/healthz").status, 200u);
    auto e = http_get(w.engine_url() + "/healthz");
    EXPECT_EQ(e.status, 200u);
    EXPECT_EQ(e.body, "OK");
    // The default data folder is created in the working directory.
    EXPECT_TRUE(std::filesystem::is_directory(w.work_dir() + "/ward-data"));
    EXPECT_EQ(w.stop(SIGTERM), 0);
    std::string err = w.stderr_text();
    EXPECT_NE(err.find("Ward IdP listening on http://localhost:" + std::to_string(w.idp_port())),
              std::string::npos)
        << err;
    EXPECT_NE(
        err.find("Ward Engine listening on http://localhost:" + std::to_string(w.engine_port())),
        std::string::npos);
    // Structured start-up logs on stdout, one JSON object per line.
    std::string out = w.stdout_text();
    EXPECT_NE(out.find("\"type\":\"startup\""), std::string::npos);
    EXPECT_NE(out.find("\"type\":\"http-log\""), std::string::npos);
}

// `ward up` with no configuration: the IdP has made its admin and keys, the engine has an admin
// secret in the data folder and trusts the IdP's tokens (JWT mode), and the first start tells
// the person at the terminal how to sign in and what to try.
TEST(WardCommandTest, UpNeedsNoSetUpAndPrintsTheFirstSignIn) {
    auto p = WardProcess::start({.command = "up"});
    ASSERT_TRUE(p) << p.error().to_string();
    auto& w = **p;
    const std::string secret_file = w.work_dir() + "/ward-data/admin-secret";
    ASSERT_TRUE(std::filesystem::exists(secret_file));
    EXPECT_EQ(std::filesystem::status(secret_file).permissions() &
                  (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
              std::filesystem::perms::none);
    std::string secret;
    {
        std::ifstream in(secret_file);
        std::getline(in, secret);
    }
    ASSERT_GE(secret.size(), 24u);

    // The IdP answers Casdoor's health check and publishes its generated key.
    auto health = http_get(w.idp_url() + "/api/health");
    EXPECT_EQ(health.status, 200u);
    EXPECT_NE(health.body.find("\"status\":\"ok\""), std::string::npos) << health.body;
    auto jwks = http_get(w.idp_url() + "/.well-known/jwks");
    EXPECT_NE(jwks.body.find("\"kid\":\"cert-built-in\""), std::string::npos) << jwks.body;

    // The engine: the admin secret works; without credentials it answers as Hasura in JWT mode.
    const std::string query = R"({"query":"{ __typename }"})";
    http::Headers right;
    right.set("x-hasura-admin-secret", secret);
    http::Headers bad;
    bad.set("x-hasura-admin-secret", secret + "x");
    auto admin = http_post(w.engine_url() + "/v1/graphql", query, right);
    EXPECT_EQ(admin.body, R"({"data":{"__typename":"query_root"}})");
    auto anonymous = http_post(w.engine_url() + "/v1/graphql", query);
    EXPECT_NE(anonymous.body.find(
                  "Missing 'Authorization' or 'Cookie' header in JWT authentication mode"),
              std::string::npos)
        << anonymous.body;
    auto wrong = http_post(w.engine_url() + "/v1/graphql", query, bad);
    EXPECT_NE(wrong.body.find("invalid x-hasura-admin-secret/x-hasura-access-key"),
              std::string::npos)
        << wrong.body;
    EXPECT_EQ(w.stop(SIGTERM), 0);

    std::string err = w.stderr_text();
    EXPECT_NE(err.find("sign in to Ward IdP as built-in/admin with password "), std::string::npos)
        << err;
    EXPECT_NE(err.find("admin secret is " + secret), std::string::npos) << err;
    EXPECT_NE(err.find("/console"), std::string::npos) << err;
    EXPECT_NE(err.find("Try: curl -s http://localhost:" + std::to_string(w.engine_port()) +
                       "/v1/graphql"),
              std::string::npos)
        << err;
    // Secrets go to the terminal once, never into the structured log.
    std::string out = w.stdout_text();
    EXPECT_EQ(out.find(secret), std::string::npos);
}

// `--idp-port 0` lets the system pick the IdP's port: the engine next to it is told the port
// the IdP really got (its /login page and its default jwk_url), never port 0.
TEST(WardCommandTest, UpWithAFreeIdpPortTellsTheEngineTheRealOne) {
    auto p = WardProcess::start({.command = "up",
                                 .args = {"--idp-port", "0"},
                                 .env = {{"WARD_IDP_PORT", "0"}},
                                 .wait_healthy = false});
    ASSERT_TRUE(p) << p.error().to_string();
    auto& w = **p;
    const std::string marker = "Ward IdP listening on http://localhost:";
    std::string idp_port;
    bool engine_up = false;
    for (int i = 0; i < 400 && (idp_port.empty() || !engine_up); ++i) {
        const std::string err = w.stderr_text();
        if (auto at = err.find(marker); at != std::string::npos && idp_port.empty()) {
            at += marker.size();
            idp_port = err.substr(at, err.find_first_not_of("0123456789", at) - at);
        }
        engine_up = http_get(w.engine_url() + "/healthz").status == 200;
        if (idp_port.empty() || !engine_up)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_TRUE(engine_up) << w.stderr_text();
    ASSERT_FALSE(idp_port.empty()) << w.stderr_text();
    EXPECT_NE(idp_port, "0");
    // The IdP is really there.
    auto jwks = http_get("http://127.0.0.1:" + idp_port + "/.well-known/jwks");
    EXPECT_EQ(jwks.status, 200u) << jwks.body;
    // The engine's /login page sends the user to that port.
    auto login = http_get(w.engine_url() + "/login?code=abc");
    EXPECT_EQ(login.status, 200u);
    EXPECT_NE(login.body.find("http://localhost:" + idp_port), std::string::npos) << login.body;
    EXPECT_EQ(login.body.find("localhost:0"), std::string::npos) << login.body;
    // So does the console.
    auto config = http_get(w.engine_url() + "/console/config.json");
    EXPECT_EQ(config.status, 200u);
    EXPECT_EQ(config.body, R"({"idp_origin":"http://localhost:)" + idp_port + "\"}");
    EXPECT_EQ(w.stop(SIGTERM), 0);
}

// Issue #6: behind a reverse proxy the engine's pages point at the IdP's public origin, and
// /console redirects relatively, so a browser under a path prefix (/ward/engine/) stays there.
TEST(WardCommandTest, UpBehindAProxyUsesThePublicIdpOriginAndRelativeRedirects) {
    auto p =
        WardProcess::start({.command = "up", .args = {"--idp-origin", "https://id.example.com"}});
    ASSERT_TRUE(p) << p.error().to_string();
    auto& w = **p;
    auto config = http_get(w.engine_url() + "/console/config.json");
    EXPECT_EQ(config.status, 200u);
    EXPECT_EQ(config.body, R"({"idp_origin":"https://id.example.com"})");
    EXPECT_NE(config.headers.get_or("Content-Type", "").find("application/json"),
              std::string::npos);
    auto login = http_get(w.engine_url() + "/login?code=abc");
    EXPECT_NE(login.body.find("https://id.example.com"), std::string::npos) << login.body;
    auto console = http_get(w.engine_url() + "/console");
    EXPECT_EQ(console.status, 301u);
    EXPECT_EQ(console.headers.get_or("Location", ""), "console/");
    EXPECT_EQ(w.stop(SIGTERM), 0);
}

// Issue #6: the IdP mounted under a path prefix (/ward/idp/) names itself with the prefix: the
// issuer and every endpoint of its discovery document, the console's config.json and the
// engine's /login page.
TEST(WardCommandTest, UpWithAnIdpOriginThatHasAPathPrefix) {
    auto p = WardProcess::start(
        {.command = "up", .args = {"--idp-origin", "HTTPS://Proxy.example:443/ward/idp/"}});
    ASSERT_TRUE(p) << p.error().to_string();
    auto& w = **p;
    const std::string base = "https://proxy.example/ward/idp";
    auto config = http_get(w.engine_url() + "/console/config.json");
    EXPECT_EQ(config.status, 200u);
    EXPECT_EQ(config.body, R"({"idp_origin":")" + base + "\"}");
    auto login = http_get(w.engine_url() + "/login?code=abc");
    EXPECT_NE(login.body.find(base + "/api/login/oauth/access_token"), std::string::npos)
        << login.body;
    auto discovery = http_get(w.idp_url() + "/.well-known/openid-configuration");
    ASSERT_EQ(discovery.status, 200u) << discovery.body;
    auto doc = core::parse_json(discovery.body);
    ASSERT_TRUE(doc && doc->is_object()) << discovery.body;
    const auto& o = doc->as_object();
    EXPECT_EQ(core::get_string(o, "issuer").value_or(""), base);
    EXPECT_EQ(core::get_string(o, "jwks_uri").value_or(""), base + "/.well-known/jwks");
    EXPECT_EQ(core::get_string(o, "authorization_endpoint").value_or(""),
              base + "/login/oauth/authorize");
    EXPECT_EQ(core::get_string(o, "token_endpoint").value_or(""),
              base + "/api/login/oauth/access_token");
    EXPECT_EQ(w.stop(SIGTERM), 0);
}

TEST(WardCommandTest, AnIdpOriginWithAQueryOrBadPathIsAStartError) {
    for (std::string bad :
         {"https://id.example.com/ward?x=1", "https://id.example.com/#top", "id.example.com/ward",
          "https://id.example.com/a//b", "https://id.example.com/a b"}) {
        auto r = run_ward({"up", "--idp-origin", bad});
        EXPECT_EQ(r.exit_status, 2) << bad << "\n" << r.err;
        EXPECT_NE(r.err.find("WARD_IDP_ORIGIN must be http(s)://host[:port] with an optional path "
                             "prefix"),
                  std::string::npos)
            << r.err;
        EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
    }
}

// The same relative redirect when WARD_WEB_DIR replaces the embedded pages (development).
TEST(WardCommandTest, ConsoleFromWardWebDirRedirectsRelativelyToo) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("ward-web-dir-" + std::to_string(free_port()));
    std::filesystem::create_directories(dir / "console");
    std::ofstream(dir / "console" / "index.html") << "<!doctype html><p>console from disk</p>";
    auto p = WardProcess::start(
        {.command = "engine",
         .env = {{"HASURA_GRAPHQL_ENABLE_CONSOLE", "true"}, {"WARD_WEB_DIR", dir.string()}}});
    ASSERT_TRUE(p) << p.error().to_string();
    auto& w = **p;
    auto redirect = http_get(w.engine_url() + "/console");
    EXPECT_EQ(redirect.status, 301u);
    EXPECT_EQ(redirect.headers.get_or("Location", ""), "console/");
    auto page = http_get(w.engine_url() + "/console/");
    EXPECT_EQ(page.status, 200u);
    EXPECT_NE(page.body.find("console from disk"), std::string::npos) << page.body;
    EXPECT_EQ(w.stop(SIGTERM), 0);
    std::filesystem::remove_all(dir);
}

TEST(WardCommandTest, FlagsBeatEnvironment) {
    std::uint16_t flag_port = free_port();
    auto p =
        WardProcess::start({.command = "idp",
                            .args = {"--idp-port", std::to_string(flag_port), "--data-dir", "d"},
                            .env = {{"WARD_IDP_PORT", std::to_string(free_port())}},
                            .wait_healthy = false});
    ASSERT_TRUE(p);
    auto& w = **p;
    bool ok = false;
    for (int i = 0; i < 200 && !ok; ++i) {
        ok = http_get("http://127.0.0.1:" + std::to_string(flag_port) + "/healthz").status == 200;
        if (!ok) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(ok) << w.stderr_text();
    EXPECT_TRUE(std::filesystem::is_directory(w.work_dir() + "/d"));
    EXPECT_EQ(w.stop(SIGINT), 0);
}

TEST(WardCommandTest, IdpAndEngineRunAlone) {
    auto idp = WardProcess::start({.command = "idp"});
    ASSERT_TRUE(idp) << idp.error().to_string();
    auto engine = WardProcess::start(
        {.command = "engine", .env = {{"HASURA_GRAPHQL_ENABLE_CONSOLE", "true"}}});
    ASSERT_TRUE(engine) << engine.error().to_string();
    EXPECT_EQ(http_get((*idp)->idp_url() + "/healthz").status, 200u);
    EXPECT_EQ(http_get((*engine)->engine_url() + "/healthz").status, 200u);
    // No JWT secret, so the engine knows no IdP: the console is told nothing.
    EXPECT_EQ(http_get((*engine)->engine_url() + "/console/").status, 200u);
    EXPECT_EQ(http_get((*engine)->engine_url() + "/console/config.json").status, 404u);
    EXPECT_EQ((*idp)->stop(SIGINT), 0);
    EXPECT_EQ((*engine)->stop(SIGTERM), 0);
}

TEST(WardCommandTest, PortInUseIsAStartError) {
    auto first = WardProcess::start({.command = "engine"});
    ASSERT_TRUE(first);
    auto clash = run_ward(
        {"engine"}, {{"HASURA_GRAPHQL_SERVER_PORT", std::to_string((*first)->engine_port())}});
    EXPECT_EQ(clash.exit_status, 1);
    EXPECT_NE(clash.err.find("cannot listen on"), std::string::npos) << clash.err;
    EXPECT_EQ((*first)->stop(SIGTERM), 0);
}

}  // namespace
}  // namespace ward::testing
