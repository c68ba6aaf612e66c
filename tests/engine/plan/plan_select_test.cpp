// Tests for engine::plan queries: permission filters merged, column restrictions, limits,
// relationships under the remote table's permission, aggregates, order_by, distinct_on, where,
// and the literal-vs-variable rule (the same plan shape either way).
#include <gtest/gtest.h>

#include "engine/plan/plan_fixture.hpp"

namespace ward::engine::plan {
namespace {

using testing::blog_snapshot;
using testing::plan_for;
using testing::seed_snapshot;

class PlanSelectTest : public ::testing::Test {
  protected:
    std::shared_ptr<const schema::Snapshot> seed = seed_snapshot();
    std::shared_ptr<const schema::Snapshot> blog = blog_snapshot();
};

TEST_F(PlanSelectTest, SeedUserFilterBecomesASessionSlotCastToTheColumnType) {
    auto p = plan_for(*seed, "user", "{ users { id username } }");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(),
              "users: many[from users where id _eq $0=session:x-hasura-user-id] "
              "{id:id username:username}");
    ASSERT_EQ(p->plan().params.size(), 1u);
    EXPECT_EQ(p->plan().params[0].type, catalog::ScalarType::kString);
    EXPECT_EQ(p->plan().params[0].db_type, "text");
    EXPECT_EQ(p->plan().kind, OperationKind::kQuery);
}

TEST_F(PlanSelectTest, AdminSeesEveryRow) {
    auto p = plan_for(*seed, "admin", "{ users { id } }");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(), "users: many[from users where true] {id:id}");
    EXPECT_TRUE(p->plan().params.empty());
}

TEST_F(PlanSelectTest, ByPkAndsThePermissionFilterWithTheKey) {
    auto p = plan_for(*seed, "user", R"({ u: users_by_pk(id: "u1") { username } })");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(),
              "u: one[from users where and(id _eq $0=session:x-hasura-user-id,id _eq $1=\"u1\")] "
              "{username:username}");
}

TEST_F(PlanSelectTest, UserWhereIsAndedWithThePermissionFilter) {
    auto p = plan_for(*seed, "user", R"({ users(where: {username: {_like: "a%"}}) { id } })");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(),
              "users: many[from users where and(id _eq $0=session:x-hasura-user-id,"
              "username _like $1=\"a%\")] {id:id}");
    EXPECT_FALSE(p->plan().params[1].nullable);
}

TEST_F(PlanSelectTest, TypenameAndIntrospectionNeedNoDatabase) {
    auto p = plan_for(*seed, "user",
                      "{ __typename users { __typename id } __schema { queryType { name } } }");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(),
              "__typename: 'query_root'\n"
              "users: many[from users where id _eq $0=session:x-hasura-user-id] "
              "{__typename:'users' id:id}\n"
              "__schema: introspection __schema");
}

TEST_F(PlanSelectTest, PermissionLimitCapsTheUserLimit) {
    auto p = plan_for(*blog, "user", "{ posts(limit: 50, offset: 5) { id } }");
    ASSERT_TRUE(p->ok()) << p->failure;
    const auto& sel = std::get<TableSelect>(p->plan().fields[0].node);
    ASSERT_TRUE(sel.rows.limit && sel.rows.offset);
    const Param& limit = p->plan().params[sel.rows.limit->index];
    EXPECT_EQ(limit.max_value, 10);
    auto bound = bind(p->plan(), {}, testing::session("7"));
    ASSERT_TRUE(bound.has_value()) << bound.error().message;
    EXPECT_EQ((*bound)[sel.rows.limit->index].value, core::json::value(10));
    EXPECT_EQ((*bound)[sel.rows.offset->index].value, core::json::value(5));
}

TEST_F(PlanSelectTest, PermissionLimitAppliesWithoutAUserLimit) {
    auto p = plan_for(*blog, "user", "{ posts { id } }");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(),
              "posts: many[from posts where or(published _eq $0=true,"
              "author_id _eq $1=session:x-hasura-user-id) limit $2=10] {id:id}");
}

TEST_F(PlanSelectTest, AdminHasNoLimitUnlessAsked) {
    auto p = plan_for(*blog, "admin", "{ posts(limit: 3) { id } }");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(), "posts: many[from posts where true limit $0=3] {id:id}");
    EXPECT_FALSE(p->plan().params[0].max_value.has_value());
}

TEST_F(PlanSelectTest, NegativeLimitIsRejected) {
    auto p = plan_for(*blog, "admin", "{ posts(limit: -1) { id } }");
    ASSERT_TRUE(p->result.has_value()) << p->failure;
    ASSERT_FALSE(p->ok());
    EXPECT_EQ(p->error().code, "validation-failed");
    EXPECT_EQ(p->error().path, "$.selectionSet.posts.args.limit");
}

