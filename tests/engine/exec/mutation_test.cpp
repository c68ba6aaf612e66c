// Mutations on SQLite, end to end from GraphQL (mutation_cases.hpp), plus the shape of the SQL.
#include "engine/exec/mutation_cases.hpp"

namespace ward::engine::testing {
namespace {

INSTANTIATE_TEST_SUITE_P(Sqlite, Mutation, ::testing::Values(std::string("sqlite::memory:")));

TEST(MutationSql, SqliteChangesThenReadsBackByRowid) {
    BlogDb db("sqlite::memory:");
    ASSERT_TRUE(db.run("user",
                       R"(mutation { insert_articles(objects: [{author_id: 1, title: "secret-a"},
                            {author_id: 1, title: "secret-b", likes: 2}]) { affected_rows } })",
                       "1")
                    .has_value());
    const auto& st = db.last_statement();
    EXPECT_TRUE(st.is_mutation);
    EXPECT_EQ(st.dialect, sqlgen::DialectKind::kSqlite);
    // Two column sets: two INSERTs capturing rowids, then the checked response.
    ASSERT_EQ(st.steps.size(), 3u);
    EXPECT_EQ(st.steps[0].kind, sqlgen::StepKind::kCapture);
    EXPECT_EQ(st.steps[1].kind, sqlgen::StepKind::kCapture);
    EXPECT_EQ(st.steps[0].capture, st.steps[1].capture);
    EXPECT_NE(st.steps[0].text.find("RETURNING rowid"), std::string::npos) << st.steps[0].text;
    EXPECT_EQ(st.steps[2].kind, sqlgen::StepKind::kCheckedResult);
    EXPECT_EQ(st.steps[2].check, sqlgen::CheckKind::kInsert);
    EXPECT_EQ(st.steps[2].key, "insert_articles");
    for (const auto& step : st.steps) EXPECT_EQ(step.text.find("secret"), std::string::npos);
}

TEST(MutationSql, LargeInsertsAreSplitIntoBoundedStatements) {
    BlogDb db("sqlite::memory:");
    core::json::array rows;
    for (int i = 0; i < 1000; ++i) {
        rows.push_back(core::json::object{{"author_id", 1}, {"title", "t"}, {"likes", i}});
    }
    const std::string vars = core::to_json(core::json::object{{"rows", std::move(rows)}});
    auto r = db.run("user",
                    R"(mutation($rows: [articles_insert_input!]!) {
                         insert_articles(objects: $rows) { affected_rows } })",
                    "1", vars);
    ASSERT_TRUE(r.has_value()) << r.error().message << " / " << r.error().internal_message;
    EXPECT_EQ(BlogDb::canonical(*r), R"({"insert_articles":{"affected_rows":1000}})");
    // 3,000 values: two INSERTs of at most 2,000 values, then the response.
    ASSERT_EQ(db.last_statement().steps.size(), 3u);
    EXPECT_EQ(db.last_statement().steps[1].kind, sqlgen::StepKind::kCapture);
    EXPECT_EQ(
        db.run("admin", R"({ articles_aggregate { aggregate { count max { likes } } } })").value(),
        R"({"articles_aggregate":{"aggregate":{"count":1003,"max":{"likes":999}}}})");
}

TEST(MutationSql, DeleteAnswersBeforeItDeletes) {
    BlogDb db("sqlite::memory:");
    ASSERT_TRUE(
        db.run("admin", R"(mutation { delete_articles(where: {id: {_gt: 2}}) { affected_rows } })")
            .has_value());
    const auto& st = db.last_statement();
    ASSERT_EQ(st.steps.size(), 3u);
    EXPECT_EQ(st.steps[0].kind, sqlgen::StepKind::kCapture);
    EXPECT_EQ(st.steps[1].kind, sqlgen::StepKind::kResult);
    EXPECT_EQ(st.steps[2].kind, sqlgen::StepKind::kEffect);
    EXPECT_TRUE(st.steps[2].text.starts_with("DELETE FROM \"articles\"")) << st.steps[2].text;
}

TEST(MutationSql, JsonbUpdateOperatorsAreNotSupportedOnSqlite) {
    BlogDb db("sqlite::memory:");
    auto r = db.run("user", R"(mutation { update_articles(where: {}, _append: {meta: {a: 1}})
                                 { affected_rows } })",
                    "1");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, "not-supported");
    EXPECT_EQ(
        db.articles(),
        BlogDb::canonical(R"({"articles":[)"
                          R"({"id":1,"author_id":1,"title":"A1","published":true,"likes":5},)"
                          R"({"id":2,"author_id":1,"title":"A2","published":false,"likes":0},)"
                          R"({"id":3,"author_id":2,"title":"B1","published":true,"likes":7}]})"));
}

TEST(MutationSql, ChecksThatAlwaysPassAddNoCheckColumn) {
    BlogDb db("sqlite::memory:");
    ASSERT_TRUE(
        db.run("writer", R"(mutation { insert_articles_one(object: {title: "w"}) { id } })", "1")
            .has_value());
    EXPECT_EQ(db.last_statement().steps.back().kind, sqlgen::StepKind::kResult);
}

}  // namespace
}  // namespace ward::engine::testing
