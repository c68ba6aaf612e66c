// The engine over HTTP on SQLite: the seed tutorial's steps, every metadata command family's
// success and Hasura error, bulk atomicity, resource_version conflicts, run_sql results and
// errors, access rules, auth errors and validation on /v1/graphql (H4 statuses too),
// introspection, /login escaping, /v1/version, /healthz, and two engines sharing one store.
#include <gtest/gtest.h>

#include <mutex>

#include "engine/server/service_fixture.hpp"
#include "http/test_support.hpp"
#include "jose/jwt.hpp"
#include "jose/key.hpp"

namespace ward::engine::server::testing {
namespace {

class EngineServiceTest : public ServiceFixture {
  protected:
    void SetUp() override {
        engine_ = &start(base_settings());
        ASSERT_TRUE(engine_->ok());
    }
    // The seed: users(id, username) with two rows, tracked, select permission for role user.
    void seed(Engine* e = nullptr) {
        Engine& engine = e ? *e : *engine_;
        auto r = run_sql(engine, "create table users(id text primary key, username text)");
        ASSERT_EQ(r.status, 200u) << r.body;
        r = run_sql(engine, "insert into users values ('u1', 'alice'), ('u2', 'bob')");
        ASSERT_EQ(r.status, 200u) << r.body;
        r = metadata(engine, R"({"type":"pg_track_table","args":{"table":"users"}})");
        ASSERT_EQ(r.status, 200u) << r.body;
        r = metadata(engine, R"({"type":"pg_create_select_permission","args":{"table":"users",
            "role":"user","permission":{"columns":["id","username"],
            "filter":{"id":{"_eq":"X-Hasura-User-Id"}}}}})");
        ASSERT_EQ(r.status, 200u) << r.body;
    }
    // A second engine in JWT mode (HS256 with kJwtKey, plus `extra` keys of the secret), with
    // its own data in a sub-folder.
    Engine& start_jwt(const std::string& name, const std::string& extra = "",
                      std::vector<std::string> cookie_origins = {}) {
        Settings s = base_settings();
        s.cookie_origins = std::move(cookie_origins);
        s.data_dir = (std::filesystem::path(s.data_dir) / name).string();
        s.auth.jwt_secret =
            std::string(R"({"type":"HS256","key":")") + std::string(kJwtKey) + "\"" + extra + "}";
        return start(s);
    }
    // An HS256 token for kJwtKey, valid for an hour, of user u1 with `default_role` (allowed:
    // it, user and admin) and the `extra` Hasura claims.
    static std::string jwt_for(std::string_view default_role, core::json::object extra = {}) {
        core::json::object ns{
            {"x-hasura-allowed-roles", core::json::array{"user", "admin", default_role}},
            {"x-hasura-default-role", default_role},
            {"x-hasura-user-id", "u1"}};
        for (auto& kv : extra) ns[kv.key()] = kv.value();
        const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        core::json::object claims{{"sub", "u1"},
                                  {"iat", now},
                                  {"exp", now + 3600},
                                  {"https://hasura.io/jwt/claims", std::move(ns)}};
        return jose::sign_jwt(claims, jose::Algorithm::kHS256,
                              *jose::Key::hmac_secret(std::string(kJwtKey)))
            .value();
    }
    static http::Headers as_user() {
        http::Headers h = admin();
        h.add("x-hasura-role", "user");
        h.add("x-hasura-user-id", "u1");
        return h;
    }
    Engine* engine_ = nullptr;
};

TEST_F(EngineServiceTest, SeedStepsOverHttp) {
    seed();
    auto r =
        run_sql(*engine_, "select id, username, null as nada, 1 as one from users order by id");
    ASSERT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(r.body, R"({"result_type":"TuplesOk","result":[["id","username","nada","one"],)"
                      R"(["u1","alice",null,"1"],["u2","bob",null,"1"]]})");

    auto exported = metadata(*engine_, R"({"type":"export_metadata","version":2,"args":{}})");
    ASSERT_EQ(exported.status, 200u) << exported.body;
    // Initial write (1), track (2), permission (3).
    EXPECT_EQ(str(exported.json.at("resource_version")), "3");
    const auto& source = exported.json.at("metadata").at("sources").at(0);
    EXPECT_EQ(str(source.at("name")), "\"default\"");
    EXPECT_EQ(str(source.at("kind")), "\"sqlite\"");
    const auto& table = source.at("tables").at(0);
    EXPECT_EQ(str(table.at("table")), R"({"name":"users","schema":"public"})");
    EXPECT_EQ(str(table.at("select_permissions").at(0).at("permission").at("filter")),
              R"({"id":{"_eq":"X-Hasura-User-Id"}})");

    // The role's schema now has the table: introspection as the user shows it.
    auto g = graphql(*engine_, R"({ __type(name: "users") { name } })", as_user());
    EXPECT_EQ(g.body, R"({"data":{"__type":{"name":"users"}}})");
}

