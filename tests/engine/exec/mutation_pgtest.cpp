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

// 10,000 rows of 3 values plus `last`: more than the 30,000 values one statement takes.
std::string many_rows(core::json::object last) {
    core::json::array rows;
    for (int i = 0; i < 10000; ++i) {
        rows.push_back(core::json::object{{"author_id", 1}, {"title", "t"}, {"likes", i}});
    }
    rows.push_back(std::move(last));
    return core::to_json(core::json::object{{"rows", std::move(rows)}});
}

TEST(MutationSqlPg, InsertsBeyondTheParameterLimitAreSplit) {
    if (dsn().empty()) GTEST_SKIP() << "WARD_TEST_PG_DSN is not set (scripts/start-postgres)";
    BlogDb db(dsn());
    const char* insert = R"(mutation($rows: [articles_insert_input!]!) {
        insert_articles(objects: $rows) { affected_rows returning { likes } } })";
    // The last row, in the second statement, has no title: the first statement's rows go too.
    auto bad = db.run("user", insert, "1", many_rows({{"author_id", 1}, {"likes", 10000}}));
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code, "constraint-violation");
    EXPECT_EQ(BlogDb::canonical(
                  db.run("admin", R"({ articles_aggregate { aggregate { count } } })").value()),
              R"({"articles_aggregate":{"aggregate":{"count":3}}})");

    auto done = db.run("user", insert, "1",
                       many_rows({{"author_id", 1}, {"title", "t"}, {"likes", 10000}}));
    ASSERT_TRUE(done.has_value()) << done.error().message << " / " << done.error().internal_message;
    ASSERT_EQ(db.last_statement().steps.size(), 3u);
    EXPECT_EQ(db.last_statement().steps[0].kind, sqlgen::StepKind::kCapture);
    auto v = core::parse_json(*done);
    ASSERT_TRUE(v.has_value());
    const auto& out = v->at("insert_articles");
    EXPECT_EQ(out.at("affected_rows").to_number<int>(), 10001);
    const auto& returning = out.at("returning").as_array();
    ASSERT_EQ(returning.size(), 10001u);
    // The rows come back in insert order across the statements.
    for (std::size_t i = 0; i < returning.size(); i += 999) {
        EXPECT_EQ(returning[i].at("likes").to_number<std::size_t>(), i);
    }
}

TEST(MutationSqlPg, SplitUpsertsCheckUpdatedRowsWithTheUpdateCheck) {
    if (dsn().empty()) GTEST_SKIP() << "WARD_TEST_PG_DSN is not set (scripts/start-postgres)";
    BlogDb db(dsn());
    const char* upsert = R"(mutation($rows: [articles_insert_input!]!) {
        insert_articles(objects: $rows,
          on_conflict: {constraint: articles_slug_key, update_columns: [likes]}) { affected_rows } })";
    auto with_titles = [](core::json::object last) {
        core::json::array rows;
        for (int i = 0; i < 10000; ++i) {
            rows.push_back(core::json::object{{"author_id", 1},
                                              {"title", "t"},
                                              {"slug", "s" + std::to_string(i)},
                                              {"likes", 500}});
        }
        rows.push_back(std::move(last));
        return core::to_json(core::json::object{{"rows", std::move(rows)}});
    };
    // New rows with 500 likes pass the insert check; a2 updated to 500 fails the update check.
    auto bad = db.run("user", upsert, "1",
                      with_titles(core::json::object{
                          {"author_id", 1}, {"title", "t"}, {"slug", "a2"}, {"likes", 500}}));
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code, "permission-error");
    EXPECT_GT(db.last_statement().steps.size(), 2u);
    auto good = db.run("user", upsert, "1",
                       with_titles(core::json::object{
                           {"author_id", 1}, {"title", "t"}, {"slug", "a2"}, {"likes", 50}}));
    ASSERT_TRUE(good.has_value()) << good.error().message << " / " << good.error().internal_message;
    EXPECT_EQ(BlogDb::canonical(*good), R"({"insert_articles":{"affected_rows":10001}})");
    EXPECT_EQ(BlogDb::canonical(
                  db.run("admin", R"({ articles(where: {slug: {_eq: "a2"}}) { likes } })").value()),
              R"({"articles":[{"likes":50}]})");
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

