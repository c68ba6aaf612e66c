// The execution cases run on both databases (included by graphql_exec_test.cpp and
// graphql_exec_pgtest.cpp, which instantiate them for their backend). Every expected response
// was written from Hasura's documented behaviour (spec/hasura.md §2-§4) and the seed in
// graphql_fixture.hpp, and is the same on SQLite and PostgreSQL.
#pragma once

#include "engine/server/graphql_fixture.hpp"

namespace ward::engine::server::testing {

using GraphqlExec = GraphqlExecFixture;

// Admin sees every row; the JSON comes from the database with Hasura's key order (the query's).
TEST_P(GraphqlExec, AdminSelectsEveryRow) {
    seed();
    auto r = gql("{ authors(order_by: {id: asc}) { name id active } }");
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(r.body,
              R"({"data":{"authors":[{"name":"Ann","id":1,"active":true},)"
              R"({"name":"Ben","id":2,"active":false},{"name":"Cid","id":3,"active":true}]}})");
    // Aliases name the keys; the same field twice with different arguments.
    r = gql(
        R"({ a: authors(where: {id: {_eq: 1}}) { n: name } b: authors(where: {id: {_eq: 2}}) { name } })");
    EXPECT_EQ(r.body, R"({"data":{"a":[{"n":"Ann"}],"b":[{"name":"Ben"}]}})");
    // No rows: an empty list, never null.
    r = gql("{ authors(where: {id: {_gt: 100}}) { id } }");
    EXPECT_EQ(r.body, R"({"data":{"authors":[]}})");
}

// hasura.md §2.3: the permission filter compares with the session variable; each user sees
// only their own row, and the same query serves both (one cached plan).
TEST_P(GraphqlExec, SessionVariableFiltersRowsPerUser) {
    seed();
    const std::string q = "{ authors { id name } }";
    EXPECT_EQ(gql(q, "", as_user("1")).body, R"({"data":{"authors":[{"id":1,"name":"Ann"}]}})");
    EXPECT_EQ(gql(q, "", as_user("2")).body, R"({"data":{"authors":[{"id":2,"name":"Ben"}]}})");
    EXPECT_EQ(gql(q, "", as_user("9")).body, R"({"data":{"authors":[]}})");
    // _or in the filter: published articles plus the user's own drafts.
    auto r = gql("{ articles(order_by: {id: asc}) { id title published } }", "", as_user("1"));
    EXPECT_EQ(r.body, R"({"data":{"articles":[{"id":10,"title":"Alpha","published":true},)"
                      R"({"id":11,"title":"Beta","published":false},)"
                      R"({"id":12,"title":"Gamma","published":true}]}})");
    r = gql("{ articles(order_by: {id: asc}) { id } }", "", as_user("3"));
    EXPECT_EQ(r.body, R"({"data":{"articles":[{"id":10},{"id":12},{"id":13}]}})");
    // The user's where is ANDed with the permission, never replacing it.
    r = gql("{ articles(where: {published: {_eq: false}}) { id } }", "", as_user("2"));
    EXPECT_EQ(r.body, R"({"data":{"articles":[]}})");
}

TEST_P(GraphqlExec, ByPrimaryKey) {
    seed();
    EXPECT_EQ(gql("{ authors_by_pk(id: 2) { id name } }").body,
              R"({"data":{"authors_by_pk":{"id":2,"name":"Ben"}}})");
    // A missing row is null.
    EXPECT_EQ(gql("{ authors_by_pk(id: 42) { id } }").body, R"({"data":{"authors_by_pk":null}})");
    // A row outside the permission is null too.
    EXPECT_EQ(gql("{ authors_by_pk(id: 2) { id } }", "", as_user("1")).body,
              R"({"data":{"authors_by_pk":null}})");
    EXPECT_EQ(gql("{ authors_by_pk(id: 1) { name } }", "", as_user("1")).body,
              R"({"data":{"authors_by_pk":{"name":"Ann"}}})");
}

TEST_P(GraphqlExec, Aggregates) {
    seed();
    auto r = gql(
        "{ articles_aggregate { aggregate { count max { rating id } min { rating title } } } }");
    EXPECT_EQ(r.body, R"({"data":{"articles_aggregate":{"aggregate":{"count":4,)"
                      R"("max":{"rating":8,"id":13},"min":{"rating":3,"title":"Alpha"}}}}})");
    r = gql(R"({ articles_aggregate(where: {published: {_eq: true}}, order_by: {id: desc}) {
                   aggregate { count sum { rating } } nodes { id title } } })");
    EXPECT_EQ(r.body, R"({"data":{"articles_aggregate":{"aggregate":{"count":2,)"
                      R"("sum":{"rating":8}},"nodes":[{"id":12,"title":"Gamma"},)"
                      R"({"id":10,"title":"Alpha"}]}}})");
    // count(columns, distinct) counts non-null values.
    r = gql(R"({ articles_aggregate { aggregate { all: count
                   rated: count(columns: [rating]) authors: count(columns: [author_id], distinct: true) } } })");
    EXPECT_EQ(r.body, R"({"data":{"articles_aggregate":{"aggregate":{"all":4,"rated":3,)"
                      R"("authors":3}}}})");
    // Over no rows: count 0, other aggregates null, nodes [].
    r = gql(R"({ articles_aggregate(where: {id: {_lt: 0}}) { aggregate { count max { rating } }
                   nodes { id } } })");
    EXPECT_EQ(r.body, R"({"data":{"articles_aggregate":{"aggregate":{"count":0,)"
                      R"("max":{"rating":null}},"nodes":[]}}})");
    // The permission filter applies to aggregates as well.
    r = gql("{ articles_aggregate { aggregate { count } } }", "", as_user("2"));
    EXPECT_EQ(r.body, R"({"data":{"articles_aggregate":{"aggregate":{"count":2}}}})");
}

