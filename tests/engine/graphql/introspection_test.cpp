// Introspection (GraphQL spec §4) through the real pipeline: parse, validate, prepare, answer.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "engine/graphql/introspection.hpp"
#include "engine/graphql/parser.hpp"
#include "engine/graphql/printer.hpp"
#include "engine/graphql/test_schema.hpp"
#include "engine/graphql/validate.hpp"

namespace ward::engine::graphql {
namespace {

namespace json = core::json;

// graphql-js 16 getIntrospectionQuery({descriptions: true, specifiedByUrl: true,
// directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true}).
constexpr std::string_view kIntrospectionQuery = R"(
    query IntrospectionQuery {
      __schema {
        description
        queryType { name }
        mutationType { name }
        subscriptionType { name }
        types {
          ...FullType
        }
        directives {
          name
          description
          isRepeatable
          locations
          args(includeDeprecated: true) {
            ...InputValue
          }
        }
      }
    }

    fragment FullType on __Type {
      kind
      name
      description
      specifiedByURL
      fields(includeDeprecated: true) {
        name
        description
        args(includeDeprecated: true) {
          ...InputValue
        }
        type {
          ...TypeRef
        }
        isDeprecated
        deprecationReason
      }
      inputFields(includeDeprecated: true) {
        ...InputValue
      }
      interfaces {
        ...TypeRef
      }
      enumValues(includeDeprecated: true) {
        name
        description
        isDeprecated
        deprecationReason
      }
      possibleTypes {
        ...TypeRef
      }
    }

    fragment InputValue on __InputValue {
      name
      description
      type { ...TypeRef }
      defaultValue
      isDeprecated
      deprecationReason
    }

    fragment TypeRef on __Type {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
                ofType {
                  kind
                  name
                  ofType {
                    kind
                    name
                  }
                }
              }
            }
          }
        }
      }
    }
  )";

std::string run(const Schema& schema, std::string_view query, std::string_view variables = "{}") {
    auto doc = parse(query);
    EXPECT_TRUE(doc.has_value()) << (doc ? "" : doc.error().message);
    if (!doc) return {};
    auto errors = validate(schema, *doc);
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].message);
    auto vars = core::parse_json(variables);
    auto op = prepare_operation(schema, *doc, "", vars->as_object());
    EXPECT_TRUE(op.has_value()) << (op ? "" : op.error()[0].message);
    if (!op) return {};
    return execute_introspection(schema, *op);
}

std::shared_ptr<const Schema> small_schema() {
    SchemaBuilder b;
    b.add_object("Query", "Root query")
        .field("users", "[User!]!", "All users")
        .arg("limit", "Int", "10")
        .field("old", "Int")
        .deprecated("Use users");
    b.add_object("User").field("id", "ID!").field("role", "Role");
    b.add_enum("Role").value("ADMIN").value("GUEST").deprecated("Gone");
    return *b.build();
}

TEST(GraphqlIntrospectionTest, AnswersTypeQueryOnSmallSchema) {
    auto s = small_schema();
    EXPECT_EQ(run(*s, R"({ t: __type(name: "Query") { name kind description
                  fields { name description isDeprecated deprecationReason
                           args { name defaultValue type { name } }
                           type { kind name ofType { kind name ofType { kind name } } } } } })"),
              R"({"data":{"t":{"name":"Query","kind":"OBJECT","description":"Root query",)"
              R"("fields":[{"name":"users","description":"All users","isDeprecated":false,)"
              R"("deprecationReason":null,"args":[{"name":"limit","defaultValue":"10",)"
              R"("type":{"name":"Int"}}],"type":{"kind":"NON_NULL","name":null,"ofType":)"
              R"({"kind":"LIST","name":null,"ofType":{"kind":"NON_NULL","name":null}}}}]}}})");
}

TEST(GraphqlIntrospectionTest, HonoursDeprecationAliasesFragmentsAndDirectives) {
    auto s = small_schema();
    EXPECT_EQ(run(*s, R"(query ($all: Boolean!) { __type(name: "Role") {
                  all: enumValues(includeDeprecated: true) { name isDeprecated deprecationReason }
                  enumValues { name }
                  ...on __Type { kind @include(if: $all) __typename }
                  fields { name } } missing: __type(name: "Nope") { name } __typename })",
                  R"({"all": false})"),
              R"({"data":{"__type":{"all":[{"name":"ADMIN","isDeprecated":false,)"
              R"("deprecationReason":null},{"name":"GUEST","isDeprecated":true,)"
              R"("deprecationReason":"Gone"}],"enumValues":[{"name":"ADMIN"}],)"
              R"("__typename":"__Type","fields":null},"missing":null,"__typename":"Query"}})");
    EXPECT_EQ(run(*s, R"({ __type(name: "Query") { fields(includeDeprecated: true) { name } } })"),
              R"({"data":{"__type":{"fields":[{"name":"users"},{"name":"old"}]}}})");
}