TEST_F(PlanSelectTest, LiteralAndVariableGiveTheSamePlanShape) {
    auto lit =
        plan_for(*blog, "user",
                 R"({ posts(where: {title: {_eq: "x"}, id: {_in: [1, 2]}}, limit: 2) { id } })");
    auto var = plan_for(*blog, "user",
                        R"(query($t: String!, $ids: [Int!], $n: Int) {
                             posts(where: {title: {_eq: $t}, id: {_in: $ids}}, limit: $n) { id } })",
                        R"({"t": "x", "ids": [1, 2], "n": 2})");
    ASSERT_TRUE(lit->ok()) << lit->failure;
    ASSERT_TRUE(var->ok()) << var->failure;
    EXPECT_EQ(lit->text(false), var->text(false));
    EXPECT_TRUE(var->plan().value_variables.empty());
    EXPECT_NE(var->text().find("$3=var:t"), std::string::npos) << var->text();
    EXPECT_NE(var->text().find("$2=var:ids"), std::string::npos) << var->text();
    // And both bind to the same values.
    auto a = bind(lit->plan(), {}, testing::session("7"));
    auto b = bind(var->plan(), var->op->variables, testing::session("7"));
    ASSERT_TRUE(a.has_value() && b.has_value());
    ASSERT_EQ(a->size(), b->size());
    for (std::size_t i = 0; i < a->size(); ++i) EXPECT_EQ((*a)[i].value, (*b)[i].value) << i;
}

TEST_F(PlanSelectTest, WholeWhereFromAVariableMakesThePlanDependOnIt) {
    auto p = plan_for(*blog, "admin", R"(query($w: posts_bool_exp) { posts(where: $w) { id } })",
                      R"({"w": {"title": {"_eq": "x"}}})");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(), "posts: many[from posts where title _eq $0=var:w.title._eq] {id:id}");
    EXPECT_EQ(p->plan().value_variables, std::vector<std::string>{"w"});
}

TEST_F(PlanSelectTest, InListMixingLiteralsAndVariablesIsOneArraySlot) {
    auto p =
        plan_for(*blog, "admin", R"(query($x: Int!) { posts(where: {id: {_in: [1, $x]}}) { id } })",
                 R"({"x": 5})");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(), "posts: many[from posts where id _in $0=list(1,var:x)] {id:id}");
    EXPECT_TRUE(p->plan().params[0].array);
    auto b = bind(p->plan(), p->op->variables, {});
    ASSERT_TRUE(b.has_value()) << b.error().message;
    EXPECT_EQ((*b)[0].value, core::parse_json("[1,5]").value());
}

TEST_F(PlanSelectTest, NullComparisonIsAnError) {
    auto p = plan_for(*blog, "admin", R"({ posts(where: {title: {_eq: null}}) { id } })");
    ASSERT_TRUE(p->result.has_value()) << p->failure;
    ASSERT_FALSE(p->ok());
    EXPECT_EQ(p->error().code, "validation-failed");
    EXPECT_EQ(p->error().message, "unexpected null value for type \"String\"");
    EXPECT_EQ(p->error().path, "$.selectionSet.posts.args.where.title._eq");
}

TEST_F(PlanSelectTest, IsNullIsPartOfTheShape) {
    auto p = plan_for(*blog, "admin",
                      R"({ posts(where: {_not: {rating: {_is_null: true}}, _or: []}) { id } })");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(), "posts: many[from posts where not(rating _is_null true)] {id:id}");
}

TEST_F(PlanSelectTest, ObjectRelationshipUsesTheRemotePermission) {
    auto p = plan_for(*blog, "user", "{ posts { title author { name } } }");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(),
              "posts: many[from posts where or(published _eq $0=true,author_id _eq "
              "$1=session:x-hasura-user-id) limit $2=10] {title:title author:object "
              "on(author_id=id) one[from users where true] {name:name}}");
}

TEST_F(PlanSelectTest, ArrayRelationshipHasItsOwnFilterLimitAndArguments) {
    auto p = plan_for(
        *blog, "user",
        R"({ users { name posts(where: {title: {_ilike: "%a%"}}, order_by: {id: desc}) { title } } })");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(),
              "users: many[from users where true] {name:name posts:array on(id=author_id) "
              "many[from posts where and(or(published _eq $0=true,author_id _eq "
              "$1=session:x-hasura-user-id),title _ilike $2=\"%a%\") order_by(id desc nulls first) "
              "limit $3=10] {title:title}}");
}

TEST_F(PlanSelectTest, WhereThroughARelationshipIsAnExistsUnderTheRemotePermission) {
    auto p = plan_for(*blog, "user", R"({ users(where: {posts: {title: {_eq: "x"}}}) { id } })");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(),
              "users: many[from users where exists(posts on(id=author_id) and(or(published _eq "
              "$0=true,author_id _eq $1=session:x-hasura-user-id),title _eq $2=\"x\"))] {id:id}");
}

TEST_F(PlanSelectTest, OrderByThroughAnObjectRelationship) {
    auto p = plan_for(
        *blog, "user",
        "{ posts(order_by: [{author: {name: asc_nulls_first}}, {id: desc_nulls_last}]) { id } }");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_NE(p->text().find("order_by(users[true].name asc nulls first,id desc nulls last)"),
              std::string::npos)
        << p->text();
}

