// Mutation behaviour both databases must show with the same JSON: inserts (presets, checks,
// on_conflict), updates (_set, _inc, by_pk, _many, check), deletes, several root fields in one
// transaction, and Hasura's errors. Instantiated by mutation_test.cpp (SQLite) and
// mutation_pgtest.cpp (PostgreSQL); the parameter is the database URL ("" skips).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "engine/exec/mutation_fixture.hpp"

namespace ward::engine::testing {

class Mutation : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        if (GetParam().empty())
            GTEST_SKIP() << "WARD_TEST_PG_DSN is not set (scripts/start-postgres)";
        db_ = std::make_unique<BlogDb>(GetParam());
    }

    // The canonical data JSON; a failure shows the error instead.
    std::string ok(std::string_view role, std::string_view query, std::string_view user = "",
                   std::string_view variables = "{}") {
        auto r = db_->run(role, query, user, variables);
        if (!r) return "<" + r.error().code + ": " + r.error().message + ">";
        return BlogDb::canonical(*r);
    }

    exec::ExecError error(std::string_view role, std::string_view query, std::string_view user = "",
                          std::string_view variables = "{}") {
        auto r = db_->run(role, query, user, variables);
        if (r) return exec::ExecError{.code = "<no error>", .message = *r};
        return r.error();
    }

    static constexpr const char* kSeedArticles =
        R"({"articles":[{"id":1,"author_id":1,"title":"A1","published":true,"likes":5},)"
        R"({"id":2,"author_id":1,"title":"A2","published":false,"likes":0},)"
        R"({"id":3,"author_id":2,"title":"B1","published":true,"likes":7}]})";

    std::unique_ptr<BlogDb> db_;
};

// ---- insert ----

TEST_P(Mutation, InsertAnswersAffectedRowsAndReturningWithRelationships) {
    // The rows set different columns; the others take their defaults.
    EXPECT_EQ(ok("user", R"(mutation { insert_articles(objects: [
                   {author_id: 1, title: "N1", likes: 3}, {author_id: 1, title: "N2", published: true}])
                 { affected_rows returning { id title published likes author { name } } } })",
                 "1"),
              R"({"insert_articles":{"affected_rows":2,"returning":[)"
              R"({"id":4,"title":"N1","published":false,"likes":3,"author":{"name":"Alice"}},)"
              R"({"id":5,"title":"N2","published":true,"likes":0,"author":{"name":"Alice"}}]}})");
}

TEST_P(Mutation, InsertOneAnswersTheRow) {
    EXPECT_EQ(
        ok("user",
           R"(mutation { insert_articles_one(object: {author_id: 1, title: "One", rating: 2.5})
                    { id title rating __typename } })",
           "1"),
        BlogDb::canonical(
            R"({"insert_articles_one":{"id":4,"title":"One","rating":2.5,"__typename":"articles"}})"));
}

TEST_P(Mutation, InsertOfNoRowsAnswersZero) {
    EXPECT_EQ(
        ok("user",
           R"(mutation { insert_articles(objects: []) { affected_rows returning { id } } })", "1"),
        R"({"insert_articles":{"affected_rows":0,"returning":[]}})");
    EXPECT_EQ(db_->articles(), kSeedArticles);
}

TEST_P(Mutation, InsertValuesFromVariablesNeverBecomeSqlText) {
    EXPECT_EQ(ok("user",
                 R"(mutation($rows: [articles_insert_input!]!) {
                      insert_articles(objects: $rows) { returning { title } } })",
                 "1", R"({"rows": [{"author_id": 1, "title": "x'); DROP TABLE articles; --"}]})"),
              R"({"insert_articles":{"returning":[{"title":"x'); DROP TABLE articles; --"}]}})");
    for (const auto& step : db_->last_statement().steps) {
        EXPECT_EQ(step.text.find("DROP"), std::string::npos) << step.text;
    }
}

TEST_P(Mutation, FailingInsertCheckWritesNothing) {
    // The second row belongs to another author: the whole insert fails.
    auto e = error("user", R"(mutation { insert_articles(objects: [
                     {author_id: 1, title: "mine"}, {author_id: 2, title: "theirs"}]) { affected_rows } })",
                   "1");
    EXPECT_EQ(e.code, "permission-error");
    EXPECT_EQ(e.message, "check constraint of an insert permission has failed");
    EXPECT_EQ(db_->articles(), kSeedArticles);
}

TEST_P(Mutation, InsertCheckFollowsRelationships) {
    // Bob writes his own article, but the check also wants an active author.
    auto e = error("user",
                   R"(mutation { insert_articles_one(object: {author_id: 2, title: "b"}) { id } })",
                   "2");
    EXPECT_EQ(e.code, "permission-error");
    EXPECT_EQ(e.message, "check constraint of an insert permission has failed");
    EXPECT_EQ(db_->articles(), kSeedArticles);
}

