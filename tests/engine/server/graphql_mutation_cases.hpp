// Mutations through the Service on both databases (included by graphql_exec_test.cpp and
// graphql_exec_pgtest.cpp next to graphql_exec_cases.hpp). Expected responses follow Hasura's
// documented shapes (spec/hasura.md §2.1, §3.1, §4.1): {affected_rows, returning} or the row
// itself, one transaction per request, permission checks, presets, constraint errors.
#pragma once

#include "engine/server/graphql_fixture.hpp"

namespace ward::engine::server::testing {

class GraphqlMutationFixture : public GraphqlExecFixture {
  protected:
    // Role `user` may insert its own articles (author_id preset from the session, only
    // unpublished ones), update the titles of its own articles, and nothing else.
    void seed_mutations() {
        seed();
        ok_metadata(R"({"type":"bulk","args":[
          {"type":"pg_create_insert_permission","args":{"table":$T(articles),"role":"user",
            "permission":{"columns":["id","title","published"],
              "check":{"published":{"_eq":false}},
              "set":{"author_id":"X-Hasura-User-Id"}}}},
          {"type":"pg_create_update_permission","args":{"table":$T(articles),"role":"user",
            "permission":{"columns":["title"],
              "filter":{"author_id":{"_eq":"X-Hasura-User-Id"}},"check":{}}}}
        ]})");
    }
};

using GraphqlMutationTest = GraphqlMutationFixture;

TEST_P(GraphqlMutationTest, InsertUpdateDeleteAsAdmin) {
    seed_mutations();
    auto r = gql(R"(mutation { insert_authors_one(object: {id: 4, name: "Dee", active: true}) {
                     id name } })");
    EXPECT_EQ(r.body, R"({"data":{"insert_authors_one":{"id":4,"name":"Dee"}}})");
    r = gql(R"(mutation { insert_articles(objects: [
                   {id: 20, author_id: 4, title: "One", published: false},
                   {id: 21, author_id: 4, title: "Two", rating: 1, published: true}]) {
                 affected_rows returning { id title rating } } })");
    EXPECT_EQ(r.body,
              R"({"data":{"insert_articles":{"affected_rows":2,"returning":[)"
              R"({"id":20,"title":"One","rating":null},{"id":21,"title":"Two","rating":1}]}}})");
    r = gql(R"(mutation { update_articles(where: {author_id: {_eq: 4}}, _set: {published: true},
                                          _inc: {rating: 2}) {
                 affected_rows returning { id published rating } } })");
    // _inc on a null stays null (NULL + 2).
    EXPECT_EQ(
        r.body,
        R"({"data":{"update_articles":{"affected_rows":2,"returning":[)"
        R"({"id":20,"published":true,"rating":null},{"id":21,"published":true,"rating":3}]}}})");
    r = gql(R"(mutation { update_articles_by_pk(pk_columns: {id: 20}, _set: {title: "Uno"}) {
                 id title } })");
    EXPECT_EQ(r.body, R"({"data":{"update_articles_by_pk":{"id":20,"title":"Uno"}}})");
    r = gql(
        R"(mutation { update_articles_by_pk(pk_columns: {id: 99}, _set: {title: "x"}) { id } })");
    EXPECT_EQ(r.body, R"({"data":{"update_articles_by_pk":null}})");
    r = gql(R"(mutation { delete_comments_by_pk(id: 103) { body } })");
    EXPECT_EQ(r.body, R"({"data":{"delete_comments_by_pk":{"body":"hidden"}}})");
    r = gql(R"(mutation { delete_comments(where: {article_id: {_eq: 10}}) { affected_rows } })");
    EXPECT_EQ(r.body, R"({"data":{"delete_comments":{"affected_rows":2}}})");
    // The changes are there for the next query.
    r = gql("{ comments { id } articles_by_pk(id: 20) { title published } }");
    EXPECT_EQ(r.body, R"({"data":{"comments":[{"id":102}],)"
                      R"("articles_by_pk":{"title":"Uno","published":true}}})");
}

