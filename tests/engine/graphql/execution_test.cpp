// Execution preparation: GetOperation (§6.1), CoerceVariableValues (§6.1.2),
// CoerceArgumentValues (§6.4.1), @skip/@include and CollectFields (§6.3.2).
#include <gtest/gtest.h>

#include <deque>

#include "engine/graphql/execution.hpp"
#include "engine/graphql/parser.hpp"
#include "engine/graphql/test_schema.hpp"

namespace ward::engine::graphql {
namespace {

namespace json = core::json;

class GraphqlExecutionTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        SchemaBuilder b;
        b.add_object("Query")
            .field("dog", "Dog")
            .arg("id", "ID")
            .field("pet", "Pet")
            .field("search", "[Dog!]!")
            .arg("limit", "Int", "10")
            .arg("order", "Order", "ASC")
            .arg("where", "Filter")
            .arg("ids", "[Int!]")
            .arg("ratio", "Float")
            .arg("raw", "Json");
        b.add_enum("Order").value("ASC").value("DESC");
        b.add_scalar("Json");
        b.add_input_object("Filter")
            .input_field("name", "String!")
            .input_field("age", "Int", "3")
            .input_field("and", "[Filter!]");
        b.add_interface("Pet").field("name", "String!");
        b.add_object("Dog")
            .implements("Pet")
            .field("name", "String!")
            .field("barkVolume", "Int")
            .field("mate", "Dog");
        b.add_object("Cat").implements("Pet").field("name", "String!").field("meowVolume", "Int");
        schema_ = *b.build();
    }

    const ast::Document& doc(std::string_view text) {
        auto r = parse(text);
        EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
        docs_.push_back(r ? std::move(*r) : ast::Document{});
        return docs_.back();
    }
    json::object vars(std::string_view text) {
        auto v = core::parse_json(text);
        EXPECT_TRUE(v.has_value() && v->is_object());
        return v->as_object();
    }
    std::vector<std::string> variable_errors(std::string_view query, std::string_view variables) {
        const auto& d = doc(query);
        auto r = coerce_variable_values(
            *schema_, std::get<ast::OperationDefinition>(d.definitions[0]), vars(variables));
        std::vector<std::string> out;
        if (!r) {
            for (const auto& e : r.error()) out.push_back(e.message);
        }
        return out;
    }
    json::object coerced(std::string_view query, std::string_view variables) {
        const auto& d = doc(query);
        auto r = coerce_variable_values(
            *schema_, std::get<ast::OperationDefinition>(d.definitions[0]), vars(variables));
        EXPECT_TRUE(r.has_value()) << (r ? "" : r.error()[0].message);
        return r ? *r : json::object();
    }
    PreparedOperation prepare(std::string_view query, std::string_view variables = "{}",
                              std::string_view name = {}) {
        auto r = prepare_operation(*schema_, doc(query), name, vars(variables));
        EXPECT_TRUE(r.has_value()) << (r ? "" : r.error()[0].message);
        return r ? std::move(*r) : PreparedOperation{};
    }

    static std::shared_ptr<const Schema> schema_;
    std::deque<ast::Document> docs_;
};

std::shared_ptr<const Schema> GraphqlExecutionTest::schema_;

TEST_F(GraphqlExecutionTest, SelectsOperation) {
    const auto& d = doc("query A { dog { name } } query B { pet { name } }");
    EXPECT_EQ((*select_operation(d, "B"))->name, "B");
    EXPECT_EQ(select_operation(d, "").error().message,
              "Must provide operation name if query contains multiple operations.");
    EXPECT_EQ(select_operation(d, "C").error().message, "Unknown operation named \"C\".");
    EXPECT_EQ(select_operation(doc("fragment F on Dog { name }"), "").error().message,
              "Must provide an operation.");
    EXPECT_EQ((*select_operation(doc("{ dog { name } }"), ""))->name, "");
}

