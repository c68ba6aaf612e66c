// Syntax tree of a GraphQL executable document (GraphQL spec, October 2021, §2). Produced by
// parse() and consumed by validation, coercion and the engine's planner. Names are string_views
// into the document's own copy of the source text, so a Document is cheap to copy and to cache.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ward::engine::graphql {

// A 1-based line and column (columns count bytes).
struct SourceLocation {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

// A wrapped type reference such as `[Int!]!`: a named type plus up to 32 list / non-null
// wrappers, outermost first, packed into one word so that copying a type costs nothing.
class TypeRef {
  public:
    static constexpr std::uint32_t kMaxWrappers = 32;

    TypeRef() = default;
    explicit TypeRef(std::string_view name) : name_(name) {}

    std::string_view name() const { return name_; }
    std::uint32_t wrapper_count() const { return count_; }
    bool is_non_null() const { return count_ > 0 && (bits_ & 1u) != 0; }
    bool is_list() const { return count_ > 0 && (bits_ & 1u) == 0; }
    bool is_named() const { return count_ == 0; }
    // The type inside the outermost wrapper; the named type itself when unwrapped.
    TypeRef of_type() const;
    // The type without its outermost non-null wrapper (itself when nullable).
    TypeRef nullable() const { return is_non_null() ? of_type() : *this; }
    // Returns a copy wrapped once more; false (unchanged) beyond kMaxWrappers.
    bool wrap_list(TypeRef& out) const;
    bool wrap_non_null(TypeRef& out) const;
    // GraphQL notation, e.g. "[Int!]!".
    std::string to_string() const;

    friend bool operator==(const TypeRef& a, const TypeRef& b) {
        return a.name_ == b.name_ && a.count_ == b.count_ && a.bits_ == b.bits_;
    }