TEST_P(Mutation, InsertPresetsComeFromTheSession) {
    EXPECT_EQ(
        ok("writer",
           R"(mutation { insert_articles_one(object: {title: "W"}) { author_id title published } })",
           "2"),
        R"({"insert_articles_one":{"author_id":2,"title":"W","published":false}})");
}

TEST_P(Mutation, SessionValueOfTheWrongTypeIsADataException) {
    auto e =
        error("writer", R"(mutation { insert_articles_one(object: {title: "W"}) { id } })", "abc");
    EXPECT_EQ(e.code, "data-exception");
    EXPECT_EQ(e.message, "invalid input syntax for type integer: \"abc\"");
    EXPECT_EQ(db_->articles(), kSeedArticles);
}

TEST_P(Mutation, UpsertUpdatesTheConflictingRow) {
    EXPECT_EQ(ok("admin", R"(mutation { insert_articles(
                   objects: [{id: 1, author_id: 1, title: "A1x"}, {id: 9, author_id: 2, title: "new"}],
                   on_conflict: {constraint: articles_pkey, update_columns: [title]})
                 { affected_rows returning { id title likes } } })"),
              R"({"insert_articles":{"affected_rows":2,"returning":[)"
              R"({"id":1,"title":"A1x","likes":5},{"id":9,"title":"new","likes":0}]}})");
    // A unique constraint other than the primary key.
    EXPECT_EQ(ok("admin", R"(mutation { insert_authors_one(
                   object: {name: "Alice2", email: "alice@example.com"},
                   on_conflict: {constraint: authors_email_key, update_columns: [name]}) { id name } })"),
              R"({"insert_authors_one":{"id":1,"name":"Alice2"}})");
}

TEST_P(Mutation, UpsertDoNothingAndWhereSkipTheRow) {
    EXPECT_EQ(
        ok("admin", R"(mutation { insert_articles(objects: [{id: 1, author_id: 1, title: "no"}],
                   on_conflict: {constraint: articles_pkey, update_columns: []})
                 { affected_rows returning { id } } })"),
        R"({"insert_articles":{"affected_rows":0,"returning":[]}})");
    EXPECT_EQ(
        ok("admin", R"(mutation { insert_articles_one(object: {id: 1, author_id: 1, title: "no"},
                   on_conflict: {constraint: articles_pkey, update_columns: [title],
                                 where: {published: {_eq: false}}}) { id } })"),
        R"({"insert_articles_one":null})");
    EXPECT_EQ(db_->articles(), kSeedArticles);
}

TEST_P(Mutation, UpsertKeepsToTheUpdatePermissionFilter) {
    // b1 is Bob's: user 1 may not update it, so the conflicting row is left alone.
    EXPECT_EQ(
        ok("user",
           R"(mutation { insert_articles(objects: [{author_id: 1, title: "x", slug: "b1", likes: 42}],
                   on_conflict: {constraint: articles_slug_key, update_columns: [likes]})
                 { affected_rows } })",
           "1"),
        R"({"insert_articles":{"affected_rows":0}})");
    EXPECT_EQ(db_->articles(), kSeedArticles);
    // a2 is its own.
    EXPECT_EQ(
        ok("user",
           R"(mutation { insert_articles(objects: [{author_id: 1, title: "x", slug: "a2", likes: 42}],
                   on_conflict: {constraint: articles_slug_key, update_columns: [likes]})
                 { affected_rows returning { id title likes } } })",
           "1"),
        R"({"insert_articles":{"affected_rows":1,"returning":[{"id":2,"title":"A2","likes":42}]}})");
}

TEST_P(Mutation, UpsertChecksUpdatedRowsWithTheUpdateCheck) {
    // Updating a2 to 500 likes breaks the update check (likes < 100)...
    auto e = error(
        "user",
        R"(mutation { insert_articles(objects: [{author_id: 1, title: "x", slug: "a2", likes: 500}],
                     on_conflict: {constraint: articles_slug_key, update_columns: [likes]}) { affected_rows } })",
        "1");
    EXPECT_EQ(e.code, "permission-error");
    EXPECT_EQ(e.message, "check constraint of an insert permission has failed");
    EXPECT_EQ(db_->articles(), kSeedArticles);
    // ...while a new row only answers to the insert check. (No ids here: PostgreSQL's sequence
    // does not roll back.)
    EXPECT_EQ(
        ok("user",
           R"(mutation { insert_articles(objects: [{author_id: 1, title: "x", slug: "new", likes: 500},
                     {author_id: 1, title: "y", slug: "a1", likes: 50}],
                   on_conflict: {constraint: articles_slug_key, update_columns: [likes]})
                 { returning { slug likes } } })",
           "1"),
        R"({"insert_articles":{"returning":[{"slug":"new","likes":500},{"slug":"a1","likes":50}]}})");
}