// §6.1.2: required, null, defaults, per-type coercion.
TEST_F(GraphqlExecutionTest, CoercesVariables) {
    auto v = coerced(
        "query ($l: Int, $o: Order, $ids: [Int!], $r: Float, $id: ID, $w: Filter, $d: Int = 7, "
        "$j: Json) { dog { name } }",
        R"({"l": 5, "o": "DESC", "ids": 4, "r": 2, "id": 12, "w": {"name": "x"}, "j": {"a": [1]}})");
    EXPECT_EQ(v.at("l").as_int64(), 5);
    EXPECT_EQ(v.at("o").as_string(), "DESC");
    EXPECT_EQ(core::to_json(v.at("ids")), "[4]");  // single item coerced into a list (§3.11)
    EXPECT_TRUE(v.at("r").is_double());
    EXPECT_EQ(v.at("id").as_string(), "12");
    EXPECT_EQ(core::to_json(v.at("w")), R"({"name":"x","age":3})");  // input default applied
    EXPECT_EQ(v.at("d").as_int64(), 7);
    EXPECT_EQ(core::to_json(v.at("j")), R"({"a":[1]})");
    auto absent = coerced("query ($l: Int) { dog { name } }", "{}");
    EXPECT_TRUE(absent.empty());  // absent stays absent, not null
    auto explicit_null = coerced("query ($l: Int = 3) { dog { name } }", R"({"l": null})");
    EXPECT_TRUE(explicit_null.at("l").is_null());
}

TEST_F(GraphqlExecutionTest, ReportsVariableErrorsOfEveryShape) {
    EXPECT_EQ(
        variable_errors("query ($x: Int!) { dog { name } }", "{}"),
        std::vector<std::string>{"Variable \"$x\" of required type \"Int!\" was not provided."});
    EXPECT_EQ(
        variable_errors("query ($x: Int!) { dog { name } }", R"({"x": null})"),
        std::vector<std::string>{"Variable \"$x\" of non-null type \"Int!\" must not be null."});
    EXPECT_EQ(variable_errors("query ($x: Int) { dog { name } }", R"({"x": "abc"})"),
              std::vector<std::string>{"Variable \"$x\" got invalid value \"abc\"; Int cannot "
                                       "represent non-integer value: \"abc\""});
    EXPECT_EQ(variable_errors("query ($x: Int) { dog { name } }", R"({"x": 1.5})"),
              std::vector<std::string>{"Variable \"$x\" got invalid value 1.5E0; Int cannot "
                                       "represent non-integer value: 1.5E0"});
    EXPECT_EQ(variable_errors("query ($x: Int) { dog { name } }", R"({"x": 3000000000})"),
              std::vector<std::string>{"Variable \"$x\" got invalid value 3000000000; Int cannot "
                                       "represent non 32-bit signed integer value: 3000000000"});
    EXPECT_EQ(variable_errors("query ($x: Order) { dog { name } }", R"({"x": "UP"})"),
              std::vector<std::string>{"Variable \"$x\" got invalid value \"UP\"; Value \"UP\" "
                                       "does not exist in \"Order\" enum."});
    EXPECT_EQ(variable_errors("query ($x: [Int!]) { dog { name } }", R"({"x": [1, null]})"),
              std::vector<std::string>{"Variable \"$x\" got invalid value [1,null]; Expected "
                                       "non-nullable type \"Int!\" not to be null at \"[1]\"."});
    EXPECT_EQ(variable_errors("query ($x: Filter) { dog { name } }", R"({"x": {"age": 1}})"),
              std::vector<std::string>{"Variable \"$x\" got invalid value {\"age\":1}; Field "
                                       "\"name\" of required type \"String!\" was not provided."});
    EXPECT_EQ(
        variable_errors("query ($x: Filter) { dog { name } }", R"({"x": {"name": "a", "zzz": 1}})"),
        std::vector<std::string>{"Variable \"$x\" got invalid value "
                                 "{\"name\":\"a\",\"zzz\":1}; Field \"zzz\" is not defined "
                                 "by type \"Filter\"."});
    EXPECT_EQ(variable_errors("query ($x: Filter) { dog { name } }",
                              R"({"x": {"name": "a", "and": [{"name": 5}]}})")
                  .at(0),
              "Variable \"$x\" got invalid value {\"name\":\"a\",\"and\":[{\"name\":5}]}; String "
              "cannot represent a non string value: 5 at \"and[0].name\"");
    EXPECT_EQ(variable_errors("query ($x: Filter) { dog { name } }", R"({"x": 1})").at(0),
              "Variable \"$x\" got invalid value 1; Expected type \"Filter\" to be an object.");
    EXPECT_EQ(variable_errors("query ($x: Boolean, $y: String, $z: ID, $f: Float) { dog { name } }",
                              R"({"x": 1, "y": true, "z": 1.5, "f": "1"})")
                  .size(),
              4u);
    EXPECT_EQ(variable_errors("query ($x: Dog) { dog { name } }", "{}").at(0),
              "Variable \"$x\" expected value of type \"Dog\" which cannot be used as an input "
              "type.");
}