  private:
    std::string_view name_;
    std::uint32_t count_ = 0;
    std::uint32_t bits_ = 0;  // bit i set: wrapper i (0 = outermost) is non-null, else list
};

namespace ast {

// Where a node was written. Structural equality of nodes (operator==) ignores locations, so a
// document and its re-parsed printed form compare equal.
struct NodeLocation : SourceLocation {
    friend bool operator==(const NodeLocation&, const NodeLocation&) { return true; }
};

struct Value;

struct NullValue {
    friend bool operator==(const NullValue&, const NullValue&) = default;
};
struct IntValue {
    std::string_view text;  // as written, e.g. "-12"; checked by the lexer
    friend bool operator==(const IntValue&, const IntValue&) = default;
};
struct FloatValue {
    std::string_view text;  // as written, e.g. "1.5e3"
    friend bool operator==(const FloatValue&, const FloatValue&) = default;
};
struct StringValue {
    std::string value;  // decoded (escapes resolved, block string indentation removed)
    bool block = false;
    friend bool operator==(const StringValue& a, const StringValue& b) {
        return a.value == b.value;  // "x" and """x""" are the same value
    }
};
struct BooleanValue {
    bool value = false;
    friend bool operator==(const BooleanValue&, const BooleanValue&) = default;
};
struct EnumValue {
    std::string_view name;
    friend bool operator==(const EnumValue&, const EnumValue&) = default;
};
struct VariableRef {
    std::string_view name;  // without the '$'
    friend bool operator==(const VariableRef&, const VariableRef&) = default;
};
struct ListValue {
    std::vector<Value> values;
    friend bool operator==(const ListValue& a, const ListValue& b);
};
struct ObjectField;
struct ObjectValue {
    std::vector<ObjectField> fields;
    friend bool operator==(const ObjectValue& a, const ObjectValue& b);
};

struct Value {
    using Kind = std::variant<NullValue, IntValue, FloatValue, StringValue, BooleanValue, EnumValue,
                              VariableRef, ListValue, ObjectValue>;
    NodeLocation loc;
    Kind kind;
    friend bool operator==(const Value&, const Value&) = default;
};

struct ObjectField {
    NodeLocation loc;
    std::string_view name;
    Value value;
    friend bool operator==(const ObjectField&, const ObjectField&) = default;
};

inline bool operator==(const ListValue& a, const ListValue& b) { return a.values == b.values; }
inline bool operator==(const ObjectValue& a, const ObjectValue& b) { return a.fields == b.fields; }

struct Argument {
    NodeLocation loc;
    std::string_view name;
    Value value;
    friend bool operator==(const Argument&, const Argument&) = default;
};

struct Directive {
    NodeLocation loc;
    std::string_view name;  // without the '@'
    std::vector<Argument> arguments;
    friend bool operator==(const Directive&, const Directive&) = default;
};

struct Field;
struct FragmentSpread;
struct InlineFragment;
using Selection = std::variant<Field, FragmentSpread, InlineFragment>;

struct SelectionSet {
    NodeLocation loc;
    std::vector<Selection> selections;
    bool empty() const;
    friend bool operator==(const SelectionSet& a, const SelectionSet& b);
};

struct Field {
    NodeLocation loc;
    std::string_view alias;  // empty when none
    std::string_view name;
    std::vector<Argument> arguments;
    std::vector<Directive> directives;
    SelectionSet selection_set;  // empty for leaf fields
    std::string_view response_key() const { return alias.empty() ? name : alias; }
    friend bool operator==(const Field&, const Field&) = default;
};

struct FragmentSpread {
    NodeLocation loc;
    std::string_view name;
    std::vector<Directive> directives;
    friend bool operator==(const FragmentSpread&, const FragmentSpread&) = default;
};

struct InlineFragment {
    NodeLocation loc;
    std::string_view type_condition;  // empty when none
    std::vector<Directive> directives;
    SelectionSet selection_set;
    friend bool operator==(const InlineFragment&, const InlineFragment&) = default;
};

// Defined once the selection kinds are complete (a vector of an incomplete variant cannot be
// inspected earlier).
inline bool SelectionSet::empty() const { return selections.empty(); }

inline bool operator==(const SelectionSet& a, const SelectionSet& b) {
    return a.selections == b.selections;
}

struct VariableDefinition {
    NodeLocation loc;
    std::string_view name;  // without the '$'
    TypeRef type;
    NodeLocation type_loc;
    std::optional<Value> default_value;
    std::vector<Directive> directives;
    friend bool operator==(const VariableDefinition&, const VariableDefinition&) = default;
};

enum class OperationType : std::uint8_t { kQuery, kMutation, kSubscription };
std::string_view to_string(OperationType type);

struct OperationDefinition {
    NodeLocation loc;
    OperationType operation = OperationType::kQuery;
    std::string_view name;  // empty when anonymous
    std::vector<VariableDefinition> variables;
    std::vector<Directive> directives;
    SelectionSet selection_set;
    bool shorthand = false;  // written as a bare `{ ... }`
    friend bool operator==(const OperationDefinition& a, const OperationDefinition& b) {
        return a.operation == b.operation && a.name == b.name && a.variables == b.variables &&
               a.directives == b.directives && a.selection_set == b.selection_set;
    }
};

struct FragmentDefinition {
    NodeLocation loc;
    std::string_view name;
    std::string_view type_condition;
    NodeLocation type_condition_loc;
    std::vector<Directive> directives;
    SelectionSet selection_set;
    friend bool operator==(const FragmentDefinition&, const FragmentDefinition&) = default;
};

// A type system definition or extension (`type Foo {...}`, `schema {...}`, ...). The parser
// records it only so that validation can report it (§5.1.1): executable documents may not
// contain one. `name` is the defined name, empty for `schema`.
struct TypeSystemDefinition {
    NodeLocation loc;
    std::string_view keyword;
    std::string_view name;
    friend bool operator==(const TypeSystemDefinition&, const TypeSystemDefinition&) = default;
};

using Definition = std::variant<OperationDefinition, FragmentDefinition, TypeSystemDefinition>;

struct Document {
    std::vector<Definition> definitions;
    // Owns the text that names point into; shared so that copies stay valid.
    std::shared_ptr<const std::string> source;

    friend bool operator==(const Document& a, const Document& b) {
        return a.definitions == b.definitions;
    }
};

}  // namespace ast
}  // namespace ward::engine::graphql
