// Type system: building, lookups, §3 validity rules, SDL printing.
#include <gtest/gtest.h>

#include <chrono>

#include "engine/graphql/schema.hpp"
#include "engine/graphql/test_schema.hpp"

namespace ward::engine::graphql {
namespace {

std::vector<std::string> build_errors(SchemaBuilder& b) {
    auto r = b.build();
    std::vector<std::string> out;
    if (!r) {
        for (const auto& e : r.error()) out.push_back(e.message);
    }
    return out;
}

bool contains(const std::vector<std::string>& errors, std::string_view message) {
    for (const auto& e : errors) {
        if (e == message) return true;
    }
    return false;
}

TEST(GraphqlSchemaTest, BuildsSpecSchemaWithLookups) {
    auto s = testing::spec_schema();
    ASSERT_NE(s, nullptr);
    const TypeDef* dog = s->find_type("Dog");
    ASSERT_NE(dog, nullptr);
    EXPECT_EQ(dog->kind, TypeKind::kObject);
    const FieldDef* cmd = s->find_field(*dog, "doesKnowCommand");
    ASSERT_NE(cmd, nullptr);
    EXPECT_EQ(cmd->type.to_string(), "Boolean!");
    ASSERT_NE(cmd->find_arg("dogCommand"), nullptr);
    EXPECT_EQ(s->find_field(*dog, "meowVolume"), nullptr);
    EXPECT_EQ(s->query_type()->name, "Query");
    EXPECT_EQ(s->subscription_type()->name, "Subscription");
    EXPECT_EQ(s->mutation_type(), nullptr);
    const TypeDef* pet = s->find_type("Pet");
    EXPECT_TRUE(s->is_possible_type(*pet, *dog));
    EXPECT_FALSE(s->is_possible_type(*pet, *s->find_type("Human")));
    EXPECT_TRUE(s->types_overlap(*s->find_type("CatOrDog"), *pet));
    EXPECT_FALSE(s->types_overlap(*s->find_type("HumanOrAlien"), *pet));
    const TypeDef* cmd_enum = s->find_type("DogCommand");
    EXPECT_NE(s->find_enum_value(*cmd_enum, "HEEL"), nullptr);
    EXPECT_EQ(s->find_enum_value(*cmd_enum, "JUMP"), nullptr);
    EXPECT_NE(s->find_input_field(*s->find_type("FindDogInput"), "owner"), nullptr);
    // Built-ins and meta fields.
    for (const char* n : {"Int", "Float", "String", "Boolean", "ID", "__Schema", "__Type"}) {
        EXPECT_NE(s->find_type(n), nullptr) << n;
    }
    for (const char* d : {"include", "skip", "deprecated", "specifiedBy"}) {
        EXPECT_NE(s->find_directive(d), nullptr) << d;
    }
    EXPECT_EQ(s->field_for(*dog, "__typename"), &s->typename_field());
    EXPECT_EQ(s->field_for(*s->query_type(), "__schema"), &s->schema_field());
    EXPECT_EQ(s->field_for(*dog, "__schema"), nullptr);
}

TEST(GraphqlSchemaTest, CarriesDescriptionsDefaultsDeprecationAndCustomScalars) {
    SchemaBuilder b;
    b.add_scalar("DateTime", "A time", "https://example.com/datetime");
    b.add_object("Query", "Root")
        .field("old", "String", "Old field")
        .deprecated("Use new")
        .field("list", "[String]")
        .arg("limit", "Int", "10", "How many")
        .arg("legacy", "Int")
        .deprecated()
        .field("at", "DateTime");
    b.add_directive("cached", {DirectiveLocation::kField, DirectiveLocation::kQuery}, true)
        .arg("ttl", "Int", "60");
    auto s = b.build();
    ASSERT_TRUE(s.has_value());
    const FieldDef* old = (*s)->find_field(*(*s)->query_type(), "old");
    EXPECT_TRUE(old->deprecated);
    EXPECT_EQ(old->deprecation_reason, "Use new");
    EXPECT_EQ(old->description, "Old field");
    const FieldDef* list = (*s)->find_field(*(*s)->query_type(), "list");
    ASSERT_NE(list->args[0].default_value, nullptr);
    EXPECT_TRUE(list->args[1].deprecated);
    EXPECT_EQ(list->args[1].deprecation_reason, "No longer supported");
    EXPECT_EQ((*s)->find_type("DateTime")->specified_by_url, "https://example.com/datetime");
    const DirectiveDef* cached = (*s)->find_directive("cached");
    EXPECT_TRUE(cached->repeatable);
    EXPECT_TRUE(cached->allows(DirectiveLocation::kQuery));
    EXPECT_FALSE(cached->allows(DirectiveLocation::kMutation));
}

// §3.3.1 Root operation types.
TEST(GraphqlSchemaTest, RequiresObjectQueryRoot) {
    SchemaBuilder b;
    b.add_object("Other").field("a", "Int");
    EXPECT_TRUE(contains(build_errors(b), "Query root type must be provided."));
    SchemaBuilder c;
    c.add_object("Query").field("a", "Int");
    c.add_input_object("In").input_field("a", "Int");
    c.set_mutation_type("In");
    EXPECT_TRUE(
        contains(build_errors(c), "Mutation root type must be Object type, it cannot be In."));
}

// §3.6 Objects: fields, names, output types, arguments.
TEST(GraphqlSchemaTest, RejectsBadFieldsAndTypes) {
    SchemaBuilder b;
    b.add_object("Query")
        .field("a", "Missing")
        .field("b", "In")
        .field("c", "Int")
        .arg("x", "Query")
        .field("c", "Int")
        .field("__d", "Int")
        .field("e", "[Int");
    b.add_object("Empty");
    b.add_input_object("In").input_field("q", "Query");
    b.add_object("Query");
    b.add_object("__Mine").field("a", "Int");
    auto errors = build_errors(b);
    EXPECT_TRUE(contains(errors, "Unknown type \"Missing\" referenced by field Query.a."));
    EXPECT_TRUE(contains(errors, "The type of Query.b must be Output Type but got: In."));
    EXPECT_TRUE(
        contains(errors, "The type of argument Query.c(x:) must be Input Type but got: Query."));
    EXPECT_TRUE(contains(errors, "Field \"Query.c\" can only be defined once."));
    EXPECT_TRUE(contains(errors,
                         "Name \"__d\" must not begin with \"__\", which is reserved by "
                         "GraphQL introspection."));
    EXPECT_TRUE(contains(errors, "Object type Empty must define one or more fields."));
    EXPECT_TRUE(
        contains(errors, "The type of input field In.q must be Input Type but got: Query."));
    EXPECT_TRUE(contains(errors, "There can be only one type named \"Query\"."));
    EXPECT_TRUE(contains(errors,
                         "Name \"__Mine\" must not begin with \"__\", which is reserved "
                         "by GraphQL introspection."));
    bool bad_type = false;
    for (const auto& e : errors) bad_type = bad_type || e.find("Invalid type reference") == 0;
    EXPECT_TRUE(bad_type);
}

// §3.6.1 IsValidImplementation.
TEST(GraphqlSchemaTest, ChecksInterfaceImplementations) {
    SchemaBuilder b;
    b.add_object("Query").field("n", "Node");
    b.add_interface("Node").field("id", "ID!").field("f", "String").arg("a", "Int");
    b.add_interface("Named")
        .implements("Node")
        .field("id", "ID!")
        .field("f", "String")
        .arg("a", "Int");
    b.add_object("A").implements("Node").field("f", "String").arg("a", "Int");
    b.add_object("B").implements("Node").field("id", "ID").field("f", "String");
    b.add_object("C").implements("Node").field("id", "ID!").field("f", "String").arg("a", "String");
    b.add_object("D")
        .implements("Node")
        .field("id", "ID!")
        .field("f", "String")
        .arg("a", "Int")
        .arg("b", "Int!");
    b.add_object("E").implements("Named").field("id", "ID!").field("f", "String").arg("a", "Int");
    b.add_object("F").implements("Query").field("x", "Int");
    auto errors = build_errors(b);
    EXPECT_TRUE(contains(errors, "Interface field Node.id expected but A does not provide it."));
    EXPECT_TRUE(contains(errors, "Interface field Node.id expects type ID! but B.id is type ID."));
    EXPECT_TRUE(contains(errors,
                         "Interface field argument Node.f(a:) expected but B.f does not "
                         "provide it."));
    EXPECT_TRUE(contains(errors,
                         "Interface field argument Node.f(a:) expects type Int but "
                         "C.f(a:) is type String."));
    EXPECT_TRUE(contains(errors,
                         "Object field D.f includes required argument b that is missing "
                         "from the Interface field Node.f."));
    EXPECT_TRUE(contains(errors, "Type E must implement Node because it is implemented by Named."));
    EXPECT_TRUE(
        contains(errors, "Type F must only implement Interface types, it cannot implement Query."));
}

// §3.8 Unions, §3.9 Enums, §3.10 Input objects.
TEST(GraphqlSchemaTest, ChecksUnionsEnumsAndInputObjects) {
    SchemaBuilder b;
    b.add_object("Query").field("a", "Int");
    b.add_union("U1");
    b.add_union("U2").member("Int").member("Query").member("Query");
    b.add_enum("E1");
    b.add_enum("E2").value("true");
    b.add_input_object("I1");
    b.add_input_object("Self").input_field("me", "Self!");
    b.add_input_object("Ok").input_field("me", "Ok").input_field("list", "[Ok!]!");
    b.add_directive("d", {}).arg("a", "Query");
    auto errors = build_errors(b);
    EXPECT_TRUE(contains(errors, "Union type U1 must define one or more member types."));
    EXPECT_TRUE(
        contains(errors, "Union type U2 can only include Object types, it cannot include Int."));
    EXPECT_TRUE(contains(errors, "Union type U2 can only include type Query once."));
    EXPECT_TRUE(contains(errors, "Enum type E1 must define one or more values."));
    EXPECT_TRUE(contains(errors, "Enum type E2 cannot include value: true."));
    EXPECT_TRUE(contains(errors, "Input Object type I1 must define one or more fields."));
    EXPECT_TRUE(contains(errors,
                         "Cannot reference Input Object \"Self\" within itself through a "
                         "series of non-null fields: \"me\"."));
    EXPECT_TRUE(contains(errors, "Directive @d must have a location."));
    EXPECT_TRUE(contains(errors, "The type of argument @d(a:) must be Input Type but got: Query."));
    for (const auto& e : errors) EXPECT_EQ(e.find("Ok"), std::string::npos) << e;
}

TEST(GraphqlSchemaTest, RejectsBadDefaultLiteralAndRequiredDeprecatedArgument) {
    SchemaBuilder b;
    b.add_object("Query").field("a", "Int").arg("x", "Int", "{oops").arg("y", "Int!").deprecated();
    auto errors = build_errors(b);
    bool bad_default = false;
    for (const auto& e : errors) bad_default = bad_default || e.find("Invalid default value") == 0;
    EXPECT_TRUE(bad_default);
    EXPECT_TRUE(contains(errors, "Required argument Query.a(y:) cannot be deprecated."));
}

// Default values must fit their types.
TEST(GraphqlSchemaTest, RejectsDefaultsOfTheWrongType) {
    SchemaBuilder b;
    b.add_object("Query")
        .field("a", "Int")
        .arg("x", "Int", "\"ten\"")
        .arg("o", "Order", "UP")
        .arg("ok", "[Order!]", "ASC");
    b.add_enum("Order").value("ASC");
    b.add_input_object("In").input_field("n", "Int!", "null");
    auto errors = build_errors(b);
    EXPECT_TRUE(contains(errors,
                         "Default value of Query.a(x:) is invalid: Expected value of type "
                         "\"Int\", found \"ten\"."));
    EXPECT_TRUE(contains(errors,
                         "Default value of Query.a(o:) is invalid: Expected value of type "
                         "\"Order\", found UP."));
    EXPECT_TRUE(contains(errors,
                         "Default value of In.n is invalid: Expected non-nullable type "
                         "\"Int!\" not to be null."));
    EXPECT_EQ(errors.size(), 3u);
}

TEST(GraphqlSchemaTest, PrintsSdl) {
    SchemaBuilder b;
    b.add_object("query_root", "The root")
        .field("users", "[User!]!")
        .arg("limit", "Int", "10")
        .field("old", "Int")
        .deprecated("gone");
    b.add_object("User").implements("Node").field("id", "ID!");
    b.add_interface("Node").field("id", "ID!");
    b.add_enum("Order").value("ASC").value("DESC", "Descending");
    b.add_input_object("Filter").input_field("id", "ID", "\"1\"");
    b.add_union("Any").member("User");
    b.add_scalar("Json", {}, "https://json.org");
    b.add_directive("cached", {DirectiveLocation::kQuery, DirectiveLocation::kField}, true)
        .arg("ttl", "Int");
    b.set_query_type("query_root");
    auto s = b.build();
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(print_schema(**s),
              "schema {\n  query: query_root\n}\n\n"
              "directive @cached(ttl: Int) repeatable on QUERY | FIELD\n\n"
              "\"\"\"The root\"\"\"\n"
              "type query_root {\n  users(limit: Int = 10): [User!]!\n"
              "  old: Int @deprecated(reason: \"gone\")\n}\n\n"
              "type User implements Node {\n  id: ID!\n}\n\n"
              "interface Node {\n  id: ID!\n}\n\n"
              "enum Order {\n  ASC\n  \"\"\"Descending\"\"\"\n  DESC\n}\n\n"
              "input Filter {\n  id: ID = \"1\"\n}\n\n"
              "union Any = User\n\n"
              "scalar Json @specifiedBy(url: \"https://json.org\")\n");
}

TEST(GraphqlSchemaTest, BuilderIsSpentAfterBuild) {
    SchemaBuilder b;
    b.add_object("Query").field("a", "Int");
    ASSERT_TRUE(b.build().has_value());
    EXPECT_FALSE(b.build().has_value());
}

// 1,000 tables x ~40 types each must build in well under a second (engine per-role schemas).
TEST(GraphqlSchemaTest, BuildsFortyThousandTypesQuickly) {
    const auto start = std::chrono::steady_clock::now();
    SchemaBuilder b;
    auto query = b.add_object("query_root");
    for (int t = 0; t < 1000; ++t) {
        const std::string n = "table" + std::to_string(t);
        query.field(n, "[" + n + "!]!").arg("limit", "Int").arg("where", n + "_bool_exp");
        auto obj = b.add_object(n);
        for (int c = 0; c < 10; ++c) obj.field("column" + std::to_string(c), "String");
        auto exp = b.add_input_object(n + "_bool_exp");
        exp.input_field("_and", "[" + n + "_bool_exp!]");
        for (int c = 0; c < 10; ++c) {
            exp.input_field("column" + std::to_string(c), "String_comparison_exp");
        }
        for (int k = 0; k < 37; ++k) {
            b.add_object(n + "_aux" + std::to_string(k)).field("affected_rows", "Int!");
        }
    }
    b.add_input_object("String_comparison_exp").input_field("_eq", "String");
    b.set_query_type("query_root");
    auto s = b.build();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    ASSERT_TRUE(s.has_value());
    EXPECT_GT((*s)->types().size(), 39000u);
    EXPECT_NE((*s)->find_field(*(*s)->find_type("table999"), "column9"), nullptr);
    // Names are interned: the arena holds each distinct name once.
    EXPECT_LT((*s)->arena_bytes(), 4u * 1024 * 1024);
    // Generous bound: sanitizer Debug builds are several times slower than release.
    EXPECT_LT(ms, 10000);
    RecordProperty("build_ms", static_cast<int>(ms));
}

}  // namespace
}  // namespace ward::engine::graphql