// §6.4.1: literals, variables, defaults, absent variables fall back to defaults.
TEST_F(GraphqlExecutionTest, CoercesArguments) {
    auto op = prepare(
        "query ($l: Int, $n: String!) { a: search(where: {name: $n, and: [{name: \"y\"}]}, "
        "limit: $l, ids: [1, 2], ratio: 1, raw: {x: [1, \"s\", ENUM, 2.5]}) { name } }",
        R"({"n": "x"})");
    ASSERT_EQ(op.fields.size(), 1u);
    const auto& args = op.fields[0].arguments;
    EXPECT_EQ(args.at("limit").as_int64(), 10);  // $l absent: default
    EXPECT_EQ(args.at("order").as_string(), "ASC");
    EXPECT_EQ(core::to_json(args.at("where")),
              R"({"name":"x","age":3,"and":[{"name":"y","age":3}]})");
    EXPECT_EQ(core::to_json(args.at("ids")), "[1,2]");
    EXPECT_TRUE(args.at("ratio").is_double());
    EXPECT_EQ(core::to_json(args.at("raw")), R"({"x":[1,"s","ENUM",2.5E0]})");
    EXPECT_EQ(op.fields[0].definition->name, "search");
    EXPECT_EQ(op.fields[0].response_key, "a");
}

TEST_F(GraphqlExecutionTest, ArgumentErrors) {
    SchemaBuilder b;
    b.add_object("Query").field("f", "Int").arg("x", "Int!");
    auto s = *b.build();
    auto d = parse("query ($v: Int) { f(x: $v) }");
    ASSERT_TRUE(d.has_value());
    const auto& op = std::get<ast::OperationDefinition>(d->definitions[0]);
    const auto& field = std::get<ast::Field>(op.selection_set.selections[0]);
    const FieldDef* def = s->find_field(*s->query_type(), "f");
    auto missing = coerce_argument_values(*s, def->args, field.arguments, {}, {1, 1});
    EXPECT_EQ(missing.error().message,
              "Argument \"x\" of required type \"Int!\" was not provided.");
    json::object null_var;
    null_var["v"] = nullptr;
    auto null_value = coerce_argument_values(*s, def->args, field.arguments, null_var, {1, 1});
    EXPECT_EQ(null_value.error().message,
              "Argument \"x\" of non-null type \"Int!\" must not be null.");
}