TEST_F(EngineServiceTest, MetadataCommandErrors) {
    seed();
    auto r = metadata(*engine_, R"({"type":"pg_track_table","args":{"table":"users"}})");
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(str(r.json.at("code")), "\"already-tracked\"");
    EXPECT_EQ(str(r.json.at("error")), R"("view/table already tracked: \"users\"")");

    r = metadata(*engine_, R"({"type":"pg_track_table","args":{"table":"nope"}})");
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(str(r.json.at("code")), "\"not-exists\"") << r.body;

    r = metadata(*engine_, R"({"type":"pg_create_select_permission","args":{"table":"users",
        "role":"user","permission":{"columns":"*","filter":{}}}})");
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(str(r.json.at("code")), "\"already-exists\"");

    r = metadata(*engine_, R"({"type":"pg_create_select_permission","args":{"table":"users",
        "role":"other","permission":{"columns":["nope"],"filter":{}}}})");
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(str(r.json.at("code")), "\"invalid-configuration\"") << r.body;

    r = metadata(*engine_,
                 R"({"type":"pg_drop_select_permission","args":{"table":"users","role":"ghost"}})");
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(str(r.json.at("code")), "\"not-exists\"");

    r = metadata(*engine_, R"({"type":"no_such_command","args":{}})");
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(str(r.json.at("code")), "\"parse-failed\"");

    r = metadata(*engine_, R"({"type":)");
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(str(r.json.at("code")), "\"invalid-json\"");

    r = metadata(*engine_, R"([1,2])");
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(str(r.json.at("code")), "\"parse-failed\"");

    // Success paths of the other families.
    r = metadata(*engine_,
                 R"({"type":"pg_drop_select_permission","args":{"table":"users","role":"user"}})");
    EXPECT_EQ(r.body, R"({"message":"success"})");
    r = metadata(
        *engine_,
        R"({"type":"add_inherited_role","args":{"role_name":"both","role_set":["a","b"]}})");
    EXPECT_EQ(r.body, R"({"message":"success"})");
    r = metadata(*engine_, R"({"type":"get_inconsistent_metadata","args":{}})");
    EXPECT_EQ(r.body, R"({"is_consistent":true,"inconsistent_objects":[]})");
    r = metadata(*engine_, R"({"type":"reload_metadata","args":{}})");
    EXPECT_EQ(r.body, R"({"is_consistent":true,"message":"success"})");
    r = metadata(*engine_, R"({"type":"pg_untrack_table","args":{"table":"users"}})");
    EXPECT_EQ(r.body, R"({"message":"success"})");
    r = metadata(*engine_, R"({"type":"pg_untrack_table","args":{"table":"users"}})");
    EXPECT_EQ(str(r.json.at("code")), "\"already-untracked\"");
    r = metadata(*engine_, R"({"type":"clear_metadata","args":{}})");
    EXPECT_EQ(r.body, R"({"message":"success"})");
}

TEST_F(EngineServiceTest, BulkIsAllOrNothing) {
    ASSERT_EQ(run_sql(*engine_, "create table a(id int primary key)").status, 200u);
    auto r = metadata(*engine_, R"({"type":"bulk","args":[
        {"type":"pg_track_table","args":{"table":"a"}},
        {"type":"pg_track_table","args":{"table":"missing"}}]})");
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(str(r.json.at("path")), "\"$.args[1].args\"") << r.body;
    auto exported = metadata(*engine_, R"({"type":"export_metadata","args":{}})");
    const auto& src = exported.json.at("sources").at(0).as_object();
    // Nothing of the failed bulk stayed: no table is tracked.
    const auto* tables = src.if_contains("tables");
    EXPECT_TRUE(!tables || tables->as_array().empty()) << exported.body;

    r = metadata(*engine_, R"({"type":"bulk","args":[
        {"type":"pg_track_table","args":{"table":"a"}},
        {"type":"export_metadata","args":{}}]})");
    ASSERT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(str(r.json.at(0)), R"({"message":"success"})");
}

TEST_F(EngineServiceTest, ResourceVersionConflict) {
    auto v = metadata(*engine_, R"({"type":"export_metadata","version":2,"args":{}})");
    ASSERT_EQ(str(v.json.at("resource_version")), "1");
    ASSERT_EQ(run_sql(*engine_, "create table a(id int primary key)").status, 200u);
    auto r = metadata(*engine_,
                      R"({"type":"pg_track_table","resource_version":7,"args":{"table":"a"}})");
    EXPECT_EQ(r.status, 409u);
    EXPECT_EQ(
        r.body,
        R"({"path":"$","error":"metadata resource version referenced (7) did not match current version","code":"conflict"})");
    r = metadata(*engine_,
                 R"({"type":"pg_track_table","resource_version":1,"args":{"table":"a"}})");
    EXPECT_EQ(r.status, 200u) << r.body;
    r = metadata(*engine_,
                 R"({"type":"pg_untrack_table","resource_version":1,"args":{"table":"a"}})");
    EXPECT_EQ(r.status, 409u);
}

TEST_F(EngineServiceTest, RunSqlResultsAndErrors) {
    auto r = run_sql(*engine_,
                     "create table t(x int, b boolean, f real); insert into t values (1, 1, 1.5)");
    EXPECT_EQ(r.body, R"({"result_type":"CommandOk","result":null})");
    r = run_sql(*engine_, "select x, f from t");
    EXPECT_EQ(r.body, R"({"result_type":"TuplesOk","result":[["x","f"],["1","1.5"]]})");

    r = run_sql(*engine_, "SELEC 1");
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(str(r.json.at("code")), "\"postgres-error\"");
    EXPECT_EQ(str(r.json.at("error")), "\"query execution failed\"");
    EXPECT_EQ(str(r.json.at("internal").at("statement")), "\"SELEC 1\"");
    EXPECT_EQ(str(r.json.at("internal").at("error").at("status_code")), "\"42601\"");

    // Not admin: a role header with the admin secret, or a wrong secret.
    http::Headers user = admin();
    user.add("x-hasura-role", "user");
    r = run_sql(*engine_, "select 1", user);
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(
        r.body,
        R"({"path":"$.args","error":"restricted access : admin only","code":"access-denied"})");
    http::Headers wrong;
    wrong.add("x-hasura-admin-secret", "nope");
    r = run_sql(*engine_, "select 1", wrong);
    EXPECT_EQ(r.status, 401u);
    EXPECT_EQ(str(r.json.at("code")), "\"access-denied\"");
    r = metadata(*engine_, R"({"type":"export_metadata","args":{}})", user);
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(str(r.json.at("error")), "\"restricted access : admin only\"");

    // Shape errors.
    r = send(*engine_, "POST", "/v2/query", R"({"type":"run_sql","args":{}})", admin());
    EXPECT_EQ(str(r.json.at("code")), "\"parse-failed\"");
    r = send(*engine_, "POST", "/v2/query",
             R"({"type":"run_sql","args":{"sql":"select 1","source":"x"}})", admin());
    EXPECT_EQ(str(r.json.at("code")), "\"not-exists\"");
    r = send(*engine_, "POST", "/v2/query", R"({"type":"drop_everything","args":{}})", admin());
    EXPECT_EQ(r.status, 400u);
    r = send(*engine_, "POST", "/v2/query", R"(nonsense)", admin());
    EXPECT_EQ(str(r.json.at("code")), "\"invalid-json\"");
}

