// Tests for engine::plan mutations: insert presets/check/columns, on_conflict under the update
// permission, update filter/check/presets, update_many, delete filter, and mutation responses.
#include <gtest/gtest.h>

#include "engine/plan/plan_fixture.hpp"

namespace ward::engine::plan {
namespace {

using testing::blog_snapshot;
using testing::plan_for;

class PlanMutationTest : public ::testing::Test {
  protected:
    std::shared_ptr<const schema::Snapshot> blog = blog_snapshot();
};

TEST_F(PlanMutationTest, InsertAppliesPresetsDefaultsAndTheCheck) {
    auto p = plan_for(
        *blog, "user",
        R"(mutation { insert_posts(objects: [{title: "a"}, {title: "b", published: true}]) { affected_rows returning { id } } })");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->plan().kind, OperationKind::kMutation);
    EXPECT_EQ(
        p->text(),
        "insert_posts: insert posts (author_id,title,published) values "
        "($3=session:x-hasura-user-id,"
        "$0=\"a\",default) ($3=session:x-hasura-user-id,$2=\"b\",$1=true) check author_id _eq "
        "$4=session:x-hasura-user-id "
        "returning_filter or(published _eq $5=true,author_id _eq "
        "$6=session:x-hasura-user-id) => {affected_rows:affected_rows returning:returning{id:id}}");
    EXPECT_NE(p->text().find("$3=session:x-hasura-user-id"), std::string::npos);
}

TEST_F(PlanMutationTest, InsertOneAnswersTheRow) {
    auto p = plan_for(*blog, "user",
                      R"(mutation { insert_posts_one(object: {title: "a"}) { id title } })");
    ASSERT_TRUE(p->ok()) << p->failure;
    const auto& ins = std::get<Insert>(p->plan().fields[0].node);
    EXPECT_TRUE(ins.output.single);
    EXPECT_EQ(ins.output.row_fields.size(), 2u);
    EXPECT_EQ(ins.rows.size(), 1u);
}

TEST_F(PlanMutationTest, InsertRowsFromAVariableReadEachValueByPath) {
    auto p = plan_for(
        *blog, "user",
        R"(mutation($rows: [posts_insert_input!]!) { insert_posts(objects: $rows) { affected_rows } })",
        R"({"rows": [{"title": "a"}]})");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_NE(p->text().find("$0=var:rows[0].title"), std::string::npos) << p->text();
    EXPECT_EQ(p->plan().value_variables, std::vector<std::string>{"rows"});
}

TEST_F(PlanMutationTest, UpsertUsesTheUpdatePermissionFilter) {
    auto p = plan_for(
        *blog, "user",
        R"(mutation { insert_posts(objects: [{title: "a"}], on_conflict: {constraint: posts_pkey, update_columns: [title]}) { affected_rows } })");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_NE(p->text().find("on_conflict posts_pkey update(title) where author_id _eq "),
              std::string::npos)
        << p->text();
}

TEST_F(PlanMutationTest, NestedInsertsAreNotSupported) {
    auto p = plan_for(
        *blog, "admin",
        R"(mutation { insert_users(objects: [{name: "n", posts: {data: [{title: "t", author_id: 1}]}}]) { affected_rows } })");
    ASSERT_TRUE(p->result.has_value()) << p->failure;
    ASSERT_FALSE(p->ok());
    EXPECT_EQ(p->error().code, "not-supported");
}

TEST_F(PlanMutationTest, UpdateMergesFilterAndCheck) {
    auto p = plan_for(
        *blog, "user",
        R"(mutation { update_posts(where: {id: {_eq: 1}}, _set: {title: "t"}) { affected_rows } })");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(),
              "update_posts: update posts set(title=$0=\"t\") where and(author_id _eq "
              "$1=session:x-hasura-user-id,id _eq $2=1) check published _in $3=[true,false] "
              "returning_filter or(published _eq $4=true,author_id _eq "
              "$5=session:x-hasura-user-id) => {affected_rows:affected_rows}");
}

TEST_F(PlanMutationTest, UpdateByPkAnswersTheRow) {
    auto p = plan_for(
        *blog, "user",
        R"(mutation { update_posts_by_pk(pk_columns: {id: 3}, _inc: {rating: 1}) { id } })");
    ASSERT_TRUE(p->ok()) << p->failure;
    const auto& u = std::get<Update>(p->plan().fields[0].node);
    EXPECT_TRUE(u.output.single);
    ASSERT_EQ(u.updates.size(), 1u);
    EXPECT_EQ(u.updates[0].op, UpdateOp::kInc);
    EXPECT_NE(p->text().find("id _eq $2=3"), std::string::npos) << p->text();
}

TEST_F(PlanMutationTest, UpdateWithoutOperatorsIsRejected) {
    auto p = plan_for(*blog, "user", R"(mutation { update_posts(where: {}) { affected_rows } })");
    ASSERT_TRUE(p->result.has_value()) << p->failure;
    ASSERT_FALSE(p->ok());
    EXPECT_EQ(p->error().code, "validation-failed");
}

TEST_F(PlanMutationTest, UpdateManyPlansEachEntry) {
    auto p = plan_for(
        *blog, "user",
        R"(mutation { update_posts_many(updates: [{where: {id: {_eq: 1}}, _set: {title: "a"}}, {where: {}, _set: {published: false}}]) { affected_rows } })");
    ASSERT_TRUE(p->ok()) << p->failure;
    const auto& m = std::get<UpdateMany>(p->plan().fields[0].node);
    ASSERT_EQ(m.updates.size(), 2u);
    EXPECT_EQ(m.updates[1].updates[0].column.name, "published");
}

TEST_F(PlanMutationTest, DeleteMergesThePermissionFilter) {
    auto p = plan_for(
        *blog, "user",
        R"(mutation { delete_posts(where: {}) { affected_rows } d: delete_posts_by_pk(id: 4) { id } })");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(),
              "delete_posts: delete posts where author_id _eq $0=session:x-hasura-user-id "
              "returning_filter or(published _eq $1=true,author_id _eq "
              "$2=session:x-hasura-user-id) => {affected_rows:affected_rows}\n"
              "d: delete posts where and(author_id _eq $3=session:x-hasura-user-id,id _eq $4=4) "
              "returning_filter or(published _eq $5=true,author_id _eq "
              "$6=session:x-hasura-user-id) => one{id:id}");
}

}  // namespace
}  // namespace ward::engine::plan