TEST_P(GraphqlExec, WhereOrderByLimitOffsetDistinctOn) {
    seed();
    auto r = gql(R"({ articles(where: {rating: {_gte: 3}}, order_by: {rating: desc}, limit: 2,
                               offset: 1) { id rating } })");
    EXPECT_EQ(r.body, R"({"data":{"articles":[{"id":10,"rating":5},{"id":12,"rating":3}]}})");
    // Hasura's null placement: asc = nulls last, desc = nulls first.
    r = gql("{ articles(order_by: {rating: asc}) { id } }");
    EXPECT_EQ(r.body, R"({"data":{"articles":[{"id":12},{"id":10},{"id":13},{"id":11}]}})");
    r = gql("{ articles(order_by: {rating: desc}) { id } }");
    EXPECT_EQ(r.body, R"({"data":{"articles":[{"id":11},{"id":13},{"id":10},{"id":12}]}})");
    r = gql("{ articles(order_by: {rating: asc_nulls_first}, limit: 2) { id } }");
    EXPECT_EQ(r.body, R"({"data":{"articles":[{"id":11},{"id":12}]}})");
    // distinct_on keeps the first row of each group in order_by's order.
    r = gql(R"({ articles(distinct_on: author_id, order_by: [{author_id: asc}, {id: desc}]) {
                   id author_id } })");
    EXPECT_EQ(r.body, R"({"data":{"articles":[{"id":11,"author_id":1},{"id":12,"author_id":2},)"
                      R"({"id":13,"author_id":3}]}})");
    // _and / _or / _not and _in / _nin / _is_null.
    r = gql(R"({ articles(where: {_or: [{rating: {_is_null: true}}, {_and: [{id: {_in: [12, 13]}},
                   {_not: {title: {_eq: "Delta"}}}]}]}, order_by: {id: asc}) { id } })");
    EXPECT_EQ(r.body, R"({"data":{"articles":[{"id":11},{"id":12}]}})");
    r = gql(R"({ articles(where: {id: {_nin: [10, 11]}, title: {_like: "%a"}},
                          order_by: {id: asc}) { id } })");
    EXPECT_EQ(r.body, R"({"data":{"articles":[{"id":12},{"id":13}]}})");
    // Ordering through an object relationship.
    r = gql(R"({ articles(order_by: [{author: {name: desc}}, {id: asc}]) { id } })");
    EXPECT_EQ(r.body, R"({"data":{"articles":[{"id":13},{"id":12},{"id":10},{"id":11}]}})");
    // A where through an array relationship: authors with at least one published article.
    r = gql(R"({ authors(where: {articles: {published: {_eq: true}}}, order_by: {id: asc}) {
                   id } })");
    EXPECT_EQ(r.body, R"({"data":{"authors":[{"id":1},{"id":2}]}})");
}