TEST_F(EngineServiceTest, GraphqlAuthErrors) {
    auto r = graphql(*engine_, "{ __typename }", {});
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(
        r.body,
        R"({"errors":[{"extensions":{"path":"$","code":"access-denied"},"message":"x-hasura-admin-secret/x-hasura-access-key required, but not found"}]})");
    http::Headers wrong;
    wrong.add("x-hasura-admin-secret", "nope");
    r = graphql(*engine_, "{ __typename }", wrong);
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(str(r.json.at("errors").at(0).at("message")),
              "\"invalid x-hasura-admin-secret/x-hasura-access-key\"");
    // The deprecated endpoint carries the error's status.
    r = graphql(*engine_, "{ __typename }", wrong, "/v1alpha1/graphql");
    EXPECT_EQ(r.status, 401u);
}

TEST_F(EngineServiceTest, GraphqlBadJwt) {
    Engine& jwt = start_jwt("jwt");
    ASSERT_TRUE(jwt.ok());
    http::Headers h;
    h.add("Authorization", "Bearer not.a.jwt");
    auto r = graphql(jwt, "{ __typename }", h);
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(str(r.json.at("errors").at(0).at("extensions").at("code")), "\"invalid-jwt\"")
        << r.body;
    http::Headers malformed;
    malformed.add("Authorization", "Token abc");
    r = graphql(jwt, "{ __typename }", malformed);
    EXPECT_EQ(str(r.json.at("errors").at(0).at("extensions").at("code")), "\"invalid-headers\"");
    r = graphql(jwt, "{ __typename }", {});
    EXPECT_EQ(str(r.json.at("errors").at(0).at("message")),
              "\"Missing 'Authorization' or 'Cookie' header in JWT authentication mode\"");
}

// H3's cookie place: a browser attaches the cookie to requests other sites make (form POSTs,
// links), so a JWT read from a cookie is accepted only on a POST sent as application/json, on
// every endpoint; anything else is refused before it runs.
TEST_F(EngineServiceTest, CookieTokenOnlyOnJsonPost) {
    Engine& e = start_jwt("cookie",
                          R"(,"header":[{"type":"Authorization"},{"type":"Cookie","name":"jwt"}])",
                          {"*", "https://app.example.com", "https://*.example.org"});
    ASSERT_TRUE(e.ok());
    seed(&e);
    auto r = metadata(e, R"({"type":"pg_create_insert_permission","args":{"table":"users",
        "role":"user","permission":{"columns":["id","username"],"check":{}}}})");
    ASSERT_EQ(r.status, 200u) << r.body;

    auto token = [](std::string_view role) { return jwt_for(role); };
    http::Headers cookie;
    cookie.add("Cookie", "theme=dark; jwt=" + token("user"));
    http::Headers bearer;
    bearer.add("Authorization", "Bearer " + token("user"));
    const std::string query = R"({"query":"{ users { username } }"})";
    const std::string alice = R"({"data":{"users":[{"username":"alice"}]}})";
    const std::string rule =
        "the JWT was read from a cookie, which is accepted only on a POST request with "
        "Content-Type: application/json";
    auto user_count = [&] { return run_sql(e, "select count(*) from users").body; };
    const std::string two_users = R"x({"result_type":"TuplesOk","result":[["count(*)"],["2"]]})x";
    ASSERT_EQ(user_count(), two_users);

    // The JSON POST a page of the same site (or any non-browser client) sends works.
    for (const char* type : {"application/json", "Application/JSON; charset=utf-8"}) {
        r = send_as(e, "POST", "/v1/graphql", query, cookie, type);
        EXPECT_EQ(r.body, alice) << type;
    }

    // A cross-site form POST: refused with Hasura's envelope, and the mutation does not run.
    const std::string mutation =
        R"({"query":"mutation { insert_users_one(object: {id: \"u3\", username: \"eve\"}) { id } }"})";
    r = send_as(e, "POST", "/v1/graphql", mutation, cookie, "application/x-www-form-urlencoded");
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(r.body, R"({"errors":[{"extensions":{"path":"$","code":"invalid-headers"},)"
                      R"("message":")" +
                          rule +
                          R"x( (this request sent \"application/x-www-form-urlencoded\")"}]})x");
    // The GraphQL-over-HTTP status for a client that asks for it.
    http::Headers cookie_spec = cookie;
    cookie_spec.add("Accept", "application/graphql-response+json");
    r = send_as(e, "POST", "/v1/graphql", mutation, cookie_spec,
                "application/x-www-form-urlencoded");
    EXPECT_EQ(r.status, 400u) << r.body;
    // The other form encodings never reach authentication (415), so nothing runs either.
    for (const char* type : {"text/plain", "multipart/form-data; boundary=x"}) {
        r = send_as(e, "POST", "/v1/graphql", mutation, cookie, type);
        EXPECT_EQ(r.status, 415u) << type;
    }
    EXPECT_EQ(user_count(), two_users);

    // A GET (a link, an image, a form with method=get): refused, even for a query.
    const std::string get_path = "/v1/graphql?query=%7B%20users%20%7B%20username%20%7D%20%7D";
    r = send_as(e, "GET", get_path, "", cookie, std::nullopt);
    EXPECT_EQ(str(r.json.at("errors").at(0).at("extensions").at("code")), "\"invalid-headers\"")
        << r.body;
    EXPECT_EQ(str(r.json.at("errors").at(0).at("message")),
              "\"" + rule + " (this request is a GET)\"");
    // The rule is about cookies: the same GET and form POST with an Authorization header work.
    r = send_as(e, "GET", get_path, "", bearer, std::nullopt);
    EXPECT_EQ(r.body, alice);
    r = send_as(e, "POST", "/v1/graphql", query, bearer, "application/x-www-form-urlencoded");
    EXPECT_EQ(r.body, alice);
    // When Authorization comes first in `header` and is present, the cookie is not the token.
    http::Headers both = bearer;
    both.add("Cookie", "jwt=" + token("user"));
    r = send_as(e, "GET", get_path, "", both, std::nullopt);
    EXPECT_EQ(r.body, alice);

    // A JSON POST from a browser page carries Origin: with the cookie, only the engine's own
    // origin and those listed in HASURA_GRAPHQL_CORS_DOMAIN are accepted ("*" does not count),
    // since the default CORS answer lets any page send a JSON POST after a preflight.
    auto with_origin = [&](const std::string& origin) {
        http::Headers h = cookie;
        h.add("Origin", origin);
        return h;
    };
    for (const std::string& origin : {e.url(""), std::string("https://app.example.com"),
                                      std::string("https://shop.example.org")}) {
        r = send_as(e, "POST", "/v1/graphql", query, with_origin(origin), "application/json");
        EXPECT_EQ(r.body, alice) << origin;
    }
    for (const std::string origin :
         {"https://evil.example", "http://127.0.0.1:1", "https://example.org", "null"}) {
        r = send_as(e, "POST", "/v1/graphql", mutation, with_origin(origin), "application/json");
        EXPECT_EQ(str(r.json.at("errors").at(0).at("extensions").at("code")), "\"invalid-headers\"")
            << origin << r.body;
        EXPECT_EQ(str(r.json.at("errors").at(0).at("message")),
                  "\"the JWT was read from a cookie, which is accepted only from the engine's own "
                  "origin or one listed in HASURA_GRAPHQL_CORS_DOMAIN (this request came from "
                  "\\\"" +
                      origin + "\\\")\"")
            << origin;
    }
    // A token in the Authorization header is what cross-origin pages use: not affected.
    http::Headers bearer_evil = bearer;
    bearer_evil.add("Origin", "https://evil.example");
    r = send_as(e, "POST", "/v1/graphql", query, bearer_evil, "application/json");
    EXPECT_EQ(r.body, alice);
    EXPECT_EQ(user_count(), two_users);

    // The metadata and run_sql endpoints follow the same rule: an admin's cookie cannot be used
    // by a text/plain form to drop a table.
    http::Headers admin_cookie;
    admin_cookie.add("Cookie", "jwt=" + token("admin"));
    const std::string drop = R"({"type":"run_sql","args":{"sql":"drop table users"}})";
    r = send_as(e, "POST", "/v2/query", drop, admin_cookie, "text/plain");
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(r.body, R"({"path":"$","error":")" + rule +
                          R"x( (this request sent \"text/plain\")","code":"invalid-headers"})x");
    r = send_as(e, "POST", "/v1/metadata",
                R"({"type":"pg_untrack_table","args":{"table":"users"}})", admin_cookie,
                std::nullopt);
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(str(r.json.at("error")), "\"" + rule + " (this request sent none)\"");
    r = send_as(e, "POST", "/v1/graphql/explain", R"({"query":{"query":"{ users { id } }"}})",
                admin_cookie, "text/plain");
    EXPECT_EQ(r.status, 400u) << r.body;
    EXPECT_EQ(user_count(), two_users);
    auto exported = metadata(e, R"({"type":"export_metadata","version":2,"args":{}})");
    EXPECT_EQ(exported.json.at("metadata").at("sources").at(0).at("tables").as_array().size(), 1u);
    // As JSON, the admin's cookie works there too.
    r = send_as(e, "POST", "/v2/query", R"({"type":"run_sql","args":{"sql":"select 1"}})",
                admin_cookie, "application/json");
    EXPECT_EQ(r.status, 200u) << r.body;
}

