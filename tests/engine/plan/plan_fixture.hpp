// Test fixture for engine::plan: two schemas (the seed `users` with role `user`, and a
// users/posts schema with relationships and every kind of permission), and a helper that parses,
// validates, prepares and plans a query for a role.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "engine/graphql/execution.hpp"
#include "engine/graphql/parser.hpp"
#include "engine/graphql/validate.hpp"
#include "engine/metadata/metadata.hpp"
#include "engine/plan/bind.hpp"
#include "engine/plan/dump.hpp"
#include "engine/plan/plan.hpp"
#include "engine/schema/role_schema.hpp"

namespace ward::engine::plan::testing {

using catalog::ScalarType;

inline catalog::Column col(std::string name, std::string db_type, ScalarType scalar, bool nullable,
                           int position, bool has_default = false) {
    catalog::Column c;
    c.name = std::move(name);
    c.db_type = std::move(db_type);
    c.scalar = scalar;
    c.nullable = nullable;
    c.position = position;
    c.has_default = has_default;
    return c;
}

inline std::shared_ptr<const schema::Snapshot> make_snapshot(std::string_view md_text,
                                                             std::vector<catalog::Table> tables) {
    auto json = core::parse_json(md_text);
    EXPECT_TRUE(json.has_value());
    auto md = metadata::parse_metadata(*json);
    EXPECT_TRUE(md.has_value()) << (md ? "" : md.error().message);
    catalog::Catalogs cats;
    cats.emplace("default", std::make_shared<const catalog::Catalog>(std::move(tables)));
    auto snap = schema::build_snapshot(*md, cats);
    EXPECT_TRUE(snap.has_value()) << (snap ? "" : snap.error().message());
    return snap ? *snap : nullptr;
}

// The seed: users(id text pk, username text); role `user` reads its own row.
inline std::shared_ptr<const schema::Snapshot> seed_snapshot() {
    catalog::Table t;
    t.name = {"public", "users"};
    t.columns = {col("id", "text", ScalarType::kString, false, 1),
                 col("username", "text", ScalarType::kString, true, 2)};
    t.primary_key = {"id"};
    t.primary_key_constraint = "users_pkey";
    return make_snapshot(R"({"version": 3, "sources": [{"name": "default", "kind": "postgres",
      "configuration": {}, "tables": [{"table": {"schema": "public", "name": "users"},
      "select_permissions": [{"role": "user", "permission": {"columns": ["id", "username"],
      "filter": {"id": {"_eq": "X-Hasura-User-Id"}}}}]}]}]})",
                         {t});
}

// users(id int4 pk, name, email, secret) and posts(id serial pk, author_id -> users, title,
// published bool, rating numeric, meta jsonb). Role `user`: sees users' id/name, every
// published post and its own; inserts/updates/deletes its own posts.
inline std::shared_ptr<const schema::Snapshot> blog_snapshot() {
    catalog::Table users;
    users.name = {"public", "users"};
    users.columns = {col("id", "int4", ScalarType::kInt, false, 1, true),
                     col("name", "text", ScalarType::kString, false, 2),
                     col("email", "text", ScalarType::kString, true, 3),
                     col("secret", "text", ScalarType::kString, true, 4)};
    users.primary_key = {"id"};
    users.primary_key_constraint = "users_pkey";
    catalog::Table posts;
    posts.name = {"public", "posts"};
    posts.columns = {col("id", "int4", ScalarType::kInt, false, 1, true),
                     col("author_id", "int4", ScalarType::kInt, false, 2),
                     col("title", "text", ScalarType::kString, false, 3),
                     col("published", "bool", ScalarType::kBoolean, false, 4, true),
                     col("rating", "numeric", ScalarType::kNumeric, true, 5),
                     col("meta", "jsonb", ScalarType::kJsonb, true, 6)};
    posts.primary_key = {"id"};
    posts.primary_key_constraint = "posts_pkey";
    posts.foreign_keys = {{"posts_author_id_fkey", {"author_id"}, {"public", "users"}, {"id"}}};
    return make_snapshot(R"({"version": 3, "sources": [{"name": "default", "kind": "postgres",
      "configuration": {}, "tables": [
      {"table": {"schema": "public", "name": "users"},
       "array_relationships": [{"name": "posts", "using": {"foreign_key_constraint_on":
         {"table": {"schema": "public", "name": "posts"}, "column": "author_id"}}}],
       "select_permissions": [{"role": "user", "permission": {"columns": ["id", "name"],
         "filter": {}}}]},
      {"table": {"schema": "public", "name": "posts"},
       "object_relationships": [{"name": "author", "using": {"foreign_key_constraint_on": "author_id"}}],
       "select_permissions": [{"role": "user", "permission": {
         "columns": ["id", "author_id", "title", "published", "rating", "meta"],
         "filter": {"_or": [{"published": {"_eq": true}}, {"author_id": {"_eq": "X-Hasura-User-Id"}}]},
         "limit": 10, "allow_aggregations": true}}],
       "insert_permissions": [{"role": "user", "permission": {
         "check": {"author_id": {"_eq": "X-Hasura-User-Id"}},
         "set": {"author_id": "X-Hasura-User-Id"}, "columns": ["title", "published", "rating"]}}],
       "update_permissions": [{"role": "user", "permission": {"columns": ["title", "published", "rating"],
         "filter": {"author_id": {"_eq": "X-Hasura-User-Id"}},
         "check": {"published": {"_in": [true, false]}}}}],
       "delete_permissions": [{"role": "user", "permission": {
         "filter": {"author_id": {"_eq": "X-Hasura-User-Id"}}}}]}
      ]}]})",
                         {users, posts});
}

// Everything one planned request needs to stay alive.
struct Planned {
    graphql::ast::Document doc;
    std::optional<graphql::PreparedOperation> op;
    std::optional<core::Result<QueryPlan, PlanError>> result;
    std::string failure;  // parse/validation/preparation problem (a test bug)

    bool ok() const { return result && result->has_value(); }
    const QueryPlan& plan() const { return result->value(); }
    const PlanError& error() const { return result->error(); }
    std::string text(bool sources = true) const { return ok() ? dump(plan(), sources) : ""; }
};

inline std::unique_ptr<Planned> plan_for(const schema::Snapshot& snap, std::string_view role,
                                         std::string_view query,
                                         std::string_view variables = "{}") {
    auto out = std::make_unique<Planned>();
    auto rs = snap.for_role(role);
    if (!rs) {
        out->failure = "no schema for role";
        return out;
    }
    auto doc = graphql::parse(query);
    if (!doc) {
        out->failure = "parse failed";
        return out;
    }
    out->doc = std::move(doc).value();
    auto errors = graphql::validate(rs->graphql(), out->doc);
    if (!errors.empty()) {
        out->failure = "validation: " + errors.front().message;
        return out;
    }
    auto vars = core::parse_json(variables);
    auto prepared = graphql::prepare_operation(rs->graphql(), out->doc, "", vars->as_object());
    if (!prepared) {
        out->failure = "prepare: " + prepared.error().front().message;
        return out;
    }
    out->op = std::move(prepared).value();
    // Keep the role schema alive with the snapshot the caller holds.
    out->result = plan_operation(*rs, *out->op);
    return out;
}

inline metadata::SessionVariables session(std::string_view user_id) {
    metadata::SessionVariables s;
    s.set("x-hasura-role", "user");
    if (!user_id.empty()) s.set("X-Hasura-User-Id", std::string(user_id));
    return s;
}

}  // namespace ward::engine::plan::testing