// Relationships nested two levels each way; every level applies its own table's permission.
TEST_P(GraphqlExec, NestedRelationshipsUnderTheirOwnPermissions) {
    seed();
    const std::string down = R"({ authors { name articles(order_by: {id: asc}) { title
                                   comments(order_by: {id: asc}) { body } } } })";
    // User 1 sees Ann; both of her articles (one published, one own draft); the comments of
    // the published one only (the comments filter needs a published article).
    EXPECT_EQ(gql(down, "", as_user("1")).body,
              R"({"data":{"authors":[{"name":"Ann","articles":[)"
              R"({"title":"Alpha","comments":[{"body":"nice"},{"body":"great"}]},)"
              R"({"title":"Beta","comments":[]}]}]}})");
    // Admin sees every comment.
    EXPECT_EQ(gql(R"({ authors_by_pk(id: 1) { articles(order_by: {id: asc}) {
                       comments { body } } } })")
                  .body,
              R"({"data":{"authors_by_pk":{"articles":[{"comments":[{"body":"nice"},)"
              R"({"body":"great"}]},{"comments":[{"body":"hidden"}]}]}}})");
    const std::string up = R"({ comments(order_by: {id: asc}) { body article { title
                                 author { name } } } })";
    // The author of Gamma is Ben, whom user 1 may not see: the object is null.
    EXPECT_EQ(gql(up, "", as_user("1")).body,
              R"({"data":{"comments":[)"
              R"({"body":"nice","article":{"title":"Alpha","author":{"name":"Ann"}}},)"
              R"({"body":"great","article":{"title":"Alpha","author":{"name":"Ann"}}},)"
              R"({"body":"meh","article":{"title":"Gamma","author":null}}]}})");
    // Array relationship arguments and an aggregate relationship.
    auto r = gql(R"({ authors(order_by: {id: asc}, limit: 2) { id
                       articles(where: {published: {_eq: true}}, limit: 1) { id }
                       articles_aggregate { aggregate { count } } } })");
    EXPECT_EQ(
        r.body,
        R"({"data":{"authors":[)"
        R"({"id":1,"articles":[{"id":10}],"articles_aggregate":{"aggregate":{"count":2}}},)"
        R"({"id":2,"articles":[{"id":12}],"articles_aggregate":{"aggregate":{"count":1}}}]}})");
}