// Webhook mode (HASURA_GRAPHQL_AUTH_HOOK) forwards the client's headers to the hook, which may
// read a session cookie from them: the same risk as a JWT read from a cookie (H3). So the hook
// sees the client's cookies only on a JSON POST without Origin or from the engine's own origin
// or one listed in HASURA_GRAPHQL_CORS_DOMAIN; on other requests the Cookie header is not
// forwarded (the other headers are). A real hook server records what each call received.
TEST_F(EngineServiceTest, WebhookSeesCookiesOnlyUnderTheCookieRule) {
    struct Seen {
        std::string cookie;
        std::string authorization;
    };
    std::mutex mu;
    std::vector<Seen> seen;
    // The hook signs in the holder of session=s1 or of "Bearer tok", and refuses anyone else.
    auto answer = [&](Seen got) {
        const bool ok =
            got.cookie.find("session=s1") != std::string::npos || got.authorization == "Bearer tok";
        {
            std::lock_guard lock(mu);
            seen.push_back(std::move(got));
        }
        return ok ? http::Response::json(200, R"({"x-hasura-role":"user","x-hasura-user-id":"u1"})")
                  : http::Response::json(401, "{}");
    };
    http::Router router;
    router.get("/hook", [&](http::Request& req) -> boost::asio::awaitable<http::Response> {
        co_return answer(Seen{std::string(req.header("Cookie").value_or("")),
                              std::string(req.header("Authorization").value_or(""))});
    });
    router.post("/hook", [&](http::Request& req) -> boost::asio::awaitable<http::Response> {
        Seen got;
        auto body = core::parse_json(req.body());
        const core::json::object* headers = nullptr;
        if (body && body->is_object()) {
            if (const auto* h = body->as_object().if_contains("headers"); h && h->is_object()) {
                headers = &h->get_object();
            }
        }
        if (headers == nullptr) co_return http::Response::json(500, "{}");
        for (const auto& [name, value] : *headers) {
            std::string lower(name);
            for (char& c : lower)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (!value.is_string()) continue;
            if (lower == "cookie") got.cookie = std::string(value.get_string());
            if (lower == "authorization") got.authorization = std::string(value.get_string());
        }
        co_return answer(std::move(got));
    });
    http::test::TestServer hook(std::move(router));

    const std::string query = R"({"query":"{ users { username } }"})";
    const std::string alice = R"({"data":{"users":[{"username":"alice"}]}})";
    const std::string get_path = "/v1/graphql?query=%7B%20users%20%7B%20username%20%7D%20%7D";
    const std::string denied = R"({"errors":[{"extensions":{"path":"$","code":"access-denied"},)"
                               R"("message":"Authentication hook unauthorized this request"}]})";
    for (const char* mode : {"GET", "POST"}) {
        SCOPED_TRACE(mode);
        Settings s = base_settings();
        s.data_dir = (std::filesystem::path(s.data_dir) / (std::string("hook_") + mode)).string();
        s.auth.auth_hook = hook.url("/hook");
        s.auth.auth_hook_mode = mode;
        s.cookie_origins = {"*", "https://app.example.com"};
        Engine& e = start(s);
        ASSERT_TRUE(e.ok());
        seed(&e);
        // What the hook received on the call the request `send` makes.
        auto received = [&](const std::function<Reply()>& send, const std::string& expected) {
            {
                std::lock_guard lock(mu);
                seen.clear();
            }
            Reply r = send();
            EXPECT_EQ(r.body, expected);
            std::lock_guard lock(mu);
            EXPECT_EQ(seen.size(), 1u) << r.body;
            return seen.empty() ? Seen{"<no call>", "<no call>"} : seen.back();
        };
        auto cookie = [](const std::string& origin = "") {
            http::Headers h;
            h.add("Cookie", "theme=dark; session=s1");
            if (!origin.empty()) h.add("Origin", origin);
            return h;
        };

        // A JSON POST without Origin (a server, curl), or from the engine's own page or a listed
        // origin: the cookies reach the hook, which signs the user in.
        for (const std::string& origin :
             {std::string(), e.url(""), std::string("https://app.example.com")}) {
            Seen got = received(
                [&] {
                    return send_as(e, "POST", "/v1/graphql", query, cookie(origin),
                                   "application/json");
                },
                alice);
            EXPECT_EQ(got.cookie, "theme=dark; session=s1") << origin;
        }
        // Another site's page (its JSON POST passes CORS "*"), a cross-site form POST and a
        // GET link: the hook is still called, without the cookies, and refuses.
        Seen got = received(
            [&] {
                return send_as(e, "POST", "/v1/graphql", query, cookie("https://evil.example"),
                               "application/json");
            },
            denied);
        EXPECT_EQ(got.cookie, "");
        got = received(
            [&] {
                return send_as(e, "POST", "/v1/graphql", query, cookie(),
                               "application/x-www-form-urlencoded");
            },
            denied);
        EXPECT_EQ(got.cookie, "");
        got = received([&] { return send_as(e, "GET", get_path, "", cookie(), std::nullopt); },
                       denied);
        EXPECT_EQ(got.cookie, "");
        // Only the Cookie header is held back: an Authorization header on the same GET goes
        // through and signs the user in.
        http::Headers both = cookie();
        both.add("Authorization", "Bearer tok");
        got = received([&] { return send_as(e, "GET", get_path, "", both, std::nullopt); }, alice);
        EXPECT_EQ(got.cookie, "");
        EXPECT_EQ(got.authorization, "Bearer tok");
        // The metadata API follows the same rule: a cross-site form cannot reach the hook with
        // the admin's cookies.
        got = received(
            [&] {
                return send_as(e, "POST", "/v1/metadata", R"({"type":"export_metadata","args":{}})",
                               cookie(), "text/plain");
            },
            R"({"path":"$","error":"Authentication hook unauthorized this request","code":"access-denied"})");
        EXPECT_EQ(got.cookie, "");
    }
}