TEST_P(Mutation, UniqueViolationHasHasurasMessage) {
    auto e = error(
        "admin",
        R"(mutation { insert_authors_one(object: {name: "X", email: "bob@example.com"}) { id } })");
    EXPECT_EQ(e.code, "constraint-violation");
    EXPECT_EQ(e.message,
              "Uniqueness violation. duplicate key value violates unique constraint "
              "\"authors_email_key\"");
}

TEST_P(Mutation, ForeignKeyAndNotNullViolations) {
    auto fk = error(
        "admin", R"(mutation { insert_articles_one(object: {author_id: 99, title: "x"}) { id } })");
    EXPECT_EQ(fk.code, "constraint-violation");
    EXPECT_TRUE(fk.message.starts_with("Foreign key violation. ")) << fk.message;
    auto nn = error("admin", R"(mutation { insert_articles_one(object: {author_id: 1}) { id } })");
    EXPECT_EQ(nn.code, "constraint-violation");
    EXPECT_EQ(nn.message,
              "Not-NULL violation. null value in column \"title\" of relation \"articles\" "
              "violates not-null constraint");
    EXPECT_EQ(db_->articles(), kSeedArticles);
}

// ---- update ----

TEST_P(Mutation, UpdateSetsAndIncrementsOnlyPermittedRows) {
    EXPECT_EQ(
        ok("user", R"(mutation { update_articles(where: {}, _set: {title: "T"}, _inc: {likes: 1})
                 { affected_rows returning { id title likes } } })",
           "1"),
        R"({"update_articles":{"affected_rows":2,"returning":[)"
        R"({"id":1,"title":"T","likes":6},{"id":2,"title":"T","likes":1}]}})");
    EXPECT_EQ(ok("admin", R"({ articles_by_pk(id: 3) { title likes } })"),
              R"({"articles_by_pk":{"title":"B1","likes":7}})");
}

TEST_P(Mutation, UpdateToNullInANotNullColumnIsAConstraintViolation) {
    auto e = error(
        "user", R"(mutation { update_articles(where: {}, _set: {title: null}) { affected_rows } })",
        "1");
    EXPECT_EQ(e.code, "constraint-violation");
    EXPECT_EQ(e.message,
              "Not-NULL violation. null value in column \"title\" of relation \"articles\" "
              "violates not-null constraint");
    EXPECT_EQ(db_->articles(), kSeedArticles);
}

TEST_P(Mutation, FailingUpdateCheckChangesNothing) {
    auto e = error(
        "user",
        R"(mutation { update_articles(where: {id: {_eq: 1}}, _inc: {likes: 200}) { affected_rows } })",
        "1");
    EXPECT_EQ(e.code, "permission-error");
    EXPECT_EQ(e.message, "check constraint of an update permission has failed");
    EXPECT_EQ(db_->articles(), kSeedArticles);
}

TEST_P(Mutation, UpdateByPkAnswersTheRowOrNull) {
    EXPECT_EQ(
        ok("user", R"(mutation { update_articles_by_pk(pk_columns: {id: 2}, _set: {published: true})
                 { id published } })",
           "1"),
        R"({"update_articles_by_pk":{"id":2,"published":true}})");
    // Bob's article is outside the update filter.
    EXPECT_EQ(
        ok("user", R"(mutation { update_articles_by_pk(pk_columns: {id: 3}, _set: {title: "x"})
                 { id } })",
           "1"),
        R"({"update_articles_by_pk":null})");
    EXPECT_EQ(ok("admin", R"({ articles_by_pk(id: 3) { title } })"),
              R"({"articles_by_pk":{"title":"B1"}})");
}

TEST_P(Mutation, UpdatePresetsWin) {
    EXPECT_EQ(ok("writer", R"(mutation { update_articles(where: {id: {_eq: 2}}, _set: {title: "P"})
                 { returning { id title published } } })",
                 "1"),
              R"({"update_articles":{"returning":[{"id":2,"title":"P","published":true}]}})");
}

