// The GraphQL type system (spec §3): an immutable Schema built in code through SchemaBuilder,
// shared as std::shared_ptr<const Schema> (the engine builds one per role). Names are interned
// in the schema's own arena; lookups of types, fields, input fields and enum values are O(1).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/result.hpp"
#include "engine/graphql/ast.hpp"

namespace ward::engine::graphql {

enum class TypeKind : std::uint8_t { kScalar, kObject, kInterface, kUnion, kEnum, kInputObject };
// The __TypeKind name, e.g. "INPUT_OBJECT".
std::string_view to_string(TypeKind kind);

// §3.13 DirectiveLocation; the names are the spec's (to_string gives "FIELD", ...).
enum class DirectiveLocation : std::uint8_t {
    kQuery,
    kMutation,
    kSubscription,
    kField,
    kFragmentDefinition,
    kFragmentSpread,
    kInlineFragment,
    kVariableDefinition,
    kSchema,
    kScalar,
    kObject,
    kFieldDefinition,
    kArgumentDefinition,
    kInterface,
    kUnion,
    kEnum,
    kEnumValue,
    kInputObject,
    kInputFieldDefinition,
};
inline constexpr int kDirectiveLocationCount = 19;
std::string_view to_string(DirectiveLocation location);

struct InputValueDef {
    std::string_view name;
    std::string_view description;
    TypeRef type;
    const ast::Value* default_value = nullptr;  // owned by the schema; null when none
    bool deprecated = false;
    std::string_view deprecation_reason;
};

struct FieldDef {
    std::string_view name;
    std::string_view description;
    TypeRef type;
    std::vector<InputValueDef> args;
    bool deprecated = false;
    std::string_view deprecation_reason;
    // Arguments are few: a linear scan beats hashing.
    const InputValueDef* find_arg(std::string_view arg_name) const;
};

struct EnumValueDef {
    std::string_view name;
    std::string_view description;
    bool deprecated = false;
    std::string_view deprecation_reason;
};

struct TypeDef {
    TypeKind kind = TypeKind::kScalar;
    std::string_view name;
    std::string_view description;
    std::string_view specified_by_url;           // scalars only
    std::vector<FieldDef> fields;                // objects and interfaces
    std::vector<InputValueDef> input_fields;     // input objects
    std::vector<EnumValueDef> enum_values;       // enums
    std::vector<const TypeDef*> interfaces;      // objects and interfaces: what they implement
    std::vector<const TypeDef*> possible_types;  // unions (members), interfaces (implementations)
    std::uint32_t index = 0;                     // position in Schema::types()
    bool builtin = false;                        // a spec scalar or an introspection type

    bool is_composite() const {
        return kind == TypeKind::kObject || kind == TypeKind::kInterface ||
               kind == TypeKind::kUnion;
    }
    bool is_abstract() const { return kind == TypeKind::kInterface || kind == TypeKind::kUnion; }
    bool is_leaf() const { return kind == TypeKind::kScalar || kind == TypeKind::kEnum; }
    bool is_input() const {
        return kind == TypeKind::kScalar || kind == TypeKind::kEnum ||
               kind == TypeKind::kInputObject;
    }
    bool is_output() const { return kind != TypeKind::kInputObject; }
};

struct DirectiveDef {
    std::string_view name;
    std::string_view description;
    std::uint32_t locations = 0;  // bit per DirectiveLocation
    std::vector<InputValueDef> args;
    bool repeatable = false;
    bool builtin = false;
    bool allows(DirectiveLocation loc) const { return (locations >> static_cast<int>(loc)) & 1u; }
    const InputValueDef* find_arg(std::string_view arg_name) const;
};

// Immutable after SchemaBuilder::build(); every method is const and safe to call from many
// threads at once. TypeDef/FieldDef pointers live as long as the Schema.
class Schema {
  public:
    Schema(const Schema&) = delete;
    Schema& operator=(const Schema&) = delete;

