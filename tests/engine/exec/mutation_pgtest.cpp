// Mutations on PostgreSQL (WARD_TEST_PG_DSN): the same cases and JSON as SQLite
// (mutation_cases.hpp), the statement shape Hasura uses, and the hasura.user GUC.
#include <cstdlib>

#include "engine/exec/mutation_cases.hpp"

namespace ward::engine::testing {
namespace {

std::string dsn() {
    const char* v = std::getenv("WARD_TEST_PG_DSN");
    return v == nullptr ? std::string() : std::string(v);
}

INSTANTIATE_TEST_SUITE_P(Postgres, Mutation, ::testing::Values(dsn()));

TEST(MutationSqlPg, OneStatementPerRootFieldWithADataModifyingCte) {
    if (dsn().empty()) GTEST_SKIP() << "WARD_TEST_PG_DSN is not set (scripts/start-postgres)";
    BlogDb db(dsn());
    auto r = db.run("user", R"(mutation {
                      a: insert_articles(objects: [{author_id: 1, title: "secret"}, {author_id: 1, title: "s2", likes: 1}],
                         on_conflict: {constraint: articles_pkey, update_columns: [title]}) { affected_rows }
                      b: update_articles(where: {id: {_eq: 1}}, _set: {title: "secret"}) { affected_rows } })",
                    "1");
    ASSERT_TRUE(r.has_value()) << r.error().message << " / " << r.error().internal_message;
    const auto& st = db.last_statement();
    ASSERT_EQ(st.steps.size(), 2u);
    EXPECT_EQ(st.steps[0].kind, sqlgen::StepKind::kCheckedResult);
    EXPECT_TRUE(st.steps[0].text.starts_with(
        R"(WITH "_m0" AS (INSERT INTO "public"."articles" AS "_t0" ("author_id", "title", "likes") VALUES )"))
        << st.steps[0].text;
    EXPECT_NE(st.steps[0].text.find("DEFAULT"), std::string::npos);
    EXPECT_NE(
        st.steps[0].text.find(
            R"(ON CONFLICT ON CONSTRAINT "articles_pkey" DO UPDATE SET "title" = excluded."title" WHERE)"),
        std::string::npos)
        << st.steps[0].text;
    EXPECT_TRUE(st.steps[1].text.starts_with(
        R"(WITH "_m1" AS (UPDATE "public"."articles" AS "_t0" SET "title" = ($1)::text WHERE)"))
        << st.steps[1].text;
    for (const auto& step : st.steps) EXPECT_EQ(step.text.find("secret"), std::string::npos);
}

TEST(MutationSqlPg, JsonbUpdateOperatorsCompose) {
    if (dsn().empty()) GTEST_SKIP() << "WARD_TEST_PG_DSN is not set (scripts/start-postgres)";
    BlogDb db(dsn());
    auto set = db.run("user",
                      R"(mutation { update_articles_by_pk(pk_columns: {id: 1},
                           _set: {meta: {a: 1, b: {c: 2, d: 3}, tags: ["x", "y", "z"]}}) { id } })",
                      "1");
    ASSERT_TRUE(set.has_value()) << set.error().message;
    auto r = db.run("user", R"(mutation { update_articles(where: {id: {_eq: 1}},
                      _append: {meta: {e: 5}}, _delete_key: {meta: "a"},
                      _delete_at_path: {meta: ["b", "c"]}) { returning { meta } } })",
                    "1");
    ASSERT_TRUE(r.has_value()) << r.error().message << " / " << r.error().internal_message;
    EXPECT_EQ(
        BlogDb::canonical(*r),
        R"({"update_articles":{"returning":[{"meta":{"b":{"d":3},"e":5,"tags":["x","y","z"]}}]}})");
    auto elem = db.run("user", R"(mutation { update_articles_many(updates: [
                         {where: {id: {_eq: 1}}, _prepend: {meta: [0]}},
                         {where: {id: {_eq: 1}}, _delete_elem: {meta: -1}}]) { returning { meta } } })",
                       "1");
    ASSERT_TRUE(elem.has_value()) << elem.error().message << " / " << elem.error().internal_message;
    // [0] || object makes [0, object]; deleting the last element leaves [0].
    EXPECT_EQ(
        BlogDb::canonical(*elem),
        R"({"update_articles_many":[{"returning":[{"meta":[0,{"b":{"d":3},"e":5,"tags":["x","y","z"]}]}]},)"
        R"({"returning":[{"meta":[0]}]}]})");
}

TEST(MutationSqlPg, DatabaseDataErrorsAreDataExceptionsAndRollBack) {
    if (dsn().empty()) GTEST_SKIP() << "WARD_TEST_PG_DSN is not set (scripts/start-postgres)";
    BlogDb db(dsn());
    auto r = db.run("user", R"(mutation {
                      a: insert_articles_one(object: {author_id: 1, title: "kept?"}) { id }
                      b: update_articles(where: {id: {_eq: 1}}, _inc: {likes: 2147483647}) { affected_rows } })",
                    "1");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, "data-exception");
    EXPECT_EQ(r.error().message, "integer out of range");
    EXPECT_EQ(r.error().sqlstate, "22003");
    EXPECT_EQ(BlogDb::canonical(
                  db.run("admin", R"({ articles_aggregate { aggregate { count } } })").value()),
              R"({"articles_aggregate":{"aggregate":{"count":3}}})");
}

TEST(MutationSqlPg, MutationsSetHasuraUserForTriggers) {
    if (dsn().empty()) GTEST_SKIP() << "WARD_TEST_PG_DSN is not set (scripts/start-postgres)";
    BlogDb db(dsn());
    ASSERT_TRUE(
        db.run("user",
               R"(mutation { insert_articles_one(object: {author_id: 1, title: "g"}) { id } })",
               "1")
            .has_value());
    auto rs =
        sql::run_sync(db.io(), db.db().query("SELECT value FROM guc_log WHERE value LIKE '{%'"));
    ASSERT_TRUE(rs.has_value());
    ASSERT_EQ(rs->size(), 1u);
    auto text = rs->row(0).value(0).to_text();
    ASSERT_TRUE(text.has_value());
    auto session = core::parse_json(*text);
    ASSERT_TRUE(session.has_value()) << *text;
    EXPECT_EQ(core::to_json(*session), R"({"x-hasura-role":"user","x-hasura-user-id":"1"})");
}

}  // namespace
}  // namespace ward::engine::testing