// backend_only insert permissions (spec/hasura.md §2.1): the insert fields exist only for an
// admin-secret request acting as the role with x-hasura-use-backend-only-permissions: true.
TEST_F(EngineServiceTest, BackendOnlyInsertPermission) {
    Engine& e = start_jwt("backend");
    ASSERT_TRUE(e.ok());
    seed(&e);
    // `user` also has a frontend update (so its mutation_root exists without the header);
    // `service` has nothing but the backend-only insert.
    auto r = metadata(e, R"({"type":"bulk","args":[
        {"type":"pg_create_insert_permission","args":{"table":"users","role":"user",
          "permission":{"columns":["id","username"],"check":{},"backend_only":true}}},
        {"type":"pg_create_update_permission","args":{"table":"users","role":"user",
          "permission":{"columns":["username"],"filter":{"id":{"_eq":"X-Hasura-User-Id"}}}}},
        {"type":"pg_create_insert_permission","args":{"table":"users","role":"service",
          "permission":{"columns":["id","username"],"check":{},"backend_only":true}}}]})");
    ASSERT_EQ(r.status, 200u) << r.body;

    const std::string insert =
        R"(mutation { insert_users(objects: [{id: "u3", username: "carol"}]) { affected_rows } })";
    const std::string mutation_fields = R"({ __type(name: "mutation_root") { fields { name } } })";
    auto as = [](std::string role, std::optional<std::string> backend) {
        http::Headers h = admin();
        h.add("x-hasura-role", role);
        h.add("x-hasura-user-id", "u1");
        if (backend) h.add("x-hasura-use-backend-only-permissions", *backend);
        return h;
    };

    // Without the header, or with one of Hasura's false values (any case): the field is absent.
    for (const auto& backend :
         {std::optional<std::string>(), std::optional<std::string>("false"),
          std::optional<std::string>("False"), std::optional<std::string>("F"),
          std::optional<std::string>("no"), std::optional<std::string>("N")}) {
        r = graphql(e, insert, as("user", backend));
        EXPECT_EQ(
            r.body,
            R"({"errors":[{"extensions":{"path":"$.selectionSet.insert_users","code":"validation-failed"},)"
            R"("message":"field 'insert_users' not found in type: 'mutation_root'"}]})")
            << backend.value_or("(none)");
        r = graphql(e, mutation_fields, as("user", backend));
        EXPECT_EQ(
            r.body,
            R"({"data":{"__type":{"fields":[{"name":"update_users"},{"name":"update_users_by_pk"},)"
            R"({"name":"update_users_many"}]}}})")
            << backend.value_or("(none)");
        // A role whose only mutation is backend-only has no mutation root at all.
        r = graphql(e, insert, as("service", backend));
        EXPECT_EQ(r.body, R"({"errors":[{"extensions":{"path":"$","code":"validation-failed"},)"
                          R"("message":"no mutations exist"}]})")
            << backend.value_or("(none)");
    }

    // Any other value, from an admin-secret request, is Hasura's bad-request on every endpoint,
    // before anything runs.
    const std::string not_boolean =
        R"(x-hasura-use-backend-only-permissions:  Not a valid boolean text. True values are )"
        R"([\"true\",\"t\",\"yes\",\"y\"] and  False values are [\"false\",\"f\",\"no\",\"n\"]. )"
        R"(All values are case insensitive)";
    for (const char* value : {"yes please", "1", "on", "truee"}) {
        r = graphql(e, insert, as("user", value));
        EXPECT_EQ(r.status, 200u);
        EXPECT_EQ(r.body, R"({"errors":[{"extensions":{"path":"$","code":"bad-request"},)"
                          R"("message":")" +
                              not_boolean + R"("}]})")
            << value;
    }
    http::Headers bad_admin = admin();
    bad_admin.add("x-hasura-use-backend-only-permissions", "maybe");
    r = metadata(e, R"({"type":"export_metadata","args":{}})", bad_admin);
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(r.body, R"({"path":"$","error":")" + not_boolean + R"(","code":"bad-request"})");
    r = run_sql(e, "select id from users order by id");
    EXPECT_EQ(r.body, R"({"result_type":"TuplesOk","result":[["id"],["u1"],["u2"]]})");

    // A JWT session cannot ask for backend-only permissions, by header (any true spelling; its
    // value is not even read, so a malformed one is no error) or by claim.
    for (const char* value : {"true", "TRUE", "yes", "maybe"}) {
        http::Headers jwt_header;
        jwt_header.add("Authorization", "Bearer " + jwt_for("user"));
        jwt_header.add("x-hasura-use-backend-only-permissions", value);
        r = graphql(e, insert, jwt_header);
        EXPECT_EQ(str(r.json.at("errors").at(0).at("message")),
                  "\"field 'insert_users' not found in type: 'mutation_root'\"")
            << value << r.body;
    }
    http::Headers jwt_claim;
    jwt_claim.add(
        "Authorization",
        "Bearer " + jwt_for("service", {{"x-hasura-use-backend-only-permissions", "true"}}));
    r = graphql(e, insert, jwt_claim);
    EXPECT_EQ(str(r.json.at("errors").at(0).at("message")), "\"no mutations exist\"") << r.body;

    // Admin secret + role + header: the insert is there and runs.
    r = graphql(e, mutation_fields, as("user", "true"));
    EXPECT_EQ(
        r.body,
        R"({"data":{"__type":{"fields":[{"name":"insert_users"},{"name":"insert_users_one"},)"
        R"({"name":"update_users"},{"name":"update_users_by_pk"},{"name":"update_users_many"}]}}})");
    r = graphql(e, insert, as("user", "true"));
    EXPECT_EQ(r.body, R"({"data":{"insert_users":{"affected_rows":1}}})");
    r = graphql(e, R"(mutation { insert_users_one(object: {id: "u4", username: "dan"}) { id } })",
                as("service", "true"));
    // `service` may not select, so insert_users_one (which returns the row) is not generated.
    EXPECT_EQ(str(r.json.at("errors").at(0).at("message")),
              "\"field 'insert_users_one' not found in type: 'mutation_root'\"")
        << r.body;
    r = graphql(
        e, R"(mutation { insert_users(objects: [{id: "u4", username: "dan"}]) { affected_rows } })",
        as("service", "true"));
    EXPECT_EQ(r.body, R"({"data":{"insert_users":{"affected_rows":1}}})");
    // Hasura's other true spellings, in any case.
    int n = 5;
    for (const char* value : {"TRUE", "True", "t", "T", "yes", "YES", "y", "Y"}) {
        const std::string id = "u" + std::to_string(n++);
        r = graphql(e,
                    R"(mutation { insert_users(objects: [{id: ")" + id +
                        R"(", username: "x"}]) { affected_rows } })",
                    as("service", value));
        EXPECT_EQ(r.body, R"({"data":{"insert_users":{"affected_rows":1}}})") << value;
    }
    r = run_sql(e, "select count(*) from users");
    EXPECT_EQ(r.body, R"x({"result_type":"TuplesOk","result":[["count(*)"],["12"]]})x");
}