// An unchecked one-statement mutation runs in one round trip (no BEGIN/COMMIT) and still sets
// hasura.user, before the change, for statement and row triggers alike; the GUC is local to
// that statement's transaction.
TEST(MutationSqlPg, AnUncheckedSingleStatementSetsHasuraUserItself) {
    if (dsn().empty()) GTEST_SKIP() << "WARD_TEST_PG_DSN is not set (scripts/start-postgres)";
    BlogDb db(dsn());
    ASSERT_TRUE(sql::run_sync(db.io(), db.db().execute_script(R"sql(
        CREATE OR REPLACE FUNCTION log_hasura_user_stmt() RETURNS trigger AS $$
        BEGIN
          INSERT INTO guc_log (value) VALUES ('stmt ' || coalesce(current_setting('hasura.user', true), ''));
          RETURN NULL;
        END $$ LANGUAGE plpgsql;
        CREATE TRIGGER articles_log_stmt BEFORE INSERT ON articles FOR EACH STATEMENT
          EXECUTE FUNCTION log_hasura_user_stmt();)sql"))
                    .has_value());
    auto r = db.run("admin",
                    R"(mutation { insert_articles_one(object: {author_id: 1, title: "g"}) { title }
                                  t: __typename })");
    ASSERT_TRUE(r.has_value()) << r.error().message << " / " << r.error().internal_message;
    EXPECT_EQ(BlogDb::canonical(*r),
              R"({"insert_articles_one":{"title":"g"},"t":"mutation_root"})");
    const auto& st = db.last_statement();
    EXPECT_TRUE(st.single_statement);
    ASSERT_EQ(st.steps.size(), 2u);
    EXPECT_EQ(st.steps[0].kind, sqlgen::StepKind::kResult);
    EXPECT_TRUE(st.steps[0].params.back().session);
    EXPECT_TRUE(st.steps[0].text.ends_with(
        R"( FROM (SELECT set_config('hasura.user', ($3)::text, true)) AS "_session")"))
        << st.steps[0].text;
    auto rs = sql::run_sync(
        db.io(), db.db().query("SELECT value FROM guc_log WHERE value LIKE '%admin%' ORDER BY id"));
    ASSERT_TRUE(rs.has_value());
    ASSERT_EQ(rs->size(), 2u);
    EXPECT_EQ(rs->row(0).value(0).to_text().value_or(""), R"(stmt {"x-hasura-role":"admin"})");
    EXPECT_EQ(rs->row(1).value(0).to_text().value_or(""), R"({"x-hasura-role":"admin"})");
    auto after =
        sql::run_sync(db.io(), db.db().query_text("SELECT current_setting('hasura.user', true)"));
    ASSERT_TRUE(after.has_value());
    EXPECT_EQ(after->value_or(""), "");
}

// A failing one-statement mutation leaves nothing behind; a checked one keeps its transaction
// (the check's failure must roll the change back), and so do several root fields.
TEST(MutationSqlPg, OnlyUncheckedSingleStatementsSkipTheTransaction) {
    if (dsn().empty()) GTEST_SKIP() << "WARD_TEST_PG_DSN is not set (scripts/start-postgres)";
    BlogDb db(dsn());
    const auto before = BlogDb::canonical(
        db.run("admin", R"({ articles(order_by: {id: asc}) { id title } })").value());
    auto bad =
        db.run("admin",
               R"(mutation { insert_articles_one(object: {author_id: 999, title: "x"}) { id } })");
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code, "constraint-violation");
    EXPECT_TRUE(db.last_statement().single_statement);
    auto two = db.run("admin", R"(mutation {
                        a: insert_articles_one(object: {author_id: 1, title: "y"}) { id }
                        b: insert_articles_one(object: {author_id: 999, title: "z"}) { id } })");
    ASSERT_FALSE(two.has_value());
    EXPECT_FALSE(db.last_statement().single_statement);
    auto checked = db.run(
        "user", R"(mutation { insert_articles_one(object: {author_id: 2, title: "w"}) { id } })",
        "1");
    ASSERT_FALSE(checked.has_value());
    EXPECT_EQ(checked.error().code, "permission-error");
    EXPECT_FALSE(db.last_statement().single_statement);
    EXPECT_EQ(BlogDb::canonical(
                  db.run("admin", R"({ articles(order_by: {id: asc}) { id title } })").value()),
              before);
}

}  // namespace
}  // namespace ward::engine::testing