// Variables: the same query text with other values reuses the cached plan and returns other
// rows; literal and variable forms answer alike.
TEST_P(GraphqlExec, VariablesReuseTheCachedPlan) {
    seed();
    const std::string q = R"(query Pick($id: Int!, $min: Int = 0) {
        authors(where: {id: {_eq: $id}}) { name articles(where: {id: {_gte: $min}}) { id } } })";
    auto& cache = engine_->service().plan_cache_for_test();
    const auto hits = cache.hits();
    EXPECT_EQ(gql(q, R"({"id":1})").body,
              R"({"data":{"authors":[{"name":"Ann","articles":[{"id":10},{"id":11}]}]}})");
    EXPECT_EQ(gql(q, R"({"id":2})").body,
              R"({"data":{"authors":[{"name":"Ben","articles":[{"id":12}]}]}})");
    EXPECT_EQ(gql(q, R"({"id":1,"min":11})").body,
              R"({"data":{"authors":[{"name":"Ann","articles":[{"id":11}]}]}})");
    EXPECT_EQ(cache.hits(), hits + 2);
    // The operation name is part of the key; an unknown one fails as graphql-js does.
    auto r = gql(q, R"({"id":3})", admin(), "Pick");
    EXPECT_EQ(r.body, R"({"data":{"authors":[{"name":"Cid","articles":[{"id":13}]}]}})");
    r = gql(q, R"({"id":3})", admin(), "Other");
    EXPECT_EQ(code_of(r), "validation-failed");
    // A variable holding a whole where object shapes the plan: other values, other rows.
    const std::string w = "query($w: authors_bool_exp) { authors(where: $w) { id } }";
    EXPECT_EQ(gql(w, R"({"w":{"id":{"_eq":2}}})").body, R"({"data":{"authors":[{"id":2}]}})");
    EXPECT_EQ(gql(w, R"({"w":{"name":{"_eq":"Cid"}}})").body, R"({"data":{"authors":[{"id":3}]}})");
    EXPECT_EQ(gql(w, R"({"w":{"id":{"_eq":2}}})").body, R"({"data":{"authors":[{"id":2}]}})");
    // @include with a variable changes the collected fields.
    const std::string inc =
        "query($n: Boolean!) { authors_by_pk(id: 1) { id name @include(if: $n) } }";
    EXPECT_EQ(gql(inc, R"({"n":true})").body,
              R"({"data":{"authors_by_pk":{"id":1,"name":"Ann"}}})");
    EXPECT_EQ(gql(inc, R"({"n":false})").body, R"({"data":{"authors_by_pk":{"id":1}}})");
    // A session value is bound per request too, through the same cached plan.
    EXPECT_EQ(gql(q, R"({"id":1})", as_user("1")).body,
              R"({"data":{"authors":[{"name":"Ann","articles":[{"id":10},{"id":11}]}]}})");
    EXPECT_EQ(gql(q, R"({"id":1})", as_user("2")).body, R"({"data":{"authors":[]}})");
}

// A metadata change publishes a new schema generation: no request runs a stale plan.
TEST_P(GraphqlExec, MetadataChangeInvalidatesCachedPlans) {
    seed();
    const std::string q = "{ articles(order_by: {id: asc}) { id } }";
    EXPECT_EQ(gql(q, "", as_user("1")).body,
              R"({"data":{"articles":[{"id":10},{"id":11},{"id":12}]}})");
    ok_metadata(R"({"type":"bulk","args":[
        {"type":"pg_drop_select_permission","args":{"table":$T(articles),"role":"user"}},
        {"type":"pg_create_select_permission","args":{"table":$T(articles),"role":"user",
          "permission":{"columns":["id"],"filter":{"published":{"_eq":true}}}}}]})");
    EXPECT_EQ(gql(q, "", as_user("1")).body, R"({"data":{"articles":[{"id":10},{"id":12}]}})");
    // A column the new permission lacks is gone from the role's schema.
    auto r = gql("{ articles { title } }", "", as_user("1"));
    EXPECT_EQ(message_of(r), "field 'title' not found in type: 'articles'");
    // Dropping the permission removes the field.
    ok_metadata(
        R"({"type":"pg_drop_select_permission","args":{"table":$T(articles),"role":"user"}})");
    r = gql(q, "", as_user("1"));
    EXPECT_EQ(message_of(r), "field 'articles' not found in type: 'query_root'");
    EXPECT_EQ(path_of(r), "$.selectionSet.articles");
    // DDL through run_sql changes the catalog under the same resource_version.
    exec_sql("ALTER TABLE authors ADD COLUMN nick text");
    exec_sql("UPDATE authors SET nick = 'A' WHERE id = 1");
    EXPECT_EQ(gql("{ authors_by_pk(id: 1) { nick } }").body,
              R"({"data":{"authors_by_pk":{"nick":"A"}}})");
}

