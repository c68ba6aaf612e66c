// GraphQL execution through the Service's HTTP handlers, on SQLite or PostgreSQL: the fixtures
// shared by graphql_exec_test.cpp (SQLite), graphql_exec_pgtest.cpp (PostgreSQL, label pg) and
// the golden runner. Both databases run the same cases against the same expected JSON, so a
// case that passes on both proves the two databases answer identically.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <cctype>
#include <cstdlib>
#include <ostream>
#include <string>

#include "engine/server/service_fixture.hpp"

namespace ward::engine::server::testing {

enum class Backend { kSqlite, kPostgres };

// Readable test names in ctest instead of a byte dump.
inline void PrintTo(Backend b, std::ostream* os) {
    *os << (b == Backend::kSqlite ? "sqlite" : "postgres");
}

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
    return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

// The seed of the execution cases: authors -> articles -> comments, with Hasura-style
// relationships both ways and a select permission for role `user` on each table.
inline constexpr const char* kSeedSql = R"sql(
CREATE TABLE authors (id integer PRIMARY KEY, name text NOT NULL, active boolean NOT NULL);
CREATE TABLE articles (id integer PRIMARY KEY, author_id integer NOT NULL REFERENCES authors(id),
                       title text NOT NULL, rating integer, published boolean NOT NULL);
CREATE TABLE comments (id integer PRIMARY KEY, article_id integer NOT NULL REFERENCES articles(id),
                       commenter_id integer NOT NULL, body text NOT NULL);
INSERT INTO authors VALUES (1, 'Ann', true), (2, 'Ben', false), (3, 'Cid', true);
INSERT INTO articles VALUES (10, 1, 'Alpha', 5, true), (11, 1, 'Beta', NULL, false),
                            (12, 2, 'Gamma', 3, true), (13, 3, 'Delta', 8, false);
INSERT INTO comments VALUES (100, 10, 2, 'nice'), (101, 10, 3, 'great'), (102, 12, 1, 'meh'),
                            (103, 11, 3, 'hidden');
)sql";

// An engine on the backend the derived fixture names, with helpers for the metadata API and
// /v1/graphql that hide the difference between the two databases.
class BackendEngineFixture : public ServiceFixture {
  protected:
    virtual Backend backend() const = 0;
    // Lets a fixture change the settings before the engine starts.
    virtual void adjust(Settings&) {}

