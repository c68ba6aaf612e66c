// Micro-benchmarks for the engine's GraphQL front end: parse and validate a typical query (the
// work done on a query-cache miss), collect fields, and build a large per-role schema.
#include <benchmark/benchmark.h>

#include <string>

#include "engine/graphql/execution.hpp"
#include "engine/graphql/parser.hpp"
#include "engine/graphql/schema.hpp"
#include "engine/graphql/validate.hpp"

namespace {

using namespace ward::engine::graphql;

constexpr std::string_view kQuery = R"(
query Users($limit: Int = 10, $name: String) {
  users(limit: $limit, where: {username: {_eq: $name}}) {
    id
    username
    email
    created_at
    profile { bio avatar_url }
    posts(limit: 5) { id title published_at }
  }
})";

std::shared_ptr<const Schema> make_schema(int tables) {
    SchemaBuilder b;
    auto root = b.add_object("query_root");
    b.add_input_object("String_comparison_exp").input_field("_eq", "String");
    for (int t = 0; t < tables; ++t) {
        const std::string n = t == 0 ? "users" : "table" + std::to_string(t);
        root.field(n, "[" + n + "!]!").arg("limit", "Int").arg("where", n + "_bool_exp");
        auto exp = b.add_input_object(n + "_bool_exp");
        exp.input_field("_and", "[" + n + "_bool_exp!]");
        exp.input_field("username", "String_comparison_exp");
        auto obj = b.add_object(n);
        obj.field("id", "Int!").field("username", "String").field("email", "String");
        obj.field("created_at", "String").field("profile", "profiles");
        obj.field("posts", "[posts!]!").arg("limit", "Int");
        for (int k = 0; k < 36; ++k) {
            b.add_object(n + "_aux" + std::to_string(k)).field("affected_rows", "Int!");
        }
    }
    b.add_object("profiles").field("bio", "String").field("avatar_url", "String");
    b.add_object("posts")
        .field("id", "Int!")
        .field("title", "String")
        .field("published_at", "String");
    b.set_query_type("query_root");
    return *b.build();
}

void BM_Parse(benchmark::State& state) {
    for (auto _ : state) {
        auto doc = parse(kQuery);
        benchmark::DoNotOptimize(doc);
    }
}
BENCHMARK(BM_Parse);

void BM_Validate(benchmark::State& state) {
    auto schema = make_schema(10);
    auto doc = *parse(kQuery);
    for (auto _ : state) {
        auto errors = validate(*schema, doc);
        benchmark::DoNotOptimize(errors);
    }
}
BENCHMARK(BM_Validate);

void BM_ParseValidatePrepare(benchmark::State& state) {
    auto schema = make_schema(10);
    ward::core::json::object vars;
    vars["name"] = "alice";
    for (auto _ : state) {
        auto doc = *parse(kQuery);
        auto errors = validate(*schema, doc);
        auto op = prepare_operation(*schema, doc, "", vars);
        benchmark::DoNotOptimize(op);
    }
}
BENCHMARK(BM_ParseValidatePrepare);

void BM_BuildSchema(benchmark::State& state) {
    for (auto _ : state) {
        auto schema = make_schema(static_cast<int>(state.range(0)));
        benchmark::DoNotOptimize(schema);
    }
}
BENCHMARK(BM_BuildSchema)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