    // All types in definition order (built-ins first). Pointers stay valid for the schema's life.
    const std::deque<TypeDef>& types() const { return types_; }
    const std::deque<DirectiveDef>& directives() const { return directives_; }

    const TypeDef* find_type(std::string_view name) const;
    const DirectiveDef* find_directive(std::string_view name) const;
    // Fields of objects/interfaces (meta fields excluded; see field_for below).
    const FieldDef* find_field(const TypeDef& type, std::string_view name) const;
    const InputValueDef* find_input_field(const TypeDef& type, std::string_view name) const;
    const EnumValueDef* find_enum_value(const TypeDef& type, std::string_view name) const;
    // Field lookup as validation and execution see it: adds __typename on every composite type and
    // __schema / __type on the query root (§4.1 and graphql-js getFieldDef). Null if undefined.
    const FieldDef* field_for(const TypeDef& parent, std::string_view name) const;

    const TypeDef* query_type() const { return query_; }
    const TypeDef* mutation_type() const { return mutation_; }
    const TypeDef* subscription_type() const { return subscription_; }
    std::string_view description() const { return description_; }

    const FieldDef& typename_field() const { return typename_field_; }
    const FieldDef& schema_field() const { return schema_field_; }
    const FieldDef& type_field() const { return type_field_; }

    // §3.7/§3.8: can an object of `object` be of type `abstract` (itself, a member, an
    // implementation)?
    bool is_possible_type(const TypeDef& abstract, const TypeDef& object) const;
    // Do composite types `a` and `b` share a possible object type (§5.5.2.3)?
    bool types_overlap(const TypeDef& a, const TypeDef& b) const;
    // Is `sub` a valid covariant result where `super` is declared (§3.6.1 IsValidImplementation)?
    bool is_subtype(TypeRef sub, TypeRef super) const;

    // Bytes held by the name arena, for memory tests and metrics.
    std::size_t arena_bytes() const { return arena_bytes_; }

  private:
    friend class SchemaBuilder;
    friend class TypeBuilder;
    friend class DirectiveBuilder;
    Schema() = default;

    std::string_view intern(std::string_view s);
    std::string_view store(std::string_view s);  // not deduplicated (descriptions)

    struct MemberKey {
        std::uint32_t type;
        std::string_view name;
        friend bool operator==(const MemberKey&, const MemberKey&) = default;
    };
    struct MemberKeyHash {
        std::size_t operator()(const MemberKey& k) const {
            return std::hash<std::string_view>()(k.name) * 31u + k.type;
        }
    };

    std::deque<TypeDef> types_;
    std::deque<DirectiveDef> directives_;
    std::deque<ast::Value> default_values_;
    std::unordered_map<std::string_view, TypeDef*> type_index_;
    std::unordered_map<MemberKey, std::uint32_t, MemberKeyHash> member_index_;
    std::unordered_set<std::string_view> interned_;
    std::vector<std::unique_ptr<char[]>> chunks_;
    std::size_t chunk_used_ = 0;
    std::size_t chunk_size_ = 0;
    std::size_t arena_bytes_ = 0;
    const TypeDef* query_ = nullptr;
    const TypeDef* mutation_ = nullptr;
    const TypeDef* subscription_ = nullptr;
    std::string_view description_;
    FieldDef typename_field_;
    FieldDef schema_field_;
    FieldDef type_field_;
};

// A §3 rule a schema breaks, e.g. "Interface field Pet.name expected but Dog does not provide it."
struct SchemaError {
    std::string message;
};

class SchemaBuilder;

// Adds members to one type; returned by SchemaBuilder::add_*. Calls chain. A type string such as
// "[Int!]!" or a default value literal that does not parse is reported by build().
class TypeBuilder {
  public:
    // Objects and interfaces.
    TypeBuilder& implements(std::string_view interface_name);
    TypeBuilder& field(std::string_view name, std::string_view type,
                       std::string_view description = {});
    // An argument of the last field added; `default_literal` is GraphQL text such as "10".
    TypeBuilder& arg(std::string_view name, std::string_view type,
                     std::string_view default_literal = {}, std::string_view description = {});
    // Enums.
    TypeBuilder& value(std::string_view name, std::string_view description = {});
    // Unions.
    TypeBuilder& member(std::string_view object_name);
    // Input objects.
    TypeBuilder& input_field(std::string_view name, std::string_view type,
                             std::string_view default_literal = {},
                             std::string_view description = {});
    // Deprecates the member added last (field, argument, enum value or input field).
    TypeBuilder& deprecated(std::string_view reason = "No longer supported");