TEST_P(GraphqlMutationTest, VariablesFeedMutations) {
    seed_mutations();
    const std::string m = R"(mutation Add($rows: [authors_insert_input!]!) {
        insert_authors(objects: $rows) { affected_rows returning { id } } })";
    auto r = gql(m, R"({"rows":[{"id":7,"name":"G","active":false}]})");
    EXPECT_EQ(r.body, R"({"data":{"insert_authors":{"affected_rows":1,"returning":[{"id":7}]}}})");
    r = gql(m, R"({"rows":[{"id":8,"name":"H","active":true},{"id":9,"name":"I","active":true}]})");
    EXPECT_EQ(r.body, R"({"data":{"insert_authors":{"affected_rows":2,)"
                      R"("returning":[{"id":8},{"id":9}]}}})");
    const std::string rename = R"(mutation($id: Int!, $name: String!) {
        update_authors_by_pk(pk_columns: {id: $id}, _set: {name: $name}) { name } })";
    EXPECT_EQ(gql(rename, R"({"id":8,"name":"Hal"})").body,
              R"({"data":{"update_authors_by_pk":{"name":"Hal"}}})");
    EXPECT_EQ(gql(rename, R"({"id":9,"name":"Ivy"})").body,
              R"({"data":{"update_authors_by_pk":{"name":"Ivy"}}})");
}

// Every root field of a mutation runs in one transaction: a failure undoes the earlier ones.
TEST_P(GraphqlMutationTest, OneTransactionPerRequest) {
    seed_mutations();
    auto r = gql(R"(mutation {
        a: insert_authors_one(object: {id: 5, name: "E", active: true}) { id }
        b: insert_authors_one(object: {id: 1, name: "dup", active: true}) { id } })");
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(code_of(r), "constraint-violation");
    EXPECT_EQ(message_of(r).rfind("Uniqueness violation. ", 0), 0u) << r.body;
    EXPECT_EQ(gql("{ authors_by_pk(id: 5) { id } }").body, R"({"data":{"authors_by_pk":null}})");
    // A foreign key violation.
    r = gql(R"(mutation { insert_articles_one(object: {id: 30, author_id: 99, title: "x",
                                                       published: true}) { id } })");
    EXPECT_EQ(code_of(r), "constraint-violation");
    EXPECT_EQ(message_of(r).rfind("Foreign key violation. ", 0), 0u) << r.body;
}

// hasura.md §2.1: presets from the session, the insert check, the update filter.
TEST_P(GraphqlMutationTest, PermissionsOnMutations) {
    seed_mutations();
    // author_id comes from the session; the role may read it back through its select
    // permission.
    auto r = gql(R"(mutation { insert_articles_one(object: {id: 40, title: "Mine",
                                                            published: false}) {
                     id author_id title } })",
                 "", as_user("2"));
    EXPECT_EQ(r.body, R"({"data":{"insert_articles_one":{"id":40,"author_id":2,"title":"Mine"}}})");
    // The preset column is not in the role's insert input.
    r = gql(R"(mutation { insert_articles_one(object: {id: 41, author_id: 1, title: "x",
                                                       published: false}) { id } })",
            "", as_user("2"));
    EXPECT_EQ(message_of(r), "field 'author_id' not found in type: 'articles_insert_input'");
    // The check fails: nothing is inserted.
    r = gql(R"(mutation { insert_articles(objects: [{id: 42, title: "ok", published: false},
                                                   {id: 43, title: "no", published: true}]) {
                     affected_rows } })",
            "", as_user("2"));
    EXPECT_EQ(code_of(r), "permission-error");
    EXPECT_EQ(message_of(r), "check constraint of an insert permission has failed");
    EXPECT_EQ(gql("{ articles(where: {id: {_in: [42, 43]}}) { id } }").body,
              R"({"data":{"articles":[]}})");
    // The update filter: user 1 renames only its own articles (10, 11).
    r = gql(R"(mutation { update_articles(where: {}, _set: {title: "T"}) { affected_rows } })", "",
            as_user("1"));
    EXPECT_EQ(r.body, R"({"data":{"update_articles":{"affected_rows":2}}})");
    EXPECT_EQ(gql("{ articles(order_by: {id: asc}) { title } }").body,
              R"({"data":{"articles":[{"title":"T"},{"title":"T"},{"title":"Gamma"},)"
              R"({"title":"Delta"},{"title":"Mine"}]}})");
    // No delete permission: the field does not exist for the role.
    r = gql("mutation { delete_articles(where: {}) { affected_rows } }", "", as_user("1"));
    EXPECT_EQ(
        r.body,
        R"({"errors":[{"extensions":{"path":"$.selectionSet.delete_articles",)"
        R"("code":"validation-failed"},"message":"field 'delete_articles' not found in type: 'mutation_root'"}]})");
    // A column outside the update permission.
    r = gql(R"(mutation { update_articles(where: {}, _set: {published: true}) { affected_rows } })",
            "", as_user("1"));
    EXPECT_EQ(message_of(r), "field 'published' not found in type: 'articles_set_input'");
}

}  // namespace ward::engine::server::testing