TEST_F(EngineServiceTest, GraphqlValidationAndIntrospection) {
    seed();
    auto r = graphql(*engine_, "{ __typename }");
    EXPECT_EQ(r.body, R"({"data":{"__typename":"query_root"}})");
    r = graphql(*engine_, "{ nope }", as_user());
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(
        r.body,
        R"({"errors":[{"extensions":{"path":"$.selectionSet.nope","code":"validation-failed"},"message":"field 'nope' not found in type: 'query_root'"}]})");
    r = graphql(*engine_, "{ users { email } }", as_user());
    EXPECT_EQ(str(r.json.at("errors").at(0).at("message")),
              "\"field 'email' not found in type: 'users'\"");
    EXPECT_EQ(str(r.json.at("errors").at(0).at("extensions").at("path")),
              "\"$.selectionSet.users.selectionSet.email\"");
    r = graphql(*engine_, "{ users { ", as_user());
    EXPECT_EQ(
        r.body,
        R"({"errors":[{"extensions":{"path":"$.query","code":"validation-failed"},"message":"not a valid graphql query"}]})");

    // H4: the GraphQL-over-HTTP media type gets the spec's status codes and content type.
    http::Headers h4 = as_user();
    h4.add("Accept", "application/graphql-response+json");
    r = graphql(*engine_, "{ users { ", h4);
    EXPECT_EQ(r.status, 400u);
    EXPECT_NE(r.content_type.find("application/graphql-response+json"), std::string::npos);
    r = graphql(*engine_, "{ __typename }", h4);
    EXPECT_EQ(r.status, 200u);

    // Request shape errors.
    r = send(*engine_, "POST", "/v1/graphql", R"({"variables":{}})", admin());
    EXPECT_EQ(str(r.json.at("errors").at(0).at("extensions").at("code")), "\"parse-failed\"");
    r = send(*engine_, "POST", "/v1/graphql", R"({"query":"{__typename}","variables":3})", admin());
    EXPECT_EQ(str(r.json.at("errors").at(0).at("extensions").at("code")), "\"parse-failed\"");
    r = send(*engine_, "POST", "/v1/graphql", "{", admin());
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(str(r.json.at("errors").at(0).at("extensions").at("code")), "\"invalid-json\"");

    // A batch gets an array.
    r = send(*engine_, "POST", "/v1/graphql",
             R"([{"query":"{ __typename }"},{"query":"{ nope }"}])", admin());
    ASSERT_TRUE(r.json.is_array()) << r.body;
    EXPECT_EQ(str(r.json.at(0)), R"({"data":{"__typename":"query_root"}})");
    EXPECT_TRUE(r.json.at(1).as_object().contains("errors"));

    // GET with query parameters; mutations are refused there.
    r = send(*engine_, "GET", "/v1/graphql?query=%7B__typename%7D", "", admin());
    EXPECT_EQ(r.body, R"({"data":{"__typename":"query_root"}})");
    http::Headers h4admin = admin();
    h4admin.add("Accept", "application/graphql-response+json");
    r = send(*engine_, "GET", "/v1/graphql?query=mutation%7B__typename%7D", "", h4admin);
    EXPECT_EQ(r.status, 405u) << r.body;
    r = send(*engine_, "GET", "/v1/graphql?query=%7B__typename%7D&variables=%7Bx", "", admin());
    EXPECT_EQ(str(r.json.at("errors").at(0).at("extensions").at("code")), "\"invalid-json\"");
}