// §6.3.2 CollectFields: aliases, merging, fragments, @skip/@include.
TEST_F(GraphqlExecutionTest, CollectsFieldsWithDirectivesAndFragments) {
    auto op = prepare(
        "query ($yes: Boolean!, $no: Boolean!) { "
        "d1: dog { name ...F ... on Dog { barkVolume } } "
        "d1: dog { extra: name } "
        "hidden: dog @skip(if: $yes) { name } "
        "shown: dog @include(if: $yes) { name @include(if: $no) barkVolume } "
        "...G @skip(if: true) "
        "__typename } "
        "fragment F on Dog { name n2: name } fragment G on Query { g: dog { name } }",
        R"({"yes": true, "no": false})");
    ASSERT_EQ(op.fields.size(), 3u);
    EXPECT_EQ(op.fields[0].response_key, "d1");
    std::vector<std::string> keys;
    for (const auto& f : op.fields[0].selections) keys.emplace_back(f.response_key);
    EXPECT_EQ(keys, (std::vector<std::string>{"name", "n2", "barkVolume", "extra"}));
    EXPECT_EQ(op.fields[1].response_key, "shown");
    ASSERT_EQ(op.fields[1].selections.size(), 1u);
    EXPECT_EQ(op.fields[1].selections[0].response_key, "barkVolume");
    EXPECT_EQ(op.fields[2].definition, &schema_->typename_field());
    EXPECT_EQ(op.root_type, schema_->query_type());
}

TEST_F(GraphqlExecutionTest, CollectsAbstractFieldsPerPossibleType) {
    auto op =
        prepare("{ pet { __typename name ... on Dog { barkVolume } ... on Cat { meowVolume } } }");
    ASSERT_EQ(op.fields.size(), 1u);
    const auto& pet = op.fields[0];
    EXPECT_TRUE(pet.selections.empty());
    ASSERT_EQ(pet.by_type.size(), 2u);
    EXPECT_EQ(pet.by_type[0].first->name, "Dog");
    ASSERT_EQ(pet.by_type[0].second.size(), 3u);
    EXPECT_EQ(pet.by_type[0].second[2].response_key, "barkVolume");
    EXPECT_EQ(pet.by_type[1].first->name, "Cat");
    EXPECT_EQ(pet.by_type[1].second[2].response_key, "meowVolume");
}

TEST_F(GraphqlExecutionTest, PrepareReportsVariableAndOperationErrors) {
    auto r = prepare_operation(*schema_, doc("query ($x: Int!) { dog { name } }"), "", {});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error()[0].message, "Variable \"$x\" of required type \"Int!\" was not provided.");
    auto m = prepare_operation(*schema_, doc("mutation { dog { name } }"), "", {});
    ASSERT_FALSE(m.has_value());
    EXPECT_EQ(m.error()[0].message, "Schema is not configured to execute mutation operation.");
}

TEST_F(GraphqlExecutionTest, BoundsFragmentExpansion) {
    // Each level doubles: 2^16 leaves from a document of a few hundred bytes.
    std::string q = "{ dog { ...F0 } } ";
    for (int i = 0; i < 16; ++i) {
        q += "fragment F" + std::to_string(i) + " on Dog { a: mate { ...F" + std::to_string(i + 1) +
             " } b: mate { ...F" + std::to_string(i + 1) + " } } ";
    }
    q += "fragment F16 on Dog { name }";
    ExecutionLimits limits;
    limits.max_collected_fields = 1000;
    auto r = prepare_operation(*schema_, doc(q), "", {}, limits);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error()[0].message,
              "The query selects more than 1000 fields once fragments are expanded.");
}

TEST_F(GraphqlExecutionTest, ReportsVariablesThatShapeTheTree) {
    const auto& d = doc(
        "query ($a: Boolean!, $b: Boolean!, $c: Int) { dog @skip(if: $a) { name @include(if: $b) "
        "...F @skip(if: $a) } search(limit: $c) { name } } "
        "fragment F on Dog { ... @include(if: $b) { barkVolume } }");
    EXPECT_EQ(shape_variables(d), (std::vector<std::string_view>{"a", "b"}));
}

TEST_F(GraphqlExecutionTest, ShouldInclude) {
    auto d = parse("{ a @skip(if: false) @include(if: $v) }");
    ASSERT_TRUE(d.has_value());
    const auto& f = std::get<ast::Field>(
        std::get<ast::OperationDefinition>(d->definitions[0]).selection_set.selections[0]);
    json::object v;
    v["v"] = true;
    EXPECT_TRUE(should_include(f.directives, v));
    v["v"] = false;
    EXPECT_FALSE(should_include(f.directives, v));
}

}  // namespace
}  // namespace ward::engine::graphql
