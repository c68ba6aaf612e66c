// The engine over HTTP on SQLite: the seed tutorial's steps, every metadata command family's
// success and Hasura error, bulk atomicity, resource_version conflicts, run_sql results and
// errors, access rules, auth errors and validation on /v1/graphql (H4 statuses too),
// introspection, /login escaping, /v1/version, /healthz, and two engines sharing one store.
#include <gtest/gtest.h>

#include "engine/server/service_fixture.hpp"

namespace ward::engine::server::testing {
namespace {

class EngineServiceTest : public ServiceFixture {
  protected:
    void SetUp() override {
        engine_ = &start(base_settings());
        ASSERT_TRUE(engine_->ok());
    }
    // The seed: users(id, username) with two rows, tracked, select permission for role user.
    void seed() {
        auto r = run_sql(*engine_, "create table users(id text primary key, username text)");
        ASSERT_EQ(r.status, 200u) << r.body;
        r = run_sql(*engine_, "insert into users values ('u1', 'alice'), ('u2', 'bob')");
        ASSERT_EQ(r.status, 200u) << r.body;
        r = metadata(*engine_, R"({"type":"pg_track_table","args":{"table":"users"}})");
        ASSERT_EQ(r.status, 200u) << r.body;
        r = metadata(*engine_, R"({"type":"pg_create_select_permission","args":{"table":"users",
            "role":"user","permission":{"columns":["id","username"],
            "filter":{"id":{"_eq":"X-Hasura-User-Id"}}}}})");
        ASSERT_EQ(r.status, 200u) << r.body;
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
    Settings s = base_settings();
    s.data_dir += "_jwt";
    s.auth.jwt_secret = std::string(R"({"type":"HS256","key":")") + std::string(kJwtKey) + "\"}";
    Engine& jwt = start(s);
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
    std::filesystem::remove_all(s.data_dir);
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
