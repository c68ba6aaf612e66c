// Hand-built plans over the seed data with the JSON both databases must return. Shared by
// compile_test (SQLite) and compile_pgtest (PostgreSQL, and equality with SQLite).
#pragma once

#include <string>
#include <vector>

#include "engine/sqlgen/fixture.hpp"

namespace ward::engine::testing {

struct Case {
    std::string name;
    plan::QueryPlan plan;
    std::string expected;  // compact JSON of the data object
};

using Op = plan::CompareOp;

inline plan::TableSelect users_select(std::vector<plan::OutputField> fields) {
    plan::TableSelect s;
    s.rows.table = table("users");
    s.fields = std::move(fields);
    return s;
}

inline plan::OrderBy asc(plan::ColumnRef c) { return plan::OrderBy{.target = std::move(c)}; }

inline plan::QueryPlan one_root(std::string key, plan::TableSelect s, plan::QueryPlan p = {}) {
    p.fields.push_back(plan::RootFieldPlan{.key = std::move(key), .node = std::move(s)});
    return p;
}

inline plan::ArrayRelationshipField posts_of_user(std::vector<plan::OutputField> fields) {
    plan::TableSelect s;
    s.rows.table = table("posts");
    s.rows.order_by.push_back(asc(col("id")));
    s.fields = std::move(fields);
    return plan::ArrayRelationshipField{.select = s, .join = {{"id", "author_id"}}};
}

inline std::vector<Case> cases() {
    std::vector<Case> out;
    {
        auto s =
            users_select({field("id", col("id")), field("name", col("name", ScalarType::kString))});
        s.rows.order_by.push_back(asc(col("id")));
        out.push_back({"simple select", one_root("users", s),
                       R"({"users":[{"id":1,"name":"Alice"},{"id":2,"name":"Bob"},)"
                       R"({"id":3,"name":"Carol"},{"id":4,"name":"Dave's"}]})"});
    }
    {
        auto s = users_select({field("active", col("active", ScalarType::kBoolean)),
                               field("score", col("score", ScalarType::kFloat))});
        plan::QueryPlan p;
        s.rows.where =
            cmp(col("id"), Op::kIn, lit(p, core::json::array{1, 2, 3}, ScalarType::kInt, true));
        s.rows.order_by.push_back(asc(col("id")));
        out.push_back({"booleans, floats and _in", one_root("u", s, std::move(p)),
                       R"({"u":[{"active":true,"score":9.5},{"active":false,"score":7},)"
                       R"({"active":true,"score":null}]})"});
    }
    {
        // _or(_and(age >= 30, _not(name _ilike 'a%')), email _is_null)
        auto s = users_select({field("id", col("id"))});
        plan::QueryPlan p;
        plan::AndFilter a;
        a.items.push_back(cmp(col("age"), Op::kGte, lit(p, 30, ScalarType::kInt)));
        a.items.push_back(plan::Filter{plan::NotFilter{plan::Filter{cmp(
            col("name", ScalarType::kString), Op::kIlike, lit(p, "a%", ScalarType::kString))}}});
        plan::OrFilter o;
        o.items.push_back(plan::Filter{std::move(a)});
        o.items.push_back(plan::Filter{plan::CompareFilter{
            .column = col("email", ScalarType::kString), .op = Op::kIsNull, .operand = true}});
        s.rows.where = plan::Filter{std::move(o)};
        s.rows.order_by.push_back(asc(col("id")));
        out.push_back({"_and _or _not _ilike _is_null", one_root("u", s, std::move(p)),
                       R"({"u":[{"id":3},{"id":4}]})"});
    }
    {
        // _like is case-sensitive on both databases; _nin; _neq with a session-style string.
        auto s = users_select({field("id", col("id"))});
        plan::QueryPlan p;
        plan::AndFilter a;
        a.items.push_back(
            cmp(col("name", ScalarType::kString), Op::kLike, lit(p, "%o%", ScalarType::kString)));
        a.items.push_back(
            cmp(col("id"), Op::kNin, lit(p, core::json::array{9}, ScalarType::kInt, true)));
        a.items.push_back(cmp(col("id"), Op::kNeq, lit(p, "3", ScalarType::kInt)));
        s.rows.where = plan::Filter{std::move(a)};
        out.push_back({"_like _nin and a text session value", one_root("u", s, std::move(p)),
                       R"({"u":[{"id":2}]})"});
    }
    {
        auto s = users_select({field("id", col("id")), field("age", col("age"))});
        s.rows.order_by.push_back(
            plan::OrderBy{.target = col("age"), .descending = true, .nulls_first = true});
        s.rows.order_by.push_back(asc(col("id")));
        out.push_back(
            {"order_by desc nulls first", one_root("u", s),
             R"({"u":[{"id":2,"age":null},{"id":3,"age":41},{"id":1,"age":30},{"id":4,"age":30}]})"});
    }
    {
        auto s = users_select({field("id", col("id"))});
        plan::QueryPlan p;
        s.rows.order_by.push_back(asc(col("id")));
        s.rows.limit = lit(p, 2, ScalarType::kInt);
        s.rows.offset = lit(p, 1, ScalarType::kInt);
        out.push_back(
            {"limit and offset", one_root("u", s, std::move(p)), R"({"u":[{"id":2},{"id":3}]})"});
    }
    {
        plan::TableSelect author = users_select({field("name", col("name", ScalarType::kString))});
        author.single = true;
        plan::TableSelect s;
        s.rows.table = table("posts");
        s.rows.order_by.push_back(plan::OrderBy{
            .path = {plan::OrderByHop{.table = table("users"), .join = {{"author_id", "id"}}}},
            .target = col("name", ScalarType::kString),
            .descending = true});
        s.rows.order_by.push_back(asc(col("id")));
        s.fields.push_back(field("id", col("id")));
        s.fields.push_back(plan::OutputField{.key = "author",
                                             .value = plan::ObjectRelationshipField{
                                                 .select = author, .join = {{"author_id", "id"}}}});
        out.push_back(
            {"object relationship, ordered by a relationship column", one_root("posts", s),
             R"({"posts":[{"id":13,"author":{"name":"Carol"}},{"id":12,"author":{"name":"Bob"}},)"
             R"({"id":10,"author":{"name":"Alice"}},{"id":11,"author":{"name":"Alice"}}]})"});
    }
    {
        // users -> posts -> comments -> author, 3 deep, the comments under a row filter.
        plan::QueryPlan p;
        plan::TableSelect commenter =
            users_select({field("name", col("name", ScalarType::kString))});
        commenter.single = true;
        plan::TableSelect comments;
        comments.rows.table = table("comments");
        comments.rows.where = cmp(col("user_id"), Op::kNeq, lit(p, 3, ScalarType::kInt));
        comments.fields.push_back(field("body", col("body", ScalarType::kString)));
        comments.fields.push_back(plan::OutputField{
            .key = "by",
            .value =
                plan::ObjectRelationshipField{.select = commenter, .join = {{"user_id", "id"}}}});
        auto posts = posts_of_user(
            {field("title", col("title", ScalarType::kString)),
             plan::OutputField{.key = "comments",
                               .value = plan::ArrayRelationshipField{
                                   .select = comments, .join = {{"id", "post_id"}}}}});
        auto s = users_select({field("name", col("name", ScalarType::kString)),
                               plan::OutputField{.key = "posts", .value = posts}});
        s.rows.where = cmp(col("id"), Op::kEq, lit(p, 1, ScalarType::kInt));
        out.push_back(
            {"array and object relationships nested 3 deep", one_root("u", s, std::move(p)),
             R"({"u":[{"name":"Alice","posts":[{"title":"Hello","comments":[{"body":"nice","by":{"name":"Bob"}}]},)"
             R"({"title":"Second","comments":[]}]}]})"});
    }
    {
        plan::QueryPlan p;
        auto s = users_select({field("id", col("id"))});
        s.rows.where = plan::Filter{
            plan::ExistsFilter{.table = table("posts"),
                               .join = {{"id", "author_id"}},
                               .where = cmp(col("likes"), Op::kGt, lit(p, 4, ScalarType::kInt))}};
        s.rows.order_by.push_back(asc(col("id")));
        out.push_back({"relationship filter", one_root("u", s, std::move(p)),
                       R"({"u":[{"id":1},{"id":3}]})"});
    }
    {
        auto s = users_select({field("id", col("id"))});
        s.rows.order_by.push_back(plan::OrderBy{
            .target =
                plan::OrderByAggregate{.table = table("posts"), .join = {{"id", "author_id"}}},
            .descending = true});
        s.rows.order_by.push_back(asc(col("id")));
        out.push_back({"order by an array relationship count", one_root("u", s),
                       R"({"u":[{"id":1},{"id":2},{"id":3},{"id":4}]})"});
    }
    {
        auto s = users_select({field("id", col("id"))});
        s.rows.distinct_on.push_back(col("age"));
        s.rows.order_by.push_back(asc(col("age")));
        s.rows.order_by.push_back(plan::OrderBy{.target = col("id"), .descending = true});
        out.push_back({"distinct_on", one_root("u", s), R"({"u":[{"id":4},{"id":3},{"id":2}]})"});
    }
    {
        plan::QueryPlan p;
        plan::AggregateSelect a;
        a.rows.table = table("users");
        a.rows.where =
            cmp(col("active", ScalarType::kBoolean), Op::kEq, lit(p, true, ScalarType::kBoolean));
        a.rows.order_by.push_back(asc(col("id")));
        plan::AggregateBlock block;
        block.ops.push_back({"count", plan::CountAggregate{}});
        block.ops.push_back(
            {"sum", plan::FunctionAggregate{.function = plan::AggregateFunction::kSum,
                                            .columns = {{"age", col("age")}}}});
        block.ops.push_back({"avg", plan::FunctionAggregate{
                                        .function = plan::AggregateFunction::kAvg,
                                        .columns = {{"score", col("score", ScalarType::kFloat)}}}});
        block.ops.push_back({"max", plan::FunctionAggregate{
                                        .function = plan::AggregateFunction::kMax,
                                        .columns = {{"name", col("name", ScalarType::kString)}}}});
        a.fields.push_back({"aggregate", block});
        a.fields.push_back({"nodes", plan::NodesBlock{{field("id", col("id"))}}});
        p.fields.push_back(plan::RootFieldPlan{.key = "users_aggregate", .node = a});
        out.push_back(
            {"aggregate with nodes", std::move(p),
             R"({"users_aggregate":{"aggregate":{"count":3,"sum":{"age":101},)"
             R"("avg":{"score":6.375},"max":{"name":"Dave's"}},"nodes":[{"id":1},{"id":3},{"id":4}]}})"});
    }
    {
        plan::QueryPlan p;
        auto one = users_select(
            {field("name", col("name", ScalarType::kString)),
             plan::OutputField{.key = "__typename", .value = plan::TypenameField{"users"}}});
        one.single = true;
        one.rows.where = cmp(col("id"), Op::kEq, lit(p, 3, ScalarType::kInt));
        auto missing = one;
        missing.rows.where = cmp(col("id"), Op::kEq, lit(p, 99, ScalarType::kInt));
        p.fields.push_back(plan::RootFieldPlan{.key = "by_pk", .node = one});
        p.fields.push_back(plan::RootFieldPlan{.key = "none", .node = missing});
        out.push_back({"by_pk found and missing, __typename", std::move(p),
                       R"({"by_pk":{"name":"Carol","__typename":"users"},"none":null})"});
    }
    {
        plan::AggregateSelect count;
        count.rows.table = table("posts");
        plan::AggregateBlock block;
        block.ops.push_back({"count", plan::CountAggregate{}});
        count.fields.push_back({"aggregate", block});
        auto s =
            users_select({field("id", col("id")),
                          plan::OutputField{.key = "posts_aggregate",
                                            .value = plan::ArrayAggregateField{
                                                .select = count, .join = {{"id", "author_id"}}}}});
        s.rows.order_by.push_back(asc(col("id")));
        out.push_back({"nested aggregate", one_root("u", s),
                       R"({"u":[{"id":1,"posts_aggregate":{"aggregate":{"count":2}}},)"
                       R"({"id":2,"posts_aggregate":{"aggregate":{"count":1}}},)"
                       R"({"id":3,"posts_aggregate":{"aggregate":{"count":1}}},)"
                       R"({"id":4,"posts_aggregate":{"aggregate":{"count":0}}}]})"});
    }
    return out;
}

// The JSON text in one canonical compact form (PostgreSQL's json type prints " : ").
inline std::string canonical(const std::string& text) {
    auto v = core::parse_json(text);
    return v ? core::to_json(*v) : "<invalid JSON: " + text + ">";
}

}  // namespace ward::engine::testing