// Mixed introspection and table fields in one operation.
TEST_P(GraphqlExec, IntrospectionNextToTableFields) {
    seed();
    auto r = gql(R"({ __typename authors(where: {id: {_eq: 1}}) { id __typename }
                     __schema { queryType { name } } t: __type(name: "authors") { name } })");
    EXPECT_EQ(r.body, R"({"data":{"__typename":"query_root","authors":[{"id":1,)"
                      R"("__typename":"authors"}],"__schema":{"queryType":{"name":"query_root"}},)"
                      R"("t":{"name":"authors"}}})");
    // Served again from the cached plan, with a variable in the introspection part.
    const std::string q = R"(query($t: String!) { authors_by_pk(id: 2) { name }
                                                  __type(name: $t) { name } })";
    EXPECT_EQ(gql(q, R"({"t":"articles"})").body,
              R"({"data":{"authors_by_pk":{"name":"Ben"},"__type":{"name":"articles"}}})");
    EXPECT_EQ(gql(q, R"({"t":"comments"})").body,
              R"({"data":{"authors_by_pk":{"name":"Ben"},"__type":{"name":"comments"}}})");
}

// Hasura's error responses (HTTP 200 on /v1/graphql, {"errors":[…]}).
TEST_P(GraphqlExec, ErrorsHaveHasurasShapes) {
    seed();
    auto r = gql("{ authors { nope } }");
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(
        r.body,
        R"({"errors":[{"extensions":{"path":"$.selectionSet.authors.selectionSet.nope",)"
        R"("code":"validation-failed"},"message":"field 'nope' not found in type: 'authors'"}]})");
    // A role without any permission: the table is not in its schema (hasura.md §3.3).
    http::Headers guest = admin();
    guest.add("x-hasura-role", "guest");
    r = gql("{ authors { id } }", "", guest);
    EXPECT_EQ(
        r.body,
        R"({"errors":[{"extensions":{"path":"$.selectionSet.authors",)"
        R"("code":"validation-failed"},"message":"field 'authors' not found in type: 'query_root'"}]})");
    // A column outside the role's permission.
    r = gql("{ articles { rating } }", "", as_user("1"));
    EXPECT_EQ(message_of(r), "field 'rating' not found in type: 'articles'");
    EXPECT_EQ(path_of(r), "$.selectionSet.articles.selectionSet.rating");
    // Aggregations not allowed on authors for `user`.
    r = gql("{ authors_aggregate { aggregate { count } } }", "", as_user("1"));
    EXPECT_EQ(message_of(r), "field 'authors_aggregate' not found in type: 'query_root'");
    // A variable of the wrong type.
    r = gql("query($id: Int!) { authors_by_pk(id: $id) { name } }", R"({"id":"x"})");
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(code_of(r), "validation-failed");
    r = gql("query($id: Int!) { authors_by_pk(id: $id) { name } }", "{}");
    EXPECT_EQ(code_of(r), "validation-failed");
    // The session variable the permission needs is missing (hasura.md §2.1).
    r = gql("{ authors { id } }", "", as_user(""));
    EXPECT_EQ(r.body, R"({"errors":[{"extensions":{"path":"$","code":"not-found"},)"
                      R"("message":"missing session variables: \"x-hasura-user-id\""}]})");
    // A session value that is not of the column's type is a data exception (§2.3).
    r = gql("{ authors { id } }", "", as_user("abc"));
    EXPECT_EQ(code_of(r), "data-exception");
    EXPECT_EQ(message_of(r), "invalid input syntax for type integer: \"abc\"");
    // Subscriptions need a WebSocket.
    r = gql("subscription { authors { id } }");
    EXPECT_EQ(
        r.body,
        R"({"errors":[{"extensions":{"path":"$","code":"unexpected-payload"},)"
        R"("message":"subscriptions are not supported over HTTP, use websockets instead"}]})");
    // A negative limit.
    r = gql("{ authors(limit: -1) { id } }");
    EXPECT_EQ(code_of(r), "validation-failed");
}

// A batch mixes successes and errors, each with its own envelope.
TEST_P(GraphqlExec, BatchesRunEachOperation) {
    seed();
    auto r = send(
        *engine_, "POST", "/v1/graphql",
        R"([{"query":"{ authors_by_pk(id: 1) { name } }"},)"
        R"({"query":"query($i: Int!) { authors_by_pk(id: $i) { name } }","variables":{"i":3}},)"
        R"({"query":"{ nope }"}])",
        admin());
    EXPECT_EQ(r.status, 200u);
    ASSERT_TRUE(r.json.is_array()) << r.body;
    EXPECT_EQ(str(r.json.at(0)), R"({"data":{"authors_by_pk":{"name":"Ann"}}})");
    EXPECT_EQ(str(r.json.at(1)), R"({"data":{"authors_by_pk":{"name":"Cid"}}})");
    EXPECT_EQ(code_of(Reply{.json = r.json.at(2)}), "validation-failed");
}