TEST(GraphqlIntrospectionTest, SchemaRootsAndDirectives) {
    auto s = testing::spec_schema();
    const std::string out = run(*s, R"({ __schema { queryType { name } mutationType { name }
        subscriptionType { name } directives { name isRepeatable locations args { name } } } })");
    const std::string prefix =
        R"({"data":{"__schema":{"queryType":{"name":"Query"},"mutationType":null,)"
        R"("subscriptionType":{"name":"Subscription"},"directives":[{"name":"include")";
    EXPECT_EQ(out.substr(0, prefix.size()), prefix);
    EXPECT_NE(out.find(R"({"name":"skip","isRepeatable":false,"locations":["FIELD",)"
                       R"("FRAGMENT_SPREAD","INLINE_FRAGMENT"],"args":[{"name":"if"}]})"),
              std::string::npos);
}

// The full graphql-js 16 introspection query over a larger schema: well-formed and complete.
TEST(GraphqlIntrospectionTest, GraphqlJsIntrospectionQueryIsComplete) {
    SchemaBuilder b;
    b.add_scalar("DateTime", "ISO time", "https://example.com/dt");
    b.add_object("Query")
        .field("node", "Node")
        .arg("id", "ID!")
        .field("search", "[[SearchResult!]]!")
        .arg("filter", "Filter", "{name: \"x\", tags: [A]}")
        .arg("old", "Int")
        .deprecated("no");
    b.add_object("Mutation").field("touch", "DateTime");
    b.add_interface("Node").field("id", "ID!");
    b.add_object("User").implements("Node").field("id", "ID!").field("at", "DateTime");
    b.add_object("Post").implements("Node").field("id", "ID!");
    b.add_union("SearchResult").member("User").member("Post");
    b.add_enum("Tag").value("A").value("B").deprecated();
    b.add_input_object("Filter")
        .input_field("name", "String")
        .input_field("tags", "[Tag!]")
        .input_field("legacy", "Int")
        .deprecated("x");
    b.add_directive("cached", {DirectiveLocation::kQuery, DirectiveLocation::kField}, true,
                    "Caches")
        .arg("ttl", "Int", "60");
    b.set_mutation_type("Mutation");
    b.set_description("Test schema");
    auto s = *b.build();

    const std::string out = run(*s, kIntrospectionQuery);
    auto parsed = core::parse_json(out, {.max_bytes = 1 << 24, .max_depth = 64});
    ASSERT_TRUE(parsed.has_value()) << out.substr(0, 200);
    const json::object& schema = parsed->at("data").at("__schema").as_object();
    EXPECT_EQ(schema.at("description").as_string(), "Test schema");
    EXPECT_EQ(schema.at("queryType").at("name").as_string(), "Query");
    EXPECT_EQ(schema.at("mutationType").at("name").as_string(), "Mutation");
    EXPECT_TRUE(schema.at("subscriptionType").is_null());

    std::map<std::string, const json::object*> types;
    for (const auto& t : schema.at("types").as_array()) {
        types[std::string(t.at("name").as_string())] = &t.as_object();
    }
    EXPECT_EQ(types.size(), s->types().size());
    for (const char* n : {"Query",        "Mutation",
                          "Node",         "User",
                          "Post",         "SearchResult",
                          "Tag",          "Filter",
                          "DateTime",     "Int",
                          "Float",        "String",
                          "Boolean",      "ID",
                          "__Schema",     "__Type",
                          "__TypeKind",   "__Field",
                          "__InputValue", "__EnumValue",
                          "__Directive",  "__DirectiveLocation"}) {
        ASSERT_EQ(types.count(n), 1u) << n;
    }
    // Every type has the keys FullType asks for; the ones that do not apply are null.
    for (const auto& [name, t] : types) {
        for (const char* key : {"kind", "name", "description", "specifiedByURL", "fields",
                                "inputFields", "interfaces", "enumValues", "possibleTypes"}) {
            EXPECT_TRUE(t->contains(key)) << name << "." << key;
        }
        const auto kind = t->at("kind").as_string();
        EXPECT_EQ(t->at("fields").is_array(), kind == "OBJECT" || kind == "INTERFACE") << name;
        EXPECT_EQ(t->at("inputFields").is_array(), kind == "INPUT_OBJECT") << name;
        EXPECT_EQ(t->at("enumValues").is_array(), kind == "ENUM") << name;
        EXPECT_EQ(t->at("possibleTypes").is_array(), kind == "UNION" || kind == "INTERFACE")
            << name;
    }
    EXPECT_EQ(types["DateTime"]->at("specifiedByURL").as_string(), "https://example.com/dt");
    EXPECT_EQ(types["DateTime"]->at("kind").as_string(), "SCALAR");
    EXPECT_EQ(types["Node"]->at("possibleTypes").as_array().size(), 2u);
    EXPECT_EQ(types["User"]->at("interfaces").at(0).at("name").as_string(), "Node");
    EXPECT_EQ(types["Tag"]->at("enumValues").as_array().size(), 2u);  // includeDeprecated: true
    EXPECT_EQ(types["Tag"]->at("enumValues").at(1).at("isDeprecated").as_bool(), true);
    const auto& filter_fields = types["Filter"]->at("inputFields").as_array();
    ASSERT_EQ(filter_fields.size(), 3u);
    EXPECT_EQ(filter_fields[2].at("deprecationReason").as_string(), "x");

    // The ofType chain of [[SearchResult!]]! and the printed default of `filter`.
    const json::object* search = nullptr;
    for (const auto& f : types["Query"]->at("fields").as_array()) {
        if (f.at("name").as_string() == "search") search = &f.as_object();
    }
    ASSERT_NE(search, nullptr);
    const json::value* t = &search->at("type");
    std::vector<std::string> chain;
    while (!t->is_null()) {
        chain.emplace_back(t->at("kind").as_string());
        if (t->at("name").is_string()) chain.emplace_back(t->at("name").as_string());
        t = &t->at("ofType");
    }
    EXPECT_EQ(chain, (std::vector<std::string>{"NON_NULL", "LIST", "LIST", "NON_NULL", "UNION",
                                               "SearchResult"}));
    const auto& args = search->at("args").as_array();
    ASSERT_EQ(args.size(), 2u);
    EXPECT_EQ(args[0].at("defaultValue").as_string(), "{name: \"x\", tags: [A]}");
    EXPECT_EQ(args[1].at("isDeprecated").as_bool(), true);

    std::set<std::string> directives;
    for (const auto& d : schema.at("directives").as_array()) {
        directives.insert(std::string(d.at("name").as_string()));
        if (d.at("name").as_string() == "cached") {
            EXPECT_TRUE(d.at("isRepeatable").as_bool());
            EXPECT_EQ(d.at("description").as_string(), "Caches");
            EXPECT_EQ(d.at("args").at(0).at("defaultValue").as_string(), "60");
        }
        if (d.at("name").as_string() == "deprecated") {
            EXPECT_EQ(d.at("args").at(0).at("defaultValue").as_string(), "\"No longer supported\"");
        }
    }
    EXPECT_EQ(directives,
              (std::set<std::string>{"include", "skip", "deprecated", "specifiedBy", "cached"}));
}

// A real-world document survives the printer round trip (STYLE.md §3.7 rule 8).
TEST(GraphqlIntrospectionTest, IntrospectionQueryRoundTripsThroughThePrinter) {
    auto doc = parse(kIntrospectionQuery);
    ASSERT_TRUE(doc.has_value());
    auto again = parse(print(*doc));
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(*doc, *again);
}

// GraphiQL (graphql-js 15 era) still asks for specifiedByUrl; both spellings answer.
TEST(GraphqlIntrospectionTest, AcceptsOlderSpecifiedByUrlSpelling) {
    SchemaBuilder b;
    b.add_scalar("U", {}, "https://u");
    b.add_object("Query").field("u", "U");
    auto s = *b.build();
    EXPECT_EQ(run(*s, R"({ __type(name: "U") { specifiedByUrl } })"),
              R"({"data":{"__type":{"specifiedByUrl":"https://u"}}})");
}

}  // namespace
}  // namespace ward::engine::graphql
