// The golden runner: every case of tests/engine/golden/cases/*.json becomes one test that starts
// an engine on the binary's backend (SQLite in golden_test.cpp, PostgreSQL in golden_pgtest.cpp),
// runs the file's setup SQL and metadata, sends the case's request to /v1/graphql and compares
// the response with the expected one written by hand (README.md describes the format), then the
// SQL the request compiled to with the case's block in cases/<file>.<dialect>.sql.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/golden/sql_snapshot.hpp"
#include "engine/server/graphql_fixture.hpp"

namespace ward::engine::server::testing {

namespace json = core::json;

struct GoldenCase {
    std::string file;  // the case file's stem
    std::string name;  // the case's name (unique within the file)
    json::object suite;
    json::object spec;
    std::string load_error;  // set: the file could not be read; the test reports it
    // Every case name of the file, in file order: the order of its SQL snapshot's blocks.
    std::vector<std::string> suite_cases;
};

inline void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.file << "/" << c.name; }

// Defined by each binary: the database its cases run on.
Backend golden_backend();

inline std::string golden_test_name(const ::testing::TestParamInfo<GoldenCase>& info) {
    std::string out = info.param.file + "_" + info.param.name;
    for (char& c : out) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    return out;
}

// Every case of every file, files in name order. A file that cannot be read yields one case
// carrying the error, so a broken file fails visibly instead of vanishing.
inline std::vector<GoldenCase> load_golden_cases() {
    std::vector<GoldenCase> out;
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(WARD_GOLDEN_CASES_DIR, ec)) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    if (ec || files.empty()) {
        out.push_back(
            GoldenCase{.file = "cases",
                       .name = "missing",
                       .load_error = std::string("no case files in ") + WARD_GOLDEN_CASES_DIR});
        return out;
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        GoldenCase broken{.file = path.stem().string(), .name = "load_error"};
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        auto parsed = core::parse_json(text.str());
        if (!parsed || !parsed->is_object()) {
            broken.load_error = path.string() + ": not a JSON object" +
                                (parsed ? std::string() : ": " + parsed.error().to_string());
            out.push_back(std::move(broken));
            continue;
        }
        const json::object& suite = parsed->as_object();
        const json::array* cases = core::get_array(suite, "cases");
        if (cases == nullptr || cases->empty()) {
            broken.load_error = path.string() + ": no \"cases\"";
            out.push_back(std::move(broken));
            continue;
        }
        json::object shared = suite;
        shared.erase("cases");
        std::vector<std::string> names;
        for (const auto& c : *cases) {
            const auto* obj = c.if_object();
            if (auto name = obj ? core::get_string(*obj, "name") : std::nullopt) {
                names.emplace_back(*name);
            }
        }
        for (const auto& c : *cases) {
            const auto* obj = c.if_object();
            auto name = obj ? core::get_string(*obj, "name") : std::nullopt;
            if (!name || !obj->contains("query") ||
                !(obj->contains("response") || obj->contains("response_sqlite"))) {
                broken.load_error = path.string() + ": a case needs name, query and response";
                out.push_back(broken);
                continue;
            }
            out.push_back(GoldenCase{.file = path.stem().string(),
                                     .name = std::string(*name),
                                     .suite = shared,
                                     .spec = *obj,
                                     .suite_cases = names});
        }
    }
    return out;
}

class GoldenTest : public BackendEngineFixture, public ::testing::WithParamInterface<GoldenCase> {
  protected:
    Backend backend() const override { return golden_backend(); }

    void adjust(Settings& s) override {
        const json::object* settings = core::get_object(GetParam().suite, "settings");
        if (settings == nullptr) return;
        if (auto b = core::get_bool(*settings, "stringify_numeric_types")) {
            s.stringify_numeric_types = *b;
        }
    }

    // On PostgreSQL every table name of a metadata command is qualified with the test's
    // schema, and tracked tables get their own name as custom_name (see track()).
    void qualify(json::value& v) const {
        if (auto* arr = v.if_array()) {
            for (auto& item : *arr) qualify(item);
            return;
        }
        auto* obj = v.if_object();
        if (obj == nullptr) return;
        auto type = core::get_string(*obj, "type");
        if (type && type->ends_with("track_table")) {
            if (auto* args = obj->if_contains("args"); args && args->is_object()) {
                auto& a = args->as_object();
                if (auto name = core::get_string(a, "table")) {
                    json::object config;
                    if (const auto* c = core::get_object(a, "configuration")) config = *c;
                    if (!config.contains("custom_name")) config["custom_name"] = *name;
                    a["configuration"] = std::move(config);
                }
            }
        }
        for (auto& kv : *obj) {
            if ((kv.key() == "table" || kv.key() == "_table") && kv.value().is_string()) {
                kv.value() = json::object{{"schema", schema_}, {"name", kv.value().as_string()}};
            } else {
                qualify(kv.value());
            }
        }
    }