TEST_P(Mutation, ReturningShowsOnlyRowsTheRoleMaySelect) {
    // Article 2 is updated (affected_rows counts it) but is not published, so it is not returned.
    EXPECT_EQ(ok("editor", R"(mutation { update_articles(where: {}, _set: {title: "E"})
                 { affected_rows returning { id title } } })"),
              R"({"update_articles":{"affected_rows":3,"returning":[)"
              R"({"id":1,"title":"E"},{"id":3,"title":"E"}]}})");
    EXPECT_EQ(
        ok("editor", R"(mutation { update_articles_by_pk(pk_columns: {id: 2}, _set: {title: "F"})
                 { id } })"),
        R"({"update_articles_by_pk":null})");
    EXPECT_EQ(ok("admin", R"({ articles_by_pk(id: 2) { title } })"),
              R"({"articles_by_pk":{"title":"F"}})");
}

TEST_P(Mutation, UpdateManyRunsInOrder) {
    // The second update sees the first one's title.
    EXPECT_EQ(ok("user", R"(mutation { update_articles_many(updates: [
                   {where: {id: {_eq: 1}}, _set: {title: "X"}},
                   {where: {title: {_eq: "X"}}, _inc: {likes: 10}}])
                 { affected_rows returning { id title likes } } })",
                 "1"),
              R"({"update_articles_many":[)"
              R"({"affected_rows":1,"returning":[{"id":1,"title":"X","likes":5}]},)"
              R"({"affected_rows":1,"returning":[{"id":1,"title":"X","likes":15}]}]})");
    EXPECT_EQ(
        ok("user", R"(mutation { update_articles_many(updates: []) { affected_rows } })", "1"),
        R"({"update_articles_many":[]})");
}

// ---- delete ----

TEST_P(Mutation, DeleteAnswersTheDeletedRowsWithRelationships) {
    EXPECT_EQ(ok("user", R"(mutation { delete_articles(where: {}) {
                   affected_rows returning { id author { name } } } })",
                 "1"),
              R"({"delete_articles":{"affected_rows":2,"returning":[)"
              R"({"id":1,"author":{"name":"Alice"}},{"id":2,"author":{"name":"Alice"}}]}})");
    EXPECT_EQ(db_->articles(),
              R"({"articles":[{"id":3,"author_id":2,"title":"B1","published":true,"likes":7}]})");
}

TEST_P(Mutation, DeleteByPkUnderTheDeleteFilter) {
    EXPECT_EQ(ok("user", R"(mutation { delete_articles_by_pk(id: 3) { id } })", "1"),
              R"({"delete_articles_by_pk":null})");
    EXPECT_EQ(ok("user", R"(mutation { delete_articles_by_pk(id: 1) { id title } })", "1"),
              R"({"delete_articles_by_pk":{"id":1,"title":"A1"}})");
    EXPECT_EQ(ok("admin", R"({ articles_aggregate { aggregate { count } } })"),
              R"({"articles_aggregate":{"aggregate":{"count":2}}})");
}

TEST_P(Mutation, DeleteBlockedByAForeignKeyIsAConstraintViolation) {
    auto e =
        error("admin", R"(mutation { delete_authors(where: {id: {_eq: 1}}) { affected_rows } })");
    EXPECT_EQ(e.code, "constraint-violation");
    EXPECT_TRUE(e.message.starts_with("Foreign key violation. ")) << e.message;
    EXPECT_EQ(ok("admin", R"({ authors(order_by: {id: asc}) { id } })"),
              R"({"authors":[{"id":1},{"id":2}]})");
}

// ---- several root fields ----

TEST_P(Mutation, RootFieldsRunInOrderInOneTransaction) {
    EXPECT_EQ(ok("user", R"(mutation { __typename
                   a: insert_articles_one(object: {author_id: 1, title: "M"}) { id }
                   b: update_articles(where: {title: {_eq: "M"}}, _set: {likes: 9}) { affected_rows __typename }
                   c: delete_articles(where: {id: {_eq: 99}}) { affected_rows } })",
                 "1"),
              R"({"__typename":"mutation_root","a":{"id":4},)"
              R"("b":{"affected_rows":1,"__typename":"articles_mutation_response"},)"
              R"("c":{"affected_rows":0}})");
}

TEST_P(Mutation, AFailingRootFieldRollsBackTheEarlierOnes) {
    auto check = error("user", R"(mutation {
                         a: insert_articles_one(object: {author_id: 1, title: "M"}) { id }
                         b: update_articles(where: {id: {_eq: 1}}, _inc: {likes: 500}) { affected_rows } })",
                       "1");
    EXPECT_EQ(check.code, "permission-error");
    EXPECT_EQ(check.message, "check constraint of an update permission has failed");
    auto fk = error("admin", R"(mutation {
                      a: delete_articles(where: {}) { affected_rows }
                      b: insert_articles_one(object: {author_id: 42, title: "x"}) { id } })");
    EXPECT_EQ(fk.code, "constraint-violation");
    EXPECT_EQ(db_->articles(), kSeedArticles);
}

}  // namespace ward::engine::testing