// GraphQL-over-HTTP spec, "Media Types" and "Status Codes": a POST that is not a well-formed
// GraphQL-over-HTTP request (no Content-Type, a type whose body is not read as JSON, a body that
// is not JSON) gets a 4xx whatever the client accepts; graphql-http audits 9ABE, BCF8, B7N8, A5BF.
// Hasura's error envelope is kept, and a well-formed request keeps Hasura's 200 (H4).
TEST_F(EngineServiceTest, GraphqlRequestsThatAreNotWellFormedGet4xx) {
    seed();
    const std::string query = R"({"query":"{ users { username } }"})";
    const std::string ok = R"({"data":{"users":[{"username":"alice"}]}})";
    http::Headers accept_json = as_user();
    accept_json.add("Accept", "application/json");
    http::Headers accept_spec = as_user();
    accept_spec.add("Accept", "application/graphql-response+json");

    // No Content-Type: 415, Hasura's envelope, in the media type the client asked for.
    auto r = send_as(*engine_, "POST", "/v1/graphql", query, accept_json, std::nullopt);
    EXPECT_EQ(r.status, 415u) << r.body;
    EXPECT_EQ(
        r.body,
        R"({"errors":[{"extensions":{"path":"$","code":"bad-request"},"message":"missing Content-Type: the request body must be JSON sent as application/json"}]})");
    EXPECT_NE(r.content_type.find("application/json"), std::string::npos);
    r = send_as(*engine_, "POST", "/v1/graphql", query, accept_spec, std::nullopt);
    EXPECT_EQ(r.status, 415u) << r.body;
    EXPECT_NE(r.content_type.find("application/graphql-response+json"), std::string::npos);
    // What fetch() sends for a string body without a Content-Type, and other non-JSON types.
    for (const char* type : {"text/plain;charset=UTF-8", "multipart/form-data; boundary=x",
                             "application/graphql", "text/json"}) {
        r = send_as(*engine_, "POST", "/v1/graphql", query, as_user(), type);
        EXPECT_EQ(r.status, 415u) << type;
        EXPECT_EQ(str(r.json.at("errors").at(0).at("message")),
                  "\"unsupported Content-Type \\\"" + std::string(type) +
                      "\\\": the request body must be JSON sent as application/json\"")
            << type;
    }
    r = send_as(*engine_, "POST", "/v1alpha1/graphql", query, as_user(), std::nullopt);
    EXPECT_EQ(r.status, 415u) << r.body;

    // application/json in any spelling, and `curl -d`'s form type (Hasura reads it as JSON).
    for (const char* type :
         {"application/json", "Application/JSON; charset=utf-8", " application/json ;charset=UTF-8",
          "application/x-www-form-urlencoded"}) {
        r = send_as(*engine_, "POST", "/v1/graphql", query, accept_json, type);
        EXPECT_EQ(r.status, 200u) << type;
        EXPECT_EQ(r.body, ok) << type;
    }

    // A body that is not JSON, or none: 400 with Hasura's invalid-json, under either media type.
    for (const http::Headers& h : {as_user(), accept_json, accept_spec}) {
        r = send_as(*engine_, "POST", "/v1/graphql", R"({ "not a JSON)", h, "application/json");
        EXPECT_EQ(r.status, 400u) << r.body;
        EXPECT_EQ(str(r.json.at("errors").at(0).at("extensions").at("code")), "\"invalid-json\"");
        r = send_as(*engine_, "POST", "/v1/graphql", "", h, "application/json");
        EXPECT_EQ(r.status, 400u) << r.body;
        EXPECT_EQ(str(r.json.at("errors").at(0).at("extensions").at("code")), "\"invalid-json\"");
    }
    r = send_as(*engine_, "POST", "/v1alpha1/graphql", "[", as_user(), "application/json");
    EXPECT_EQ(r.status, 400u) << r.body;

    // A well-formed request keeps Hasura's 200 for GraphQL errors unless the client asks for
    // application/graphql-response+json (H4).
    r = send(*engine_, "POST", "/v1/graphql", R"({"query":"{ users { email } }"})", accept_json);
    EXPECT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(str(r.json.at("errors").at(0).at("extensions").at("code")), "\"validation-failed\"");
    r = send(*engine_, "POST", "/v1/graphql", R"({"query":"{ users { email } }"})", accept_spec);
    EXPECT_EQ(r.status, 400u) << r.body;
    r = send(*engine_, "POST", "/v1/graphql", R"({"notquery":"{ users { id } }"})", accept_json);
    EXPECT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(str(r.json.at("errors").at(0).at("extensions").at("code")), "\"parse-failed\"");
    r = send(*engine_, "POST", "/v1/graphql", R"({"notquery":"{ users { id } }"})", accept_spec);
    EXPECT_EQ(r.status, 400u) << r.body;
}