    void run_setup() {
        const json::object& suite = GetParam().suite;
        if (const json::value* sql = core::find(suite, "setup_sql")) {
            if (sql->is_string()) {
                exec_sql(std::string(sql->as_string()));
            } else if (sql->is_array()) {
                for (const auto& s : sql->as_array()) {
                    if (s.is_string()) exec_sql(std::string(s.as_string()));
                }
            }
        }
        if (const json::array* md = core::get_array(suite, "metadata")) {
            json::value bulk = json::object{{"type", "bulk"}, {"args", *md}};
            if (postgres()) qualify(bulk);
            auto r = metadata(*engine_, core::to_json(bulk));
            ASSERT_EQ(r.status, 200u) << r.body;
        }
    }

    http::Headers headers() const {
        http::Headers h = admin();
        const json::object& spec = GetParam().spec;
        if (auto role = core::get_string(spec, "role"); role && *role != "admin") {
            h.add("x-hasura-role", std::string(*role));
        }
        if (const json::object* session = core::get_object(spec, "session")) {
            for (const auto& kv : *session) {
                if (kv.value().is_string()) {
                    h.add(std::string(kv.key()), std::string(kv.value().as_string()));
                }
            }
        }
        return h;
    }

    // The SQL the request compiled to (the plan cache of a fresh engine holds only this
    // case's plans) against the case's block in cases/<file>.<dialect>.sql; with
    // WARD_GOLDEN_UPDATE=1 the block is rewritten instead.
    void check_sql_snapshot(const GoldenCase& c) {
        const char* dialect = postgres() ? "postgres" : "sqlite";
        std::string actual;
        std::vector<const CompiledOperation*> seen;
        for (const auto& entry : engine_->service().plan_cache_for_test().entries()) {
            if (std::find(seen.begin(), seen.end(), entry.get()) != seen.end()) continue;
            seen.push_back(entry.get());
            if (!entry->statement) continue;
            actual += describe_statement(*entry->statement, schema_);
        }
        if (actual.empty()) actual = "-- no SQL (answered without the database, or refused)\n";
        while (actual.ends_with("\n\n")) actual.pop_back();  // as parse_snapshot trims

        const std::string path =
            std::string(WARD_GOLDEN_CASES_DIR) + "/" + c.file + "." + dialect + ".sql";
        const char* update = std::getenv("WARD_GOLDEN_UPDATE");
        if (update != nullptr && std::string_view(update) == "1") {
            const std::string header = "-- The SQL every case of " + c.file +
                                       ".json compiles to on " + dialect +
                                       " (tests/engine/golden/README.md).\n-- Written by "
                                       "WARD_GOLDEN_UPDATE=1; review every change as a diff.";
            const std::string error = update_snapshot(path, header, c.suite_cases, c.name, actual);
            EXPECT_TRUE(error.empty()) << error;
            return;
        }
        const auto text = read_text_file(path);
        ASSERT_TRUE(text.has_value())
            << "no SQL snapshot " << path << " (WARD_GOLDEN_UPDATE=1 writes it)";
        const SnapshotFile file = parse_snapshot(*text);
        const std::string* expected = file.find(c.name);
        ASSERT_NE(expected, nullptr) << "no block \"" << kCaseMarker << c.name << "\" in " << path
                                     << " (WARD_GOLDEN_UPDATE=1 writes it); the SQL is:\n"
                                     << actual;
        EXPECT_TRUE(*expected == actual)
            << "the SQL of " << c.file << "/" << c.name << " on " << dialect << " differs from "
            << path << " (- snapshot, + now; if the change is intended, rerun with "
            << "WARD_GOLDEN_UPDATE=1 and review the diff):\n"
            << line_diff(*expected, actual);
    }
};

TEST_P(GoldenTest, Case) {
    const GoldenCase& c = GetParam();
    ASSERT_TRUE(c.load_error.empty()) << c.load_error;
    run_setup();
    if (HasFatalFailure()) return;

    json::object body{{"query", c.spec.at("query")}};
    if (const json::value* v = core::find(c.spec, "variables")) body["variables"] = *v;
    if (const json::value* op = core::find(c.spec, "operationName")) body["operationName"] = *op;
    auto reply = send(*engine_, "POST", "/v1/graphql", core::to_json(body), headers());

    const json::value* expected = core::find(c.spec, "response");
    if (!postgres()) {
        if (const json::value* lite = core::find(c.spec, "response_sqlite")) expected = lite;
    }
    ASSERT_NE(expected, nullptr) << "no expected response for this database";
    // extensions.internal (database details for admins) holds dialect-specific SQL: the
    // server tests check it; the cases pin everything else.
    if (auto* errors =
            reply.json.is_object() ? reply.json.as_object().if_contains("errors") : nullptr;
        errors != nullptr && errors->is_array()) {
        for (auto& e : errors->as_array()) {
            if (auto* ext = e.is_object() ? e.as_object().if_contains("extensions") : nullptr;
                ext != nullptr && ext->is_object()) {
                ext->as_object().erase("internal");
            }
        }
    }
    EXPECT_EQ(reply.status, 200u) << reply.body;
    // Compared after parsing both (an integer stays distinct from a float: 7 is not 7.0), in
    // key order.
    EXPECT_EQ(core::to_json(reply.json), core::to_json(*expected))
        << core::get_string(c.spec, "description").value_or("") << "\nbody: " << reply.body;
    check_sql_snapshot(c);
}

}  // namespace ward::engine::server::testing