TEST_F(PlanSelectTest, OrderByAnArrayAggregate) {
    auto p =
        plan_for(*blog, "user", "{ users(order_by: {posts_aggregate: {count: desc}}) { id } }");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_NE(p->text().find("order_by(posts[or(published _eq $0=true,author_id _eq "
                             "$1=session:x-hasura-user-id)].count desc nulls first)"),
              std::string::npos)
        << p->text();
}

TEST_F(PlanSelectTest, OrderByDirectionFromAVariableIsAValueVariable) {
    auto p = plan_for(*blog, "admin", R"(query($d: order_by) { posts(order_by: {id: $d}) { id } })",
                      R"({"d": "desc"})");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(),
              "posts: many[from posts where true order_by(id desc nulls first)] {id:id}");
    EXPECT_EQ(p->plan().value_variables, std::vector<std::string>{"d"});
}

TEST_F(PlanSelectTest, DistinctOnMustMatchTheFirstOrderByColumns) {
    auto ok = plan_for(
        *blog, "admin",
        "{ posts(distinct_on: [author_id], order_by: [{author_id: asc}, {id: asc}]) { id } }");
    ASSERT_TRUE(ok->ok()) << ok->failure;
    EXPECT_NE(ok->text().find("distinct_on(author_id)"), std::string::npos);
    auto bad = plan_for(*blog, "admin",
                        "{ posts(distinct_on: [author_id], order_by: [{id: asc}]) { id } }");
    ASSERT_TRUE(bad->result.has_value()) << bad->failure;
    ASSERT_FALSE(bad->ok());
    EXPECT_EQ(bad->error().message,
              "\"distinct_on\" columns must match initial \"order_by\" columns");
}

TEST_F(PlanSelectTest, AggregateCountAndColumnFunctions) {
    auto p =
        plan_for(*blog, "user",
                 "{ posts_aggregate(where: {published: {_eq: true}}) { aggregate { count(columns: "
                 "[author_id], distinct: true) max { rating } } nodes { id } } }");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(),
              "posts_aggregate: agg[from posts where and(or(published _eq $0=true,author_id _eq "
              "$1=session:x-hasura-user-id),published _eq $2=true) limit $3=10] "
              "{aggregate:{count:count(distinct author_id) max:max( rating:rating)} "
              "nodes:nodes{id:id}}");
}

TEST_F(PlanSelectTest, ArrayRelationshipAggregateField) {
    auto p = plan_for(*blog, "user", "{ users { posts_aggregate { aggregate { count } } } }");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_NE(p->text().find("posts_aggregate:aggregate on(id=author_id) agg[from posts"),
              std::string::npos)
        << p->text();
}

TEST_F(PlanSelectTest, AggregationPredicateInWhere) {
    auto p = plan_for(*blog, "user",
                      "{ users(where: {posts_aggregate: {count: {predicate: {_gt: 2}}}}) { id } }");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->text(),
              "users: many[from users where count(posts on(id=author_id) or(published _eq "
              "$0=true,author_id _eq $1=session:x-hasura-user-id)) _gt $2=2] {id:id}");
}

TEST_F(PlanSelectTest, HiddenColumnsAreNotInTheRoleSchema) {
    // Column restrictions are enforced before planning: the role's schema has no such field,
    // so neither output nor where nor order_by can name it.
    for (std::string_view q :
         {"{ users { email } }", R"({ users(where: {secret: {_eq: "x"}}) { id } })",
          "{ users(order_by: {email: asc}) { id } }"}) {
        auto p = plan_for(*blog, "user", q);
        EXPECT_FALSE(p->result.has_value()) << q;
        EXPECT_EQ(p->failure.rfind("validation: ", 0), 0u) << q << " " << p->failure;
    }
    auto admin = plan_for(*blog, "admin", "{ users { email } }");
    EXPECT_TRUE(admin->ok()) << admin->failure;
}

TEST_F(PlanSelectTest, StreamingSubscriptionsAreNotSupported) {
    auto p = plan_for(
        *blog, "user",
        "subscription { posts_stream(batch_size: 1, cursor: {initial_value: {id: 0}}) { id } }");
    ASSERT_TRUE(p->result.has_value()) << p->failure;
    ASSERT_FALSE(p->ok());
    EXPECT_EQ(p->error().code, "not-supported");
}

TEST_F(PlanSelectTest, SubscriptionsPlanLikeQueries) {
    auto p = plan_for(*seed, "user", "subscription { users { id } }");
    ASSERT_TRUE(p->ok()) << p->failure;
    EXPECT_EQ(p->plan().kind, OperationKind::kSubscription);
    EXPECT_EQ(p->text(),
              "users: many[from users where id _eq $0=session:x-hasura-user-id] {id:id}");
}

}  // namespace
}  // namespace ward::engine::plan