TEST_F(EngineServiceTest, PublicEndpoints) {
    auto r = send(*engine_, "GET", "/v1/version", "", {});
    EXPECT_EQ(r.status, 200u);
    EXPECT_TRUE(r.json.as_object().contains("version"));
    r = send(*engine_, "GET", "/healthz", "", {});
    EXPECT_EQ(r.body, "OK");
    r = send(*engine_, "GET", "/no/such/path", "", {});
    EXPECT_EQ(r.status, 404u);
    EXPECT_EQ(r.body, R"({"path":"$","error":"resource does not exist","code":"not-found"})");

    r = send(*engine_, "GET", "/login?code=abc123&state=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "",
             {});
    EXPECT_EQ(r.status, 200u);
    EXPECT_NE(r.content_type.find("text/html"), std::string::npos);
    EXPECT_EQ(r.body.find("<script>"), std::string::npos);
    EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(r.body.find("abc123"), std::string::npos);
    EXPECT_NE(r.body.find("/api/login/oauth/access_token"), std::string::npos);
    r = send(*engine_, "GET", "/login?error=%22%3E%3Cimg%20src%3Dx%3E", "", {});
    EXPECT_EQ(r.body.find("<img"), std::string::npos);
    EXPECT_NE(r.body.find("&quot;&gt;&lt;img"), std::string::npos);
    r = send(*engine_, "GET", "/login", "", {});
    EXPECT_EQ(r.status, 200u);

    r = send(*engine_, "POST", "/v1/graphql/explain", R"({"query":{"query":"{__typename}"}})", {});
    EXPECT_EQ(str(r.json.at("code")), "\"access-denied\"");
}

TEST_F(EngineServiceTest, HealthzWarnsOnInconsistentMetadata) {
    ASSERT_EQ(run_sql(*engine_, "create table gone(id int primary key)").status, 200u);
    ASSERT_EQ(metadata(*engine_, R"({"type":"pg_track_table","args":{"table":"gone"}})").status,
              200u);
    ASSERT_EQ(run_sql(*engine_, "drop table gone").status, 200u);
    auto r = send(*engine_, "GET", "/healthz", "", {});
    EXPECT_EQ(r.body, "WARN: inconsistent objects in schema");
    r = metadata(*engine_, R"({"type":"get_inconsistent_metadata","args":{}})");
    EXPECT_EQ(str(r.json.at("is_consistent")), "false");
}

TEST_F(EngineServiceTest, TwoEnginesShareOneMetadataStore) {
    Engine& second = start(base_settings());  // same data folder: same SQLite files
    ASSERT_TRUE(second.ok());
    ASSERT_EQ(run_sql(*engine_, "create table shared(id int primary key)").status, 200u);
    ASSERT_EQ(metadata(*engine_, R"({"type":"pg_track_table","args":{"table":"shared"}})").status,
              200u);
    // The second engine picks the change up through sync (the poll runs the same step).
    auto synced = second.run([&]() { return second.service().sync_once(); });
    ASSERT_TRUE(synced) << synced.error().to_string();
    auto st = second.service().state();
    ASSERT_EQ(st->resource_version, 2);
    ASSERT_NE(st->metadata.find_source("default"), nullptr);
    EXPECT_EQ(st->metadata.find_source("default")->tables.size(), 1u);
    // A write on the second engine based on its (now current) version succeeds; the first
    // engine's stale state is refreshed transparently on its next write.
    auto r = metadata(second, R"({"type":"pg_untrack_table","args":{"table":"shared"}})");
    EXPECT_EQ(r.status, 200u) << r.body;
    r = metadata(*engine_, R"({"type":"pg_track_table","args":{"table":"shared"}})");
    EXPECT_EQ(r.status, 200u) << r.body;
    auto exported = metadata(second, R"({"type":"export_metadata","version":2,"args":{}})");
    (void)second.run([&]() { return second.service().sync_once(); });
    exported = metadata(second, R"({"type":"export_metadata","version":2,"args":{}})");
    EXPECT_EQ(str(exported.json.at("resource_version")), "4");
}

TEST_F(EngineServiceTest, PollPicksUpChangesWithoutBeingAsked) {
    Engine& second = start(base_settings());
    ASSERT_TRUE(second.ok());
    second.service().start_sync();
    ASSERT_EQ(run_sql(*engine_, "create table polled(id int primary key)").status, 200u);
    ASSERT_EQ(metadata(*engine_, R"({"type":"pg_track_table","args":{"table":"polled"}})").status,
              200u);
    bool seen = false;
    for (int i = 0; i < 200 && !seen; ++i) {
        seen = second.service().state()->resource_version == 2;
        if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(seen);
}

TEST(EngineServiceLoginTest, TheIdpOriginOfAJwkUrlKeepsItsPathPrefix) {
    EXPECT_EQ(idp_origin_from_jwk_url("http://idp:8000/.well-known/jwks"), "http://idp:8000");
    EXPECT_EQ(idp_origin_from_jwk_url("https://x.example/ward/idp/.well-known/jwks"),
              "https://x.example/ward/idp");
    EXPECT_EQ(idp_origin_from_jwk_url("https://keys.example/jwks.json"), "https://keys.example");
    EXPECT_EQ(idp_origin_from_jwk_url("https://keys.example"), "https://keys.example");
    EXPECT_EQ(idp_origin_from_jwk_url("no scheme/.well-known/jwks"), "");
}

TEST(EngineServiceLoginTest, ShowsTheCodeEscapedAndWhereToExchangeIt) {
    auto made = http::Request::make(http::Method::kGet, "/login?code=%3Cscript%3Ex&state=s1");
    ASSERT_TRUE(made);
    const http::Request& request = *made;
    std::string page = login_page(request, "http://idp.example:9000");
    EXPECT_NE(page.find("code: <code>&lt;script&gt;x</code>"), std::string::npos) << page;
    EXPECT_EQ(page.find("<script>"), std::string::npos);
    EXPECT_NE(page.find("curl -X POST http://idp.example:9000/api/login/oauth/access_token"),
              std::string::npos)
        << page;
    std::string unknown = login_page(request, "");
    EXPECT_NE(unknown.find("curl -X POST &lt;identity provider&gt;/api/login/oauth/access_token"),
              std::string::npos);
}

}  // namespace
}  // namespace ward::engine::server::testing