// A database failure: admins (HASURA_GRAPHQL_ADMIN_INTERNAL_ERRORS) see the statement in
// `internal`; other roles never see SQL text.
TEST_P(GraphqlExec, DatabaseErrorsHideSqlFromNonAdmins) {
    seed();
    // Drop the table behind the engine's back (read_only skips the catalog refresh).
    auto dropped = send(
        *engine_, "POST", "/v2/query",
        R"({"type":"run_sql","args":{"sql":"DROP TABLE comments","read_only":true}})", admin());
    ASSERT_EQ(dropped.status, 200u) << dropped.body;
    auto r = gql("{ comments { id } }");
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(code_of(r), "postgres-error");
    EXPECT_EQ(message_of(r), "database query error");
    const auto& ext = r.json.at("errors").at(0).at("extensions").as_object();
    ASSERT_TRUE(ext.contains("internal")) << r.body;
    EXPECT_NE(std::string(ext.at("internal").at("statement").as_string()).find("SELECT"),
              std::string::npos);
    r = gql("{ comments { id } }", "", as_user("1"));
    EXPECT_EQ(code_of(r), "postgres-error");
    EXPECT_EQ(r.body.find("SELECT"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("internal"), std::string::npos) << r.body;
}

// POST /v1/graphql/explain (admin only): one {field, sql, plan} per root field.
TEST_P(GraphqlExec, ExplainAnswersPerRootField) {
    seed();
    auto r =
        send(*engine_, "POST", "/v1/graphql/explain",
             R"({"query":{"query":"{ a: authors(where: {id: {_eq: 1}}) { name } __typename }"},)"
             R"("user":{"x-hasura-role":"user","x-hasura-user-id":"1"}})",
             admin());
    ASSERT_EQ(r.status, 200u) << r.body;
    ASSERT_TRUE(r.json.is_array()) << r.body;
    ASSERT_EQ(r.json.as_array().size(), 2u);
    const auto& a = r.json.at(0).as_object();
    EXPECT_EQ(str(a.at("field")), "\"a\"");
    EXPECT_NE(std::string(a.at("sql").as_string()).find("authors"), std::string::npos);
    ASSERT_TRUE(a.at("plan").is_array());
    EXPECT_FALSE(a.at("plan").as_array().empty());
    EXPECT_EQ(str(r.json.at(1)), R"({"field":"__typename","sql":null,"plan":null})");

    // Only admins may explain.
    r = send(*engine_, "POST", "/v1/graphql/explain", R"({"query":{"query":"{ __typename }"}})",
             as_user("1"));
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(str(r.json.at("code")), "\"access-denied\"");
    // Errors answer in the REST shape.
    r = send(*engine_, "POST", "/v1/graphql/explain",
             R"({"query":{"query":"{ authors { id } }"},"user":{"x-hasura-role":"guest"}})",
             admin());
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(str(r.json.at("code")), "\"validation-failed\"");
    r = send(*engine_, "POST", "/v1/graphql/explain", R"({"user":{}})", admin());
    EXPECT_EQ(str(r.json.at("code")), "\"parse-failed\"");
    r = send(*engine_, "POST", "/v1/graphql/explain",
             R"({"query":{"query":"mutation { __typename }"}})", admin());
    EXPECT_EQ(str(r.json.at("error")), "\"only queries can be explained\"");
    r = send(*engine_, "POST", "/v1/graphql/explain",
             R"({"query":{"query":"{ authors { id } }"},"user":{"x-hasura-role":"user"}})",
             admin());
    EXPECT_EQ(str(r.json.at("code")), "\"not-found\"");
    r = send(*engine_, "POST", "/v1/graphql/explain", "{", admin());
    EXPECT_EQ(str(r.json.at("code")), "\"invalid-json\"");
}

}  // namespace ward::engine::server::testing
