// Lexer and parser: GraphQL spec §2 (October 2021).
#include <gtest/gtest.h>

#include <string>

#include "engine/graphql/lexer.hpp"
#include "engine/graphql/parser.hpp"

namespace ward::engine::graphql {
namespace {

const ast::OperationDefinition& first_op(const ast::Document& doc) {
    return std::get<ast::OperationDefinition>(doc.definitions.at(0));
}
const ast::Field& field_at(const ast::SelectionSet& set, std::size_t i) {
    return std::get<ast::Field>(set.selections.at(i));
}
const ast::Value& arg_value(const std::string& literal) {
    static thread_local ast::Document doc;
    auto r = parse("{ f(a: " + literal + ") }");
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
    doc = std::move(*r);
    return field_at(first_op(doc).selection_set, 0).arguments.at(0).value;
}
ParseError parse_error(std::string_view text, const ParseLimits& limits = {}) {
    auto r = parse(text, limits);
    EXPECT_FALSE(r.has_value()) << text;
    return r ? ParseError{} : r.error();
}

// §2.1 tokens: punctuators, names, numbers, strings; ignored tokens skipped.
TEST(GraphqlLexerTest, TokenizesPunctuatorsNamesNumbersAndSkipsIgnored) {
    Lexer lx("\xEF\xBB\xBF{ a, # comment\n ... $x: -1.5e3 \"s\" }");
    std::vector<TokenKind> kinds;
    for (Token t = lx.next(); t.kind != TokenKind::kEof; t = lx.next()) kinds.push_back(t.kind);
    EXPECT_EQ(kinds,
              (std::vector<TokenKind>{TokenKind::kBraceL, TokenKind::kName, TokenKind::kSpread,
                                      TokenKind::kDollar, TokenKind::kName, TokenKind::kColon,
                                      TokenKind::kFloat, TokenKind::kString, TokenKind::kBraceR}));
}

TEST(GraphqlLexerTest, ReportsLineAndColumn) {
    Lexer lx("{\n  abc\r\n   d }");
    lx.next();
    Token abc = lx.next();
    EXPECT_EQ(abc.loc, (SourceLocation{2, 3}));
    Token d = lx.next();
    EXPECT_EQ(d.loc, (SourceLocation{3, 4}));
}

TEST(GraphqlParserTest, ParsesOperationWithVariablesDefaultsAndDirectives) {
    auto r = parse(
        "query Q($id: ID!, $n: [Int!]! = [1, 2], $f: Float = 1.5 @dir) @op { "
        "a: user(id: $id) @include(if: true) { name ...F ... on User { id } ... @skip(if: false) "
        "{ x } } } fragment F on User { name }");
    ASSERT_TRUE(r.has_value()) << r.error().message;
    ASSERT_EQ(r->definitions.size(), 2u);
    const auto& op = first_op(*r);
    EXPECT_EQ(op.operation, ast::OperationType::kQuery);
    EXPECT_EQ(op.name, "Q");
    ASSERT_EQ(op.variables.size(), 3u);
    EXPECT_EQ(op.variables[0].type.to_string(), "ID!");
    EXPECT_EQ(op.variables[1].type.to_string(), "[Int!]!");
    ASSERT_TRUE(op.variables[1].default_value.has_value());
    EXPECT_EQ(op.variables[2].directives.at(0).name, "dir");
    EXPECT_EQ(op.directives.at(0).name, "op");
    const auto& user = field_at(op.selection_set, 0);
    EXPECT_EQ(user.alias, "a");
    EXPECT_EQ(user.name, "user");
    EXPECT_EQ(user.response_key(), "a");
    EXPECT_EQ(std::get<ast::VariableRef>(user.arguments.at(0).value.kind).name, "id");
    ASSERT_EQ(user.selection_set.selections.size(), 4u);
    EXPECT_EQ(std::get<ast::FragmentSpread>(user.selection_set.selections[1]).name, "F");
    EXPECT_EQ(std::get<ast::InlineFragment>(user.selection_set.selections[2]).type_condition,
              "User");
    const auto& bare = std::get<ast::InlineFragment>(user.selection_set.selections[3]);
    EXPECT_TRUE(bare.type_condition.empty());
    EXPECT_EQ(bare.directives.at(0).name, "skip");
    const auto& frag = std::get<ast::FragmentDefinition>(r->definitions[1]);
    EXPECT_EQ(frag.name, "F");
    EXPECT_EQ(frag.type_condition, "User");
}

TEST(GraphqlParserTest, ParsesMutationSubscriptionAndShorthand) {
    auto r = parse("mutation M { a } subscription { b } { c }");
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(std::get<ast::OperationDefinition>(r->definitions[0]).operation,
              ast::OperationType::kMutation);
    EXPECT_EQ(std::get<ast::OperationDefinition>(r->definitions[1]).operation,
              ast::OperationType::kSubscription);
    EXPECT_TRUE(std::get<ast::OperationDefinition>(r->definitions[2]).shorthand);
}

TEST(GraphqlParserTest, EveryNodeCarriesItsLocation) {
    auto r = parse("query {\n  dog {\n    name\n  }\n}");
    ASSERT_TRUE(r.has_value());
    const auto& dog = field_at(first_op(*r).selection_set, 0);
    EXPECT_EQ(dog.loc.line, 2u);
    EXPECT_EQ(dog.loc.column, 3u);
    const auto& name = field_at(dog.selection_set, 0);
    EXPECT_EQ(name.loc.line, 3u);
    EXPECT_EQ(name.loc.column, 5u);
}

// §2.9 input values, every kind.
TEST(GraphqlParserTest, ParsesEveryValueKind) {
    EXPECT_EQ(std::get<ast::IntValue>(arg_value("-42").kind).text, "-42");
    EXPECT_EQ(std::get<ast::FloatValue>(arg_value("6.02e23").kind).text, "6.02e23");
    EXPECT_EQ(std::get<ast::StringValue>(arg_value("\"hi\"").kind).value, "hi");
    EXPECT_TRUE(std::get<ast::BooleanValue>(arg_value("true").kind).value);
    EXPECT_FALSE(std::get<ast::BooleanValue>(arg_value("false").kind).value);
    EXPECT_TRUE(std::holds_alternative<ast::NullValue>(arg_value("null").kind));
    EXPECT_EQ(std::get<ast::EnumValue>(arg_value("RED").kind).name, "RED");
    EXPECT_EQ(std::get<ast::VariableRef>(arg_value("$v").kind).name, "v");
    const auto& list = std::get<ast::ListValue>(arg_value("[1, [2], []]").kind);
    EXPECT_EQ(list.values.size(), 3u);
    const auto& obj = std::get<ast::ObjectValue>(arg_value("{a: 1, b: {c: \"d\"}}").kind);
    ASSERT_EQ(obj.fields.size(), 2u);
    EXPECT_EQ(obj.fields[1].name, "b");
}

TEST(GraphqlParserTest, DecodesStringEscapesIncludingUnicode) {
    EXPECT_EQ(std::get<ast::StringValue>(arg_value(R"("a\"b\\c\/d\b\f\n\r\t")").kind).value,
              "a\"b\\c/d\b\f\n\r\t");
    EXPECT_EQ(std::get<ast::StringValue>(arg_value(R"("\u00e9\u20AC")").kind).value,
              "\xC3\xA9\xE2\x82\xAC");
    EXPECT_EQ(std::get<ast::StringValue>(arg_value(R"("\uD83D\uDE00")").kind).value,
              "\xF0\x9F\x98\x80");
    EXPECT_EQ(std::get<ast::StringValue>(arg_value(R"("\u{1F600}")").kind).value,
              "\xF0\x9F\x98\x80");
}

// §2.9.4 BlockStringValue: common indentation and blank edge lines removed.
TEST(GraphqlParserTest, BlockStringsRemoveIndentation) {
    const auto& v = std::get<ast::StringValue>(
        arg_value("\"\"\"\n    Hello,\n      World!\n\n    Yours \\\"\"\"\n  \"\"\"").kind);
    EXPECT_EQ(v.value, "Hello,\n  World!\n\nYours \"\"\"");
    EXPECT_TRUE(v.block);
}

TEST(GraphqlParserTest, RecordsTypeSystemDefinitionsForValidation) {
    auto r = parse("type Foo { a: Int } { dog } scalar Bar");
    ASSERT_TRUE(r.has_value()) << r.error().message;
    ASSERT_EQ(r->definitions.size(), 3u);
    EXPECT_EQ(std::get<ast::TypeSystemDefinition>(r->definitions[0]).name, "Foo");
    EXPECT_TRUE(std::holds_alternative<ast::OperationDefinition>(r->definitions[1]));
    EXPECT_EQ(std::get<ast::TypeSystemDefinition>(r->definitions[2]).name, "Bar");
}

TEST(GraphqlParserTest, ParsesValueAndTypeOnTheirOwn) {
    auto v = parse_value("{a: [1, 2]}");
    ASSERT_TRUE(v.has_value());
    EXPECT_FALSE(parse_value("$x").has_value());  // variables are not constants
    EXPECT_TRUE(parse_value("$x", false).has_value());
    auto t = parse_type("[[String!]]!");
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->to_string(), "[[String!]]!");
    EXPECT_TRUE(t->is_non_null());
    EXPECT_TRUE(t->of_type().is_list());
    EXPECT_EQ(t->of_type().of_type().of_type().to_string(), "String!");
    EXPECT_FALSE(parse_type("[Int").has_value());
}

// Malformed input: every shape returns a reason and a location, never a crash.
TEST(GraphqlParserTest, RejectsUnterminatedString) {
    auto e = parse_error("{ f(a: \"abc) }");
    EXPECT_EQ(e.reason, ParseErrorReason::kUnterminatedString);
    EXPECT_EQ(e.location, (SourceLocation{1, 15}));
    EXPECT_EQ(e.message, "Syntax Error: Unterminated string.");
    EXPECT_EQ(parse_error("{ f(a: \"\"\"abc) }").reason, ParseErrorReason::kUnterminatedString);
    EXPECT_EQ(parse_error("{ f(a: \"a\nb\") }").reason, ParseErrorReason::kUnterminatedString);
}

TEST(GraphqlParserTest, RejectsBadEscapes) {
    EXPECT_EQ(parse_error(R"({ f(a: "\x") })").reason, ParseErrorReason::kBadEscape);
    EXPECT_EQ(parse_error(R"({ f(a: "\u12") })").reason, ParseErrorReason::kBadEscape);
    EXPECT_EQ(parse_error(R"({ f(a: "\uDE00") })").reason, ParseErrorReason::kBadEscape);
    EXPECT_EQ(parse_error(R"({ f(a: "\uD83Dx") })").reason, ParseErrorReason::kBadEscape);
    EXPECT_EQ(parse_error(R"({ f(a: "\u{110000}") })").reason, ParseErrorReason::kBadEscape);
    EXPECT_EQ(parse_error(R"({ f(a: "\u{}") })").reason, ParseErrorReason::kBadEscape);
}

TEST(GraphqlParserTest, RejectsUnexpectedEof) {
    for (const char* text : {"{", "query Q(", "{ f(a: ", "{ f(a: [1, 2", "{ f(a: {b: 1", "fragment",
                             "query Q($x: ", "{ ... on"}) {
        auto e = parse_error(text);
        EXPECT_EQ(e.reason, ParseErrorReason::kUnexpectedEof) << text << ": " << e.message;
    }
    EXPECT_EQ(parse_error("").message, "Syntax Error: Unexpected <EOF>.");
    EXPECT_EQ(parse_error("   # only a comment").reason, ParseErrorReason::kUnexpectedEof);
}

TEST(GraphqlParserTest, RejectsSyntaxErrorsWithGraphqlJsMessages) {
    auto e = parse_error("{ f(a) }");
    EXPECT_EQ(e.reason, ParseErrorReason::kSyntax);
    EXPECT_EQ(e.message, "Syntax Error: Expected \":\", found \")\".");
    EXPECT_EQ(e.location, (SourceLocation{1, 6}));
    EXPECT_EQ(parse_error("{ }").message, "Syntax Error: Expected Name, found \"}\".");
    EXPECT_EQ(parse_error("query { f(a: $) }").reason, ParseErrorReason::kSyntax);
    EXPECT_EQ(parse_error("fragment on on T { a }").reason, ParseErrorReason::kSyntax);
    EXPECT_EQ(parse_error("query Q($x: Int = $y) { a }").reason, ParseErrorReason::kSyntax);
    EXPECT_EQ(parse_error("notakeyword { a }").reason, ParseErrorReason::kSyntax);
    EXPECT_EQ(parse_error("{ a } }").reason, ParseErrorReason::kSyntax);
}

TEST(GraphqlParserTest, RejectsBadCharactersAndNumbers) {
    EXPECT_EQ(parse_error("{ a ? }").reason, ParseErrorReason::kUnexpectedCharacter);
    EXPECT_EQ(parse_error("{ a. }").reason, ParseErrorReason::kUnexpectedCharacter);
    EXPECT_EQ(parse_error(std::string("{ a \x01 }")).reason,
              ParseErrorReason::kUnexpectedCharacter);
    EXPECT_EQ(parse_error("{ f(a: 01) }").reason, ParseErrorReason::kInvalidNumber);
    EXPECT_EQ(parse_error("{ f(a: 1.) }").reason, ParseErrorReason::kInvalidNumber);
    EXPECT_EQ(parse_error("{ f(a: 1e) }").reason, ParseErrorReason::kInvalidNumber);
    EXPECT_EQ(parse_error("{ f(a: 1x) }").reason, ParseErrorReason::kInvalidNumber);
    EXPECT_EQ(parse_error("{ f(a: -) }").reason, ParseErrorReason::kInvalidNumber);
}

TEST(GraphqlParserTest, RejectsNestingBeyondTheLimit) {
    ParseLimits limits;
    limits.max_depth = 10;
    std::string deep;
    for (int i = 0; i < 11; ++i) deep += "{ a ";
    for (int i = 0; i < 11; ++i) deep += "} ";
    EXPECT_EQ(parse_error(deep, limits).reason, ParseErrorReason::kTooDeep);
    std::string ok;
    for (int i = 0; i < 10; ++i) ok += "{ a ";
    for (int i = 0; i < 10; ++i) ok += "} ";
    EXPECT_TRUE(parse(ok, limits).has_value());
    EXPECT_EQ(parse_error("{ f(a: [[[[[[[[[[[1]]]]]]]]]]]) }", limits).reason,
              ParseErrorReason::kTooDeep);
    EXPECT_EQ(parse_error("{ f(a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: 1}}}}}}}}}}}) }", limits)
                  .reason,
              ParseErrorReason::kTooDeep);
    // Default limit, hostile depth: an error, not a stack overflow.
    std::string hostile(100000, '[');
    EXPECT_EQ(parse_error("{ f(a: " + hostile + ") }").reason, ParseErrorReason::kTooDeep);
}

TEST(GraphqlParserTest, RejectsHugeDocumentsAndTooManyTokens) {
    ParseLimits limits;
    limits.max_bytes = 1000;
    EXPECT_EQ(parse_error(std::string(1001, ' '), limits).reason, ParseErrorReason::kTooLarge);
    limits = {};
    limits.max_tokens = 100;
    std::string many = "{ ";
    for (int i = 0; i < 200; ++i) many += "a" + std::to_string(i) + " ";
    many += "}";
    EXPECT_EQ(parse_error(many, limits).reason, ParseErrorReason::kTooManyTokens);
    EXPECT_EQ(to_code(ParseErrorReason::kTooManyTokens), "too-many-tokens");
}

TEST(GraphqlParserTest, DocumentOwnsItsSource) {
    ast::Document copy;
    {
        std::string text = "{ someFieldName }";
        auto r = parse(text);
        ASSERT_TRUE(r.has_value());
        copy = *r;
        text.assign(text.size(), 'x');
    }
    EXPECT_EQ(field_at(first_op(copy).selection_set, 0).name, "someFieldName");
}

}  // namespace
}  // namespace ward::engine::graphql