  private:
    friend class SchemaBuilder;
    enum class Last : std::uint8_t { kNone, kField, kArg, kValue, kInputField };
    TypeBuilder(SchemaBuilder* b, TypeDef* t) : builder_(b), type_(t) {}
    SchemaBuilder* builder_;
    TypeDef* type_;
    Last last_ = Last::kNone;
};

class DirectiveBuilder {
  public:
    DirectiveBuilder& arg(std::string_view name, std::string_view type,
                          std::string_view default_literal = {}, std::string_view description = {});
    DirectiveBuilder& deprecated_arg(std::string_view reason = "No longer supported");

  private:
    friend class SchemaBuilder;
    DirectiveBuilder(SchemaBuilder* b, DirectiveDef* d) : builder_(b), directive_(d) {}
    SchemaBuilder* builder_;
    DirectiveDef* directive_;
};

// Usage: SchemaBuilder b; b.add_object("Query").field("hello", "String"); auto s = b.build();
// The spec scalars (Int, Float, String, Boolean, ID), directives (@include, @skip, @deprecated,
// @specifiedBy) and introspection types are present from the start. The query root defaults to
// the type named "Query".
class SchemaBuilder {
  public:
    SchemaBuilder();
    SchemaBuilder(const SchemaBuilder&) = delete;
    SchemaBuilder& operator=(const SchemaBuilder&) = delete;

    TypeBuilder add_object(std::string_view name, std::string_view description = {});
    TypeBuilder add_interface(std::string_view name, std::string_view description = {});
    TypeBuilder add_union(std::string_view name, std::string_view description = {});
    TypeBuilder add_enum(std::string_view name, std::string_view description = {});
    TypeBuilder add_input_object(std::string_view name, std::string_view description = {});
    TypeBuilder add_scalar(std::string_view name, std::string_view description = {},
                           std::string_view specified_by_url = {});
    DirectiveBuilder add_directive(std::string_view name,
                                   std::initializer_list<DirectiveLocation> locations,
                                   bool repeatable = false, std::string_view description = {});

    void set_query_type(std::string_view name) { query_name_ = name; }
    void set_mutation_type(std::string_view name) { mutation_name_ = name; }
    void set_subscription_type(std::string_view name) { subscription_name_ = name; }
    void set_description(std::string_view description);

    // Checks the §3 rules and freezes the schema. Errors: every broken rule, in a stable order.
    // The builder is spent afterwards.
    core::Result<std::shared_ptr<const Schema>, std::vector<SchemaError>> build();

  private:
    friend class TypeBuilder;
    friend class DirectiveBuilder;
    TypeBuilder add_type(TypeKind kind, std::string_view name, std::string_view description);
    TypeRef type_ref(std::string_view text);
    const ast::Value* default_value(std::string_view literal);
    void add_builtins();
    void add_introspection_types();

    std::unique_ptr<Schema> schema_;
    std::vector<SchemaError> errors_;
    std::vector<std::vector<std::string_view>> pending_interfaces_;  // by type index
    std::vector<std::vector<std::string_view>> pending_members_;
    std::string query_name_ = "Query";
    std::string mutation_name_;
    std::string subscription_name_;
    bool builtin_mode_ = false;
    bool built_ = false;
};

// SDL text of the schema's own types and directives (built-ins and introspection omitted), with a
// `schema { ... }` block when the roots are not named Query / Mutation / Subscription.
std::string print_schema(const Schema& schema);

}  // namespace ward::engine::graphql