    void SetUp() override {
        if (backend() == Backend::kPostgres) {
            const char* dsn = std::getenv("WARD_TEST_PG_DSN");
            if (!dsn) GTEST_SKIP() << "WARD_TEST_PG_DSN is not set (scripts/start-postgres)";
            dsn_ = dsn;
            schema_ = "gx_" + core::SystemRandom().alphanumeric(8);
            for (char& c : schema_) {
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            admin_sql("CREATE SCHEMA " + schema_);
        }
        engine_ = &start(settings());
        ASSERT_TRUE(engine_->ok());
    }
    void TearDown() override {
        engines_.clear();
        if (!schema_.empty()) admin_sql("DROP SCHEMA " + schema_ + " CASCADE");
    }

    bool postgres() const { return backend() == Backend::kPostgres; }

    Settings settings() {
        Settings s = base_settings();
        if (postgres()) {
            // Each test works in its own schema, so runs sharing a server never meet.
            std::string url = dsn_ + (dsn_.find('?') == std::string::npos ? "?" : "&") +
                              "options=-csearch_path%3D" + schema_;
            s.database_url = url;
            s.metadata_database_url = url;
        }
        adjust(s);
        return s;
    }

    void admin_sql(const std::string& text) {
        boost::asio::io_context io;
        auto db = sql::Database::open(dsn_, io.get_executor());
        ASSERT_TRUE(db);
        auto r = sql::run_sync(io, (*db)->execute_script(text));
        ASSERT_TRUE(r) << r.error().to_string();
    }

    // run_sql through the engine (so its catalog refresh runs too).
    void exec_sql(const std::string& text, Engine* e = nullptr) {
        auto r = run_sql(e ? *e : *engine_, text);
        ASSERT_EQ(r.status, 200u) << r.body;
    }

    // A table argument of the metadata API: on PostgreSQL qualified with the test's schema.
    std::string table(const std::string& name) const {
        if (!postgres()) return core::quote_json(name);
        return R"({"schema":")" + schema_ + R"(","name":")" + name + R"("})";
    }

    // Tracks a table; on PostgreSQL under a custom_name, so both databases get the same
    // GraphQL names (a non-public schema would otherwise prefix them).
    void track(const std::string& name, Engine* e = nullptr) {
        std::string args = R"({"table":)" + table(name);
        if (postgres()) args += R"(,"configuration":{"custom_name":")" + name + R"("})";
        args += "}";
        ok_metadata(R"({"type":"pg_track_table","args":)" + args + "}", e);
    }

    // `body` with the placeholder $T(name) replaced by table(name).
    std::string with_tables(std::string body) const {
        for (std::size_t at = body.find("$T("); at != std::string::npos;
             at = body.find("$T(", at)) {
            const std::size_t close = body.find(')', at);
            const std::string name = body.substr(at + 3, close - at - 3);
            const std::string replacement = table(name);
            body.replace(at, close - at + 1, replacement);
            at += replacement.size();
        }
        return body;
    }

    void ok_metadata(const std::string& body, Engine* e = nullptr) {
        auto r = metadata(e ? *e : *engine_, with_tables(body));
        ASSERT_EQ(r.status, 200u) << body << "\n" << r.body;
    }

    // The seed: tables, rows, relationships, and role `user`'s permissions:
    //   authors:  own row only (id = X-Hasura-User-Id), columns id, name
    //   articles: published or own; no `rating`; aggregations allowed
    //   comments: on published articles only; columns id, article_id, body
    void seed() {
        exec_sql(kSeedSql);
        for (const char* t : {"authors", "articles", "comments"}) track(t);
        ok_metadata(R"({"type":"bulk","args":[
          {"type":"pg_create_object_relationship","args":{"table":$T(articles),"name":"author",
            "using":{"foreign_key_constraint_on":"author_id"}}},
          {"type":"pg_create_array_relationship","args":{"table":$T(authors),"name":"articles",
            "using":{"foreign_key_constraint_on":{"table":$T(articles),"column":"author_id"}}}},
          {"type":"pg_create_array_relationship","args":{"table":$T(articles),"name":"comments",
            "using":{"foreign_key_constraint_on":{"table":$T(comments),"column":"article_id"}}}},
          {"type":"pg_create_object_relationship","args":{"table":$T(comments),"name":"article",
            "using":{"foreign_key_constraint_on":"article_id"}}},
          {"type":"pg_create_select_permission","args":{"table":$T(authors),"role":"user",
            "permission":{"columns":["id","name"],"filter":{"id":{"_eq":"X-Hasura-User-Id"}}}}},
          {"type":"pg_create_select_permission","args":{"table":$T(articles),"role":"user",
            "permission":{"columns":["id","author_id","title","published"],
              "filter":{"_or":[{"published":{"_eq":true}},
                               {"author_id":{"_eq":"X-Hasura-User-Id"}}]},
              "allow_aggregations":true}}},
          {"type":"pg_create_select_permission","args":{"table":$T(comments),"role":"user",
            "permission":{"columns":["id","article_id","body"],
              "filter":{"article":{"published":{"_eq":true}}}}}}
        ]})");
    }

    // Role `user` with x-hasura-user-id `id` (none when empty).
    static http::Headers as_user(const std::string& id) {
        http::Headers h = admin();
        h.add("x-hasura-role", "user");
        if (!id.empty()) h.add("x-hasura-user-id", id);
        return h;
    }

    // POST /v1/graphql with variables (JSON text, "" for none) and an operation name.
    Reply gql(const std::string& query, const std::string& variables = "",
              http::Headers h = admin(), const std::string& operation = "", Engine* e = nullptr) {
        core::json::object body{{"query", query}};
        if (!variables.empty()) body["variables"] = core::parse_json(variables).value();
        if (!operation.empty()) body["operationName"] = operation;
        return send(e ? *e : *engine_, "POST", "/v1/graphql", core::to_json(body), std::move(h));
    }

    // The error's extensions.code and message, for compact assertions.
    static std::string code_of(const Reply& r) {
        const auto* errors =
            r.json.is_object() ? r.json.as_object().if_contains("errors") : nullptr;
        if (!errors) return "(no errors) " + r.body;
        return std::string(errors->at(0).at("extensions").at("code").as_string());
    }
    static std::string message_of(const Reply& r) {
        const auto* errors =
            r.json.is_object() ? r.json.as_object().if_contains("errors") : nullptr;
        if (!errors) return "(no errors) " + r.body;
        return std::string(errors->at(0).at("message").as_string());
    }
    static std::string path_of(const Reply& r) {
        const auto* errors =
            r.json.is_object() ? r.json.as_object().if_contains("errors") : nullptr;
        if (!errors) return "(no errors) " + r.body;
        return std::string(errors->at(0).at("extensions").at("path").as_string());
    }

    std::string dsn_;
    std::string schema_;
    Engine* engine_ = nullptr;
};

class GraphqlExecFixture : public BackendEngineFixture,
                           public ::testing::WithParamInterface<Backend> {
  protected:
    Backend backend() const override { return GetParam(); }
};

}  // namespace ward::engine::server::testing
