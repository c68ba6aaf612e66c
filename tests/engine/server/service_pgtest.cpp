// The engine over HTTP on PostgreSQL (data and metadata): the seed's steps, run_sql errors with
// SQLSTATEs, and two engines on one database seeing each other's metadata changes. Each test
// works in its own schema (search_path), so runs sharing a server never meet. Needs
// WARD_TEST_PG_DSN (scripts/start-postgres); skips visibly without.
#include <gtest/gtest.h>

#include "engine/server/graphql_fixture.hpp"

namespace ward::engine::server::testing {
namespace {

// The PostgreSQL engine of the GraphQL suites (graphql_fixture.hpp): its own schema per test.
class EngineServicePgTest : public BackendEngineFixture {
  protected:
    Backend backend() const override { return Backend::kPostgres; }
    std::string users() const { return table("users"); }
};

TEST_F(EngineServicePgTest, SeedStepsAndIntrospection) {
    auto r = run_sql(*engine_, "create table users(id text primary key, username text)");
    ASSERT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(r.body, R"({"result_type":"CommandOk","result":null})");
    r = run_sql(*engine_, "insert into users values ('u1', 'alice'), ('u2', 'bob')");
    ASSERT_EQ(r.status, 200u) << r.body;
    r = run_sql(*engine_, "select id, username, true as t, null as n from users order by id");
    EXPECT_EQ(r.body, R"({"result_type":"TuplesOk","result":[["id","username","t","n"],)"
                      R"(["u1","alice","t",null],["u2","bob","t",null]]})");
    r = metadata(*engine_, R"({"type":"pg_track_table","args":{"table":)" + users() + "}}");
    ASSERT_EQ(r.status, 200u) << r.body;
    r = metadata(*engine_, R"({"type":"pg_create_select_permission","args":{"table":)" + users() +
                               R"(,"role":"user","permission":{"columns":["id","username"],)"
                               R"("filter":{"id":{"_eq":"X-Hasura-User-Id"}}}}})");
    ASSERT_EQ(r.status, 200u) << r.body;
    r = metadata(*engine_, R"({"type":"pg_track_table","args":{"table":)" + users() + "}}");
    EXPECT_EQ(str(r.json.at("code")), "\"already-tracked\"");

    auto exported = metadata(*engine_, R"({"type":"export_metadata","version":2,"args":{}})");
    EXPECT_EQ(str(exported.json.at("resource_version")), "3");
    EXPECT_EQ(str(exported.json.at("metadata").at("sources").at(0).at("kind")), "\"postgres\"");

    http::Headers user = admin();
    user.add("x-hasura-role", "user");
    auto g = graphql(*engine_, "{ nope }", user);
    EXPECT_EQ(str(g.json.at("errors").at(0).at("message")),
              "\"field 'nope' not found in type: 'query_root'\"");
}

TEST_F(EngineServicePgTest, RunSqlErrorsCarrySqlstate) {
    auto r = run_sql(*engine_, "SELEC 1");
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(str(r.json.at("code")), "\"postgres-error\"");
    EXPECT_EQ(str(r.json.at("internal").at("error").at("status_code")), "\"42601\"");
    r = run_sql(*engine_, "select * from no_such_table");
    EXPECT_EQ(str(r.json.at("internal").at("error").at("status_code")), "\"42P01\"");
}

TEST_F(EngineServicePgTest, TwoEnginesSeeEachOthersMetadata) {
    Engine& second = start(settings());
    ASSERT_TRUE(second.ok());
    second.service().start_sync();
    ASSERT_EQ(run_sql(*engine_, "create table users(id text primary key)").status, 200u);
    auto r = metadata(*engine_, R"({"type":"pg_track_table","args":{"table":)" + users() + "}}");
    ASSERT_EQ(r.status, 200u) << r.body;
    bool seen = false;
    for (int i = 0; i < 200 && !seen; ++i) {
        seen = second.service().state()->resource_version == 2;
        if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_TRUE(seen);
    // The second engine's catalog was re-read too: it can build on the change at once.
    r = metadata(second, R"({"type":"pg_create_select_permission","args":{"table":)" + users() +
                             R"(,"role":"user","permission":{"columns":["id"],"filter":{}}}})");
    EXPECT_EQ(r.status, 200u) << r.body;
    // A client pinning the old version on the first engine gets the 409.
    r = metadata(*engine_, R"({"type":"pg_drop_select_permission","resource_version":2,)"
                           R"("args":{"table":)" +
                               users() + R"(,"role":"user"}})");
    EXPECT_EQ(r.status, 409u) << r.body;
}

}  // namespace
}  // namespace ward::engine::server::testing
