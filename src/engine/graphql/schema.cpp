#include "engine/graphql/schema.hpp"

#include <algorithm>
#include <cstring>
#include <functional>

#include "core/json.hpp"
#include "engine/graphql/execution.hpp"
#include "engine/graphql/parser.hpp"
#include "engine/graphql/printer.hpp"

namespace ward::engine::graphql {

std::string_view to_string(TypeKind kind) {
    switch (kind) {
        case TypeKind::kScalar:
            return "SCALAR";
        case TypeKind::kObject:
            return "OBJECT";
        case TypeKind::kInterface:
            return "INTERFACE";
        case TypeKind::kUnion:
            return "UNION";
        case TypeKind::kEnum:
            return "ENUM";
        case TypeKind::kInputObject:
            return "INPUT_OBJECT";
    }
    return "SCALAR";
}

std::string_view to_string(DirectiveLocation location) {
    static constexpr std::string_view kNames[kDirectiveLocationCount] = {
        "QUERY",
        "MUTATION",
        "SUBSCRIPTION",
        "FIELD",
        "FRAGMENT_DEFINITION",
        "FRAGMENT_SPREAD",
        "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION",
        "SCHEMA",
        "SCALAR",
        "OBJECT",
        "FIELD_DEFINITION",
        "ARGUMENT_DEFINITION",
        "INTERFACE",
        "UNION",
        "ENUM",
        "ENUM_VALUE",
        "INPUT_OBJECT",
        "INPUT_FIELD_DEFINITION",
    };
    return kNames[static_cast<int>(location)];
}

const InputValueDef* FieldDef::find_arg(std::string_view arg_name) const {
    for (const auto& a : args) {
        if (a.name == arg_name) return &a;
    }
    return nullptr;
}

const InputValueDef* DirectiveDef::find_arg(std::string_view arg_name) const {
    for (const auto& a : args) {
        if (a.name == arg_name) return &a;
    }
    return nullptr;
}

// ---- Schema ----

std::string_view Schema::store(std::string_view s) {
    if (s.empty()) return {};
    if (chunks_.empty() || chunk_used_ + s.size() > chunk_size_) {
        chunk_size_ = std::max<std::size_t>(64 * 1024, s.size());
        chunks_.push_back(std::make_unique<char[]>(chunk_size_));
        chunk_used_ = 0;
        arena_bytes_ += chunk_size_;
    }
    char* dst = chunks_.back().get() + chunk_used_;
    std::memcpy(dst, s.data(), s.size());
    chunk_used_ += s.size();
    return {dst, s.size()};
}

std::string_view Schema::intern(std::string_view s) {
    auto it = interned_.find(s);
    if (it != interned_.end()) return *it;
    std::string_view stored = store(s);
    interned_.insert(stored);
    return stored;
}

const TypeDef* Schema::find_type(std::string_view name) const {
    auto it = type_index_.find(name);
    return it == type_index_.end() ? nullptr : it->second;
}

const DirectiveDef* Schema::find_directive(std::string_view name) const {
    for (const auto& d : directives_) {
        if (d.name == name) return &d;
    }
    return nullptr;
}

const FieldDef* Schema::find_field(const TypeDef& type, std::string_view name) const {
    if (type.kind != TypeKind::kObject && type.kind != TypeKind::kInterface) return nullptr;
    auto it = member_index_.find({type.index, name});
    return it == member_index_.end() ? nullptr : &type.fields[it->second];
}

const InputValueDef* Schema::find_input_field(const TypeDef& type, std::string_view name) const {
    if (type.kind != TypeKind::kInputObject) return nullptr;
    auto it = member_index_.find({type.index, name});
    return it == member_index_.end() ? nullptr : &type.input_fields[it->second];
}

const EnumValueDef* Schema::find_enum_value(const TypeDef& type, std::string_view name) const {
    if (type.kind != TypeKind::kEnum) return nullptr;
    auto it = member_index_.find({type.index, name});
    return it == member_index_.end() ? nullptr : &type.enum_values[it->second];
}

const FieldDef* Schema::field_for(const TypeDef& parent, std::string_view name) const {
    if (name.size() > 2 && name[0] == '_' && name[1] == '_') {
        if (name == "__typename" && parent.is_composite()) return &typename_field_;
        if (&parent == query_) {
            if (name == "__schema") return &schema_field_;
            if (name == "__type") return &type_field_;
        }
    }
    return find_field(parent, name);
}

bool Schema::is_possible_type(const TypeDef& abstract, const TypeDef& object) const {
    if (&abstract == &object) return true;
    for (const TypeDef* t : abstract.possible_types) {
        if (t == &object) return true;
    }
    return false;
}

bool Schema::types_overlap(const TypeDef& a, const TypeDef& b) const {
    if (&a == &b) return true;
    if (a.is_abstract()) {
        if (b.is_abstract()) {
            for (const TypeDef* t : a.possible_types) {
                if (is_possible_type(b, *t)) return true;
            }
            return false;
        }
        return is_possible_type(a, b);
    }
    if (b.is_abstract()) return is_possible_type(b, a);
    return false;
}

bool Schema::is_subtype(TypeRef sub, TypeRef super) const {
    if (sub == super) return true;
    if (super.is_non_null()) {
        return sub.is_non_null() && is_subtype(sub.of_type(), super.of_type());
    }
    if (sub.is_non_null()) return is_subtype(sub.of_type(), super);
    if (super.is_list()) return sub.is_list() && is_subtype(sub.of_type(), super.of_type());
    if (sub.is_list()) return false;
    const TypeDef* a = find_type(sub.name());
    const TypeDef* b = find_type(super.name());
    if (a == nullptr || b == nullptr) return false;
    if (a == b) return true;
    if (!b->is_abstract()) return false;
    if (a->kind == TypeKind::kObject) return is_possible_type(*b, *a);
    if (a->kind == TypeKind::kInterface && b->kind == TypeKind::kInterface) {
        for (const TypeDef* i : a->interfaces) {
            if (i == b) return true;
        }
    }
    return false;
}

// ---- builders ----

TypeBuilder& TypeBuilder::implements(std::string_view interface_name) {
    builder_->pending_interfaces_[type_->index].push_back(
        builder_->schema_->intern(interface_name));
    return *this;
}

TypeBuilder& TypeBuilder::field(std::string_view name, std::string_view type,
                                std::string_view description) {
    FieldDef f;
    f.name = builder_->schema_->intern(name);
    f.type = builder_->type_ref(type);
    f.description = builder_->schema_->store(description);
    type_->fields.push_back(std::move(f));
    last_ = Last::kField;
    return *this;
}

TypeBuilder& TypeBuilder::arg(std::string_view name, std::string_view type,
                              std::string_view default_literal, std::string_view description) {
    if (type_->fields.empty()) {
        builder_->errors_.push_back({"Argument \"" + std::string(name) + "\" added to " +
                                     std::string(type_->name) + " before any field."});
        return *this;
    }
    InputValueDef a;
    a.name = builder_->schema_->intern(name);
    a.type = builder_->type_ref(type);
    a.default_value = builder_->default_value(default_literal);
    a.description = builder_->schema_->store(description);
    type_->fields.back().args.push_back(a);
    last_ = Last::kArg;
    return *this;
}

TypeBuilder& TypeBuilder::value(std::string_view name, std::string_view description) {
    EnumValueDef v;
    v.name = builder_->schema_->intern(name);
    v.description = builder_->schema_->store(description);
    type_->enum_values.push_back(v);
    last_ = Last::kValue;
    return *this;
}

TypeBuilder& TypeBuilder::member(std::string_view object_name) {
    builder_->pending_members_[type_->index].push_back(builder_->schema_->intern(object_name));
    return *this;
}

TypeBuilder& TypeBuilder::input_field(std::string_view name, std::string_view type,
                                      std::string_view default_literal,
                                      std::string_view description) {
    InputValueDef f;
    f.name = builder_->schema_->intern(name);
    f.type = builder_->type_ref(type);
    f.default_value = builder_->default_value(default_literal);
    f.description = builder_->schema_->store(description);
    type_->input_fields.push_back(f);
    last_ = Last::kInputField;
    return *this;
}

TypeBuilder& TypeBuilder::deprecated(std::string_view reason) {
    const std::string_view r = builder_->schema_->store(reason);
    switch (last_) {
        case Last::kField:
            type_->fields.back().deprecated = true;
            type_->fields.back().deprecation_reason = r;
            break;
        case Last::kArg:
            type_->fields.back().args.back().deprecated = true;
            type_->fields.back().args.back().deprecation_reason = r;
            break;
        case Last::kValue:
            type_->enum_values.back().deprecated = true;
            type_->enum_values.back().deprecation_reason = r;
            break;
        case Last::kInputField:
            type_->input_fields.back().deprecated = true;
            type_->input_fields.back().deprecation_reason = r;
            break;
        case Last::kNone:
            builder_->errors_.push_back(
                {"deprecated() on " + std::string(type_->name) + " before any member."});
            break;
    }
    return *this;
}

DirectiveBuilder& DirectiveBuilder::arg(std::string_view name, std::string_view type,
                                        std::string_view default_literal,
                                        std::string_view description) {
    InputValueDef a;
    a.name = builder_->schema_->intern(name);
    a.type = builder_->type_ref(type);
    a.default_value = builder_->default_value(default_literal);
    a.description = builder_->schema_->store(description);
    directive_->args.push_back(a);
    return *this;
}

DirectiveBuilder& DirectiveBuilder::deprecated_arg(std::string_view reason) {
    if (!directive_->args.empty()) {
        directive_->args.back().deprecated = true;
        directive_->args.back().deprecation_reason = builder_->schema_->store(reason);
    }
    return *this;
}

SchemaBuilder::SchemaBuilder() : schema_(new Schema()) {
    builtin_mode_ = true;
    add_builtins();
    add_introspection_types();
    builtin_mode_ = false;
}

void SchemaBuilder::set_description(std::string_view description) {
    schema_->description_ = schema_->store(description);
}

TypeRef SchemaBuilder::type_ref(std::string_view text) {
    auto parsed = parse_type(schema_->intern(text));
    if (!parsed) {
        errors_.push_back(
            {"Invalid type reference \"" + std::string(text) + "\": " + parsed.error().message});
        return TypeRef(schema_->intern(text));
    }
    // Intern the bare name so that equal names share storage.
    TypeRef t = *parsed;
    return t;
}

const ast::Value* SchemaBuilder::default_value(std::string_view literal) {
    if (literal.empty()) return nullptr;
    auto parsed = parse_value(schema_->store(literal), true);
    if (!parsed) {
        errors_.push_back(
            {"Invalid default value \"" + std::string(literal) + "\": " + parsed.error().message});
        return nullptr;
    }
    schema_->default_values_.push_back(std::move(*parsed));
    return &schema_->default_values_.back();
}

TypeBuilder SchemaBuilder::add_type(TypeKind kind, std::string_view name,
                                    std::string_view description) {
    WARD_INVARIANT(schema_ != nullptr, "SchemaBuilder used after build()");
    TypeDef& t = schema_->types_.emplace_back();
    t.kind = kind;
    t.name = schema_->intern(name);
    t.description = schema_->store(description);
    t.index = static_cast<std::uint32_t>(schema_->types_.size() - 1);
    t.builtin = builtin_mode_;
    pending_interfaces_.emplace_back();
    pending_members_.emplace_back();
    return TypeBuilder(this, &t);
}

TypeBuilder SchemaBuilder::add_object(std::string_view name, std::string_view description) {
    return add_type(TypeKind::kObject, name, description);
}
TypeBuilder SchemaBuilder::add_interface(std::string_view name, std::string_view description) {
    return add_type(TypeKind::kInterface, name, description);
}
TypeBuilder SchemaBuilder::add_union(std::string_view name, std::string_view description) {
    return add_type(TypeKind::kUnion, name, description);
}
TypeBuilder SchemaBuilder::add_enum(std::string_view name, std::string_view description) {
    return add_type(TypeKind::kEnum, name, description);
}
TypeBuilder SchemaBuilder::add_input_object(std::string_view name, std::string_view description) {
    return add_type(TypeKind::kInputObject, name, description);
}
TypeBuilder SchemaBuilder::add_scalar(std::string_view name, std::string_view description,
                                      std::string_view specified_by_url) {
    TypeBuilder b = add_type(TypeKind::kScalar, name, description);
    b.type_->specified_by_url = schema_->store(specified_by_url);
    return b;
}

DirectiveBuilder SchemaBuilder::add_directive(std::string_view name,
                                              std::initializer_list<DirectiveLocation> locations,
                                              bool repeatable, std::string_view description) {
    WARD_INVARIANT(schema_ != nullptr, "SchemaBuilder used after build()");
    DirectiveDef& d = schema_->directives_.emplace_back();
    d.name = schema_->intern(name);
    d.description = schema_->store(description);
    for (DirectiveLocation l : locations) d.locations |= 1u << static_cast<int>(l);
    d.repeatable = repeatable;
    d.builtin = builtin_mode_;
    return DirectiveBuilder(this, &d);
}

void SchemaBuilder::add_builtins() {
    using L = DirectiveLocation;
    add_scalar("Int",
               "The `Int` scalar type represents non-fractional signed whole numeric values. Int "
               "can represent values between -(2^31) and 2^31 - 1.");
    add_scalar("Float",
               "The `Float` scalar type represents signed double-precision fractional values as "
               "specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).");
    add_scalar("String",
               "The `String` scalar type represents textual data, represented as UTF-8 character "
               "sequences. The String type is most often used by GraphQL to represent free-form "
               "human-readable text.");
    add_scalar("Boolean", "The `Boolean` scalar type represents `true` or `false`.");
    add_scalar("ID",
               "The `ID` scalar type represents a unique identifier, often used to refetch an "
               "object or as key for a cache. The ID type appears in a JSON response as a String; "
               "however, it is not intended to be human-readable. When expected as an input "
               "type, any string (such as `\"4\"`) or integer (such as `4`) input value will be "
               "accepted as an ID.");
    add_directive("include", {L::kField, L::kFragmentSpread, L::kInlineFragment}, false,
                  "Directs the executor to include this field or fragment only when the `if` "
                  "argument is true.")
        .arg("if", "Boolean!", {}, "Included when true.");
    add_directive("skip", {L::kField, L::kFragmentSpread, L::kInlineFragment}, false,
                  "Directs the executor to skip this field or fragment when the `if` argument is "
                  "true.")
        .arg("if", "Boolean!", {}, "Skipped when true.");
    add_directive(
        "deprecated",
        {L::kFieldDefinition, L::kArgumentDefinition, L::kInputFieldDefinition, L::kEnumValue},
        false, "Marks an element of a GraphQL schema as no longer supported.")
        .arg("reason", "String", "\"No longer supported\"",
             "Explains why this element was deprecated, usually also including a suggestion for "
             "how to access supported similar data. Formatted using the Markdown syntax, as "
             "specified by [CommonMark](https://commonmark.org/).");
    add_directive("specifiedBy", {L::kScalar}, false,
                  "Exposes a URL that specifies the behavior of this scalar.")
        .arg("url", "String!", {}, "The URL that specifies the behavior of this scalar.");
}

void SchemaBuilder::add_introspection_types() {
    add_object("__Schema",
               "A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all "
               "available types and directives on the server, as well as the entry points for "
               "query, mutation, and subscription operations.")
        .field("description", "String")
        .field("types", "[__Type!]!", "A list of all types supported by this server.")
        .field("queryType", "__Type!", "The type that query operations will be rooted at.")
        .field("mutationType", "__Type",
               "If this server supports mutation, the type that mutation operations will be "
               "rooted at.")
        .field("subscriptionType", "__Type",
               "If this server support subscription, the type that subscription operations will "
               "be rooted at.")
        .field("directives", "[__Directive!]!",
               "A list of all directives supported by this server.");
    add_object("__Type",
               "The fundamental unit of any GraphQL Schema is the type. There are many kinds of "
               "types in GraphQL as represented by the `__TypeKind` enum.\n\nDepending on the "
               "kind of a type, certain fields describe information about that type. Scalar "
               "types provide no information beyond a name, description and optional "
               "`specifiedByURL`, while Enum types provide their values. Object and Interface "
               "types provide the fields they describe. Abstract types, Union and Interface, "
               "provide the Object types possible at runtime. List and NonNull types compose "
               "other types.")
        .field("kind", "__TypeKind!")
        .field("name", "String")
        .field("description", "String")
        .field("specifiedByURL", "String")
        .field("specifiedByUrl", "String")
        .deprecated("Use `specifiedByURL`.")
        .field("fields", "[__Field!]")
        .arg("includeDeprecated", "Boolean", "false")
        .field("interfaces", "[__Type!]")
        .field("possibleTypes", "[__Type!]")
        .field("enumValues", "[__EnumValue!]")
        .arg("includeDeprecated", "Boolean", "false")
        .field("inputFields", "[__InputValue!]")
        .arg("includeDeprecated", "Boolean", "false")
        .field("ofType", "__Type");
    add_enum("__TypeKind", "An enum describing what kind of type a given `__Type` is.")
        .value("SCALAR", "Indicates this type is a scalar.")
        .value("OBJECT",
               "Indicates this type is an object. `fields` and `interfaces` are valid fields.")
        .value("INTERFACE",
               "Indicates this type is an interface. `fields`, `interfaces`, and "
               "`possibleTypes` are valid fields.")
        .value("UNION", "Indicates this type is a union. `possibleTypes` is a valid field.")
        .value("ENUM", "Indicates this type is an enum. `enumValues` is a valid field.")
        .value("INPUT_OBJECT",
               "Indicates this type is an input object. `inputFields` is a valid field.")
        .value("LIST", "Indicates this type is a list. `ofType` is a valid field.")
        .value("NON_NULL", "Indicates this type is a non-null. `ofType` is a valid field.");
    add_object("__Field",
               "Object and Interface types are described by a list of Fields, each of which has "
               "a name, potentially a list of arguments, and a return type.")
        .field("name", "String!")
        .field("description", "String")
        .field("args", "[__InputValue!]!")
        .arg("includeDeprecated", "Boolean", "false")
        .field("type", "__Type!")
        .field("isDeprecated", "Boolean!")
        .field("deprecationReason", "String");
    add_object("__InputValue",
               "Arguments provided to Fields or Directives and the input fields of an "
               "InputObject are represented as Input Values which describe their type and "
               "optionally a default value.")
        .field("name", "String!")
        .field("description", "String")
        .field("type", "__Type!")
        .field("defaultValue", "String",
               "A GraphQL-formatted string representing the default value for this input "
               "value.")
        .field("isDeprecated", "Boolean!")
        .field("deprecationReason", "String");
    add_object("__EnumValue",
               "One possible value for a given Enum. Enum values are unique values, not a "
               "placeholder for a string or numeric value. However an Enum value is returned in "
               "a JSON response as a string.")
        .field("name", "String!")
        .field("description", "String")
        .field("isDeprecated", "Boolean!")
        .field("deprecationReason", "String");
    add_object("__Directive",
               "A Directive provides a way to describe alternate runtime execution and type "
               "validation behavior in a GraphQL document.\n\nIn some cases, you need to provide "
               "options to alter GraphQL's execution behavior in ways field arguments will not "
               "suffice, such as conditionally including or skipping a field. Directives provide "
               "this by describing additional information to the executor.")
        .field("name", "String!")
        .field("description", "String")
        .field("isRepeatable", "Boolean!")
        .field("locations", "[__DirectiveLocation!]!")
        .field("args", "[__InputValue!]!")
        .arg("includeDeprecated", "Boolean", "false");
    TypeBuilder loc =
        add_enum("__DirectiveLocation",
                 "A Directive can be adjacent to many parts of the GraphQL language, a "
                 "__DirectiveLocation describes one such possible adjacencies.");
    static constexpr std::string_view kLocationDescriptions[kDirectiveLocationCount] = {
        "Location adjacent to a query operation.",
        "Location adjacent to a mutation operation.",
        "Location adjacent to a subscription operation.",
        "Location adjacent to a field.",
        "Location adjacent to a fragment definition.",
        "Location adjacent to a fragment spread.",
        "Location adjacent to an inline fragment.",
        "Location adjacent to a variable definition.",
        "Location adjacent to a schema definition.",
        "Location adjacent to a scalar definition.",
        "Location adjacent to an object type definition.",
        "Location adjacent to a field definition.",
        "Location adjacent to an argument definition.",
        "Location adjacent to an interface definition.",
        "Location adjacent to a union definition.",
        "Location adjacent to an enum definition.",
        "Location adjacent to an enum value definition.",
        "Location adjacent to an input object type definition.",
        "Location adjacent to an input object field definition.",
    };
    for (int i = 0; i < kDirectiveLocationCount; ++i) {
        loc.value(to_string(static_cast<DirectiveLocation>(i)), kLocationDescriptions[i]);
    }
}

namespace {

bool is_reserved(std::string_view name) { return name.size() >= 2 && name.substr(0, 2) == "__"; }

}  // namespace

core::Result<std::shared_ptr<const Schema>, std::vector<SchemaError>> SchemaBuilder::build() {
    if (built_) return std::vector<SchemaError>{{"SchemaBuilder::build() called twice."}};
    built_ = true;
    Schema& s = *schema_;
    std::vector<SchemaError> errors = std::move(errors_);
    auto err = [&](std::string m) { errors.push_back({std::move(m)}); };
    auto str = [](std::string_view v) { return std::string(v); };

    // Index types and members; duplicates are §3 name-uniqueness violations.
    s.type_index_.reserve(s.types_.size());
    for (TypeDef& t : s.types_) {
        if (!s.type_index_.emplace(t.name, &t).second) {
            err("There can be only one type named \"" + str(t.name) + "\".");
        }
        if (!t.builtin && is_reserved(t.name)) {
            err("Name \"" + str(t.name) +
                "\" must not begin with \"__\", which is reserved by GraphQL introspection.");
        }
    }
    std::size_t members = 0;
    for (const TypeDef& t : s.types_) {
        members += t.fields.size() + t.input_fields.size() + t.enum_values.size();
    }
    s.member_index_.reserve(members);
    for (TypeDef& t : s.types_) {
        auto index = [&](const auto& list, std::string_view what) {
            for (std::uint32_t i = 0; i < list.size(); ++i) {
                if (!s.member_index_.emplace(Schema::MemberKey{t.index, list[i].name}, i).second) {
                    err(std::string(what) + " \"" + str(t.name) + "." + str(list[i].name) +
                        "\" can only be defined once.");
                }
            }
        };
        index(t.fields, "Field");
        index(t.input_fields, "Input field");
        index(t.enum_values, "Enum value");
    }

    // Resolve interfaces and union members.
    for (TypeDef& t : s.types_) {
        for (std::string_view iname : pending_interfaces_[t.index]) {
            const TypeDef* i = s.find_type(iname);
            if (i == nullptr || i->kind != TypeKind::kInterface) {
                err("Type " + str(t.name) +
                    " must only implement Interface types, it cannot "
                    "implement " +
                    str(iname) + ".");
                continue;
            }
            if (i == &t) {
                err("Type " + str(t.name) +
                    " cannot implement itself because it would create a "
                    "circular reference.");
                continue;
            }
            if (std::find(t.interfaces.begin(), t.interfaces.end(), i) != t.interfaces.end()) {
                err("Type " + str(t.name) + " can only implement " + str(iname) + " once.");
                continue;
            }
            t.interfaces.push_back(i);
            if (t.kind == TypeKind::kObject) {
                const_cast<TypeDef*>(i)->possible_types.push_back(&t);
            }
        }
        for (std::string_view mname : pending_members_[t.index]) {
            const TypeDef* m = s.find_type(mname);
            if (m == nullptr || m->kind != TypeKind::kObject) {
                err("Union type " + str(t.name) +
                    " can only include Object types, it cannot include " + str(mname) + ".");
                continue;
            }
            if (std::find(t.possible_types.begin(), t.possible_types.end(), m) !=
                t.possible_types.end()) {
                err("Union type " + str(t.name) + " can only include type " + str(mname) +
                    " once.");
                continue;
            }
            t.possible_types.push_back(m);
        }
    }

    // Roots (§3.3.1).
    auto root = [&](const std::string& name, const char* what, bool required) -> const TypeDef* {
        if (name.empty()) return nullptr;
        const TypeDef* t = s.find_type(name);
        if (t == nullptr) {
            if (required)
                err(std::string(what) + " root type must be provided.");
            else
                err(std::string(what) + " root type \"" + name + "\" is not defined.");
            return nullptr;
        }
        if (t->kind != TypeKind::kObject) {
            err(std::string(what) + " root type must be Object type, it cannot be " + name + ".");
            return nullptr;
        }
        return t;
    };
    s.query_ = root(query_name_, "Query", true);
    s.mutation_ = root(mutation_name_, "Mutation", false);
    s.subscription_ = root(subscription_name_, "Subscription", false);

    auto check_input_value = [&](const InputValueDef& v, const std::string& where) {
        if (is_reserved(v.name)) {
            err("Name \"" + str(v.name) +
                "\" must not begin with \"__\", which is reserved by "
                "GraphQL introspection.");
        }
        const TypeDef* t = s.find_type(v.type.name());
        if (t == nullptr) {
            err("Unknown type \"" + str(v.type.name()) + "\" referenced by " + where + ".");
        } else if (!t->is_input()) {
            err("The type of " + where + " must be Input Type but got: " + v.type.to_string() +
                ".");
        }
        if (v.deprecated && v.type.is_non_null() && v.default_value == nullptr) {
            err("Required " + where + " cannot be deprecated.");
        }
    };
    auto check_args = [&](const std::vector<InputValueDef>& args, const std::string& owner) {
        for (std::size_t i = 0; i < args.size(); ++i) {
            for (std::size_t j = 0; j < i; ++j) {
                if (args[j].name == args[i].name) {
                    err("Argument \"" + owner + "(" + str(args[i].name) +
                        ":)\" can only be defined once.");
                }
            }
            check_input_value(args[i], "argument " + owner + "(" + str(args[i].name) + ":)");
        }
    };

    for (const TypeDef& t : s.types_) {
        const std::string tn = str(t.name);
        switch (t.kind) {
            case TypeKind::kObject:
            case TypeKind::kInterface: {
                const char* kind = t.kind == TypeKind::kObject ? "Object" : "Interface";
                if (t.fields.empty())
                    err(std::string(kind) + " type " + tn + " must define one or more fields.");
                for (const FieldDef& f : t.fields) {
                    const std::string fn = tn + "." + str(f.name);
                    if (!t.builtin && is_reserved(f.name)) {
                        err("Name \"" + str(f.name) +
                            "\" must not begin with \"__\", which is "
                            "reserved by GraphQL introspection.");
                    }
                    const TypeDef* ft = s.find_type(f.type.name());
                    if (ft == nullptr) {
                        err("Unknown type \"" + str(f.type.name()) + "\" referenced by field " +
                            fn + ".");
                    } else if (!ft->is_output()) {
                        err("The type of " + fn +
                            " must be Output Type but got: " + f.type.to_string() + ".");
                    }
                    check_args(f.args, fn);
                }
                // §3.6.1 IsValidImplementation.
                for (const TypeDef* iface : t.interfaces) {
                    const std::string in = str(iface->name);
                    for (const TypeDef* transitive : iface->interfaces) {
                        if (std::find(t.interfaces.begin(), t.interfaces.end(), transitive) ==
                            t.interfaces.end()) {
                            err("Type " + tn + " must implement " + str(transitive->name) +
                                " because it is implemented by " + in + ".");
                        }
                    }
                    for (const FieldDef& ifield : iface->fields) {
                        const FieldDef* f = s.find_field(t, ifield.name);
                        const std::string ifn = in + "." + str(ifield.name);
                        if (f == nullptr) {
                            err("Interface field " + ifn + " expected but " + tn +
                                " does not provide it.");
                            continue;
                        }
                        if (!s.is_subtype(f->type, ifield.type)) {
                            err("Interface field " + ifn + " expects type " +
                                ifield.type.to_string() + " but " + tn + "." + str(f->name) +
                                " is type " + f->type.to_string() + ".");
                        }
                        for (const InputValueDef& iarg : ifield.args) {
                            const InputValueDef* a = f->find_arg(iarg.name);
                            if (a == nullptr) {
                                err("Interface field argument " + ifn + "(" + str(iarg.name) +
                                    ":) expected but " + tn + "." + str(f->name) +
                                    " does not provide it.");
                            } else if (!(a->type == iarg.type)) {
                                err("Interface field argument " + ifn + "(" + str(iarg.name) +
                                    ":) expects type " + iarg.type.to_string() + " but " + tn +
                                    "." + str(f->name) + "(" + str(a->name) + ":) is type " +
                                    a->type.to_string() + ".");
                            }
                        }
                        for (const InputValueDef& a : f->args) {
                            if (ifield.find_arg(a.name) == nullptr && a.type.is_non_null() &&
                                a.default_value == nullptr) {
                                err("Object field " + tn + "." + str(f->name) +
                                    " includes required argument " + str(a.name) +
                                    " that is missing from the Interface field " + ifn + ".");
                            }
                        }
                    }
                }
                break;
            }
            case TypeKind::kUnion:
                if (t.possible_types.empty() && pending_members_[t.index].empty()) {
                    err("Union type " + tn + " must define one or more member types.");
                }
                break;
            case TypeKind::kEnum:
                if (t.enum_values.empty())
                    err("Enum type " + tn + " must define one or more values.");
                for (const EnumValueDef& v : t.enum_values) {
                    if (v.name == "true" || v.name == "false" || v.name == "null") {
                        err("Enum type " + tn + " cannot include value: " + str(v.name) + ".");
                    }
                }
                break;
            case TypeKind::kInputObject:
                if (t.input_fields.empty()) {
                    err("Input Object type " + tn + " must define one or more fields.");
                }
                for (const InputValueDef& f : t.input_fields) {
                    check_input_value(f, "input field " + tn + "." + str(f.name));
                }
                break;
            case TypeKind::kScalar:
                break;
        }
    }

    // §3.10.1: no cycle of non-null, non-list input fields (such a value could never be written).
    {
        std::vector<int> state(s.types_.size(), 0);  // 0 new, 1 on stack, 2 done
        std::vector<std::string_view> path;
        std::function<void(const TypeDef&)> visit = [&](const TypeDef& t) {
            state[t.index] = 1;
            for (const InputValueDef& f : t.input_fields) {
                if (!f.type.is_non_null() || !f.type.of_type().is_named()) continue;
                const TypeDef* ft = s.find_type(f.type.name());
                if (ft == nullptr || ft->kind != TypeKind::kInputObject) continue;
                path.push_back(f.name);
                if (state[ft->index] == 1) {
                    std::string via;
                    for (auto p : path) via += (via.empty() ? "" : ".") + str(p);
                    err("Cannot reference Input Object \"" + str(ft->name) +
                        "\" within itself through a series of non-null fields: \"" + via + "\".");
                } else if (state[ft->index] == 0) {
                    visit(*ft);
                }
                path.pop_back();
            }
            state[t.index] = 2;
        };
        for (const TypeDef& t : s.types_) {
            if (t.kind == TypeKind::kInputObject && state[t.index] == 0) visit(t);
        }
    }

    for (std::size_t i = 0; i < s.directives_.size(); ++i) {
        const DirectiveDef& d = s.directives_[i];
        for (std::size_t j = 0; j < i; ++j) {
            if (s.directives_[j].name == d.name) {
                err("There can be only one directive named \"@" + str(d.name) + "\".");
            }
        }
        if (is_reserved(d.name)) {
            err("Name \"" + str(d.name) +
                "\" must not begin with \"__\", which is reserved by "
                "GraphQL introspection.");
        }
        if (d.locations == 0) err("Directive @" + str(d.name) + " must have a location.");
        check_args(d.args, "@" + str(d.name));
    }

    // Default values must coerce to their declared types (§3.6.1 / §3.10). Only meaningful once
    // every referenced type is known to exist.
    if (errors.empty()) {
        const core::json::object no_variables;
        auto check_default = [&](const InputValueDef& v, const std::string& where) {
            if (v.default_value == nullptr) return;
            auto r = value_from_ast(s, v.type, *v.default_value, no_variables);
            if (!r) err("Default value of " + where + " is invalid: " + r.error());
        };
        for (const TypeDef& t : s.types_) {
            for (const FieldDef& f : t.fields) {
                for (const InputValueDef& a : f.args) {
                    check_default(a, str(t.name) + "." + str(f.name) + "(" + str(a.name) + ":)");
                }
            }
            for (const InputValueDef& f : t.input_fields) {
                check_default(f, str(t.name) + "." + str(f.name));
            }
        }
        for (const DirectiveDef& d : s.directives_) {
            for (const InputValueDef& a : d.args) {
                check_default(a, "@" + str(d.name) + "(" + str(a.name) + ":)");
            }
        }
    }

    if (!errors.empty()) return errors;

    // Meta fields (§4.1).
    s.typename_field_.name = s.intern("__typename");
    s.typename_field_.type = *parse_type(s.intern("String!"));
    s.typename_field_.description = s.store("The name of the current Object type at runtime.");
    s.schema_field_.name = s.intern("__schema");
    s.schema_field_.type = *parse_type(s.intern("__Schema!"));
    s.schema_field_.description = s.store("Access the current type schema of this server.");
    s.type_field_.name = s.intern("__type");
    s.type_field_.type = *parse_type(s.intern("__Type"));
    s.type_field_.description = s.store("Request the type information of a single type.");
    InputValueDef name_arg;
    name_arg.name = s.intern("name");
    name_arg.type = *parse_type(s.intern("String!"));
    s.type_field_.args.push_back(name_arg);

    std::shared_ptr<const Schema> out(schema_.release());
    return out;
}

// ---- SDL printer ----

namespace {

void print_description(std::string& out, std::string_view desc, std::string_view indent) {
    if (desc.empty()) return;
    out += indent;
    if (desc.find('\n') == std::string_view::npos && desc.find('"') == std::string_view::npos &&
        desc.find('\\') == std::string_view::npos) {
        out += "\"\"\"";
        out += desc;
        out += "\"\"\"\n";
        return;
    }
    out += "\"\"\"\n";
    std::size_t begin = 0;
    while (begin <= desc.size()) {
        std::size_t end = desc.find('\n', begin);
        if (end == std::string_view::npos) end = desc.size();
        std::string line(desc.substr(begin, end - begin));
        for (std::size_t p = 0; (p = line.find("\"\"\"", p)) != std::string::npos; p += 4) {
            line.replace(p, 3, "\\\"\"\"");
        }
        out += indent;
        out += line;
        out += '\n';
        begin = end + 1;
    }
    out += indent;
    out += "\"\"\"\n";
}

void print_deprecation(std::string& out, bool deprecated, std::string_view reason) {
    if (!deprecated) return;
    out += " @deprecated";
    if (reason != "No longer supported") {
        out += "(reason: ";
        out += print_string(reason);
        out += ')';
    }
}

void print_args(std::string& out, const std::vector<InputValueDef>& args) {
    if (args.empty()) return;
    out += '(';
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (i) out += ", ";
        if (!args[i].description.empty()) out += print_string(args[i].description) + " ";
        out += args[i].name;
        out += ": ";
        out += args[i].type.to_string();
        if (args[i].default_value) out += " = " + print(*args[i].default_value);
        print_deprecation(out, args[i].deprecated, args[i].deprecation_reason);
    }
    out += ')';
}

}  // namespace

std::string print_schema(const Schema& schema) {
    std::string out;
    auto sep = [&] {
        if (!out.empty()) out += '\n';
    };
    const bool conventional =
        (schema.query_type() == nullptr || schema.query_type()->name == "Query") &&
        (schema.mutation_type() == nullptr || schema.mutation_type()->name == "Mutation") &&
        (schema.subscription_type() == nullptr ||
         schema.subscription_type()->name == "Subscription");
    if (!conventional || !schema.description().empty()) {
        print_description(out, schema.description(), "");
        out += "schema {\n";
        if (schema.query_type()) out += "  query: " + std::string(schema.query_type()->name) + "\n";
        if (schema.mutation_type()) {
            out += "  mutation: " + std::string(schema.mutation_type()->name) + "\n";
        }
        if (schema.subscription_type()) {
            out += "  subscription: " + std::string(schema.subscription_type()->name) + "\n";
        }
        out += "}\n";
    }
    for (const DirectiveDef& d : schema.directives()) {
        if (d.builtin) continue;
        sep();
        print_description(out, d.description, "");
        out += "directive @";
        out += d.name;
        print_args(out, d.args);
        if (d.repeatable) out += " repeatable";
        out += " on ";
        bool first = true;
        for (int i = 0; i < kDirectiveLocationCount; ++i) {
            if (!d.allows(static_cast<DirectiveLocation>(i))) continue;
            if (!first) out += " | ";
            out += to_string(static_cast<DirectiveLocation>(i));
            first = false;
        }
        out += '\n';
    }
    for (const TypeDef& t : schema.types()) {
        if (t.builtin) continue;
        sep();
        print_description(out, t.description, "");
        switch (t.kind) {
            case TypeKind::kScalar:
                out += "scalar ";
                out += t.name;
                if (!t.specified_by_url.empty()) {
                    out += " @specifiedBy(url: " + print_string(t.specified_by_url) + ")";
                }
                out += '\n';
                break;
            case TypeKind::kObject:
            case TypeKind::kInterface:
                out += t.kind == TypeKind::kObject ? "type " : "interface ";
                out += t.name;
                for (std::size_t i = 0; i < t.interfaces.size(); ++i) {
                    out += i == 0 ? " implements " : " & ";
                    out += t.interfaces[i]->name;
                }
                out += " {\n";
                for (const FieldDef& f : t.fields) {
                    print_description(out, f.description, "  ");
                    out += "  ";
                    out += f.name;
                    print_args(out, f.args);
                    out += ": ";
                    out += f.type.to_string();
                    print_deprecation(out, f.deprecated, f.deprecation_reason);
                    out += '\n';
                }
                out += "}\n";
                break;
            case TypeKind::kUnion:
                out += "union ";
                out += t.name;
                for (std::size_t i = 0; i < t.possible_types.size(); ++i) {
                    out += i == 0 ? " = " : " | ";
                    out += t.possible_types[i]->name;
                }
                out += '\n';
                break;
            case TypeKind::kEnum:
                out += "enum ";
                out += t.name;
                out += " {\n";
                for (const EnumValueDef& v : t.enum_values) {
                    print_description(out, v.description, "  ");
                    out += "  ";
                    out += v.name;
                    print_deprecation(out, v.deprecated, v.deprecation_reason);
                    out += '\n';
                }
                out += "}\n";
                break;
            case TypeKind::kInputObject:
                out += "input ";
                out += t.name;
                out += " {\n";
                for (const InputValueDef& f : t.input_fields) {
                    print_description(out, f.description, "  ");
                    out += "  ";
                    out += f.name;
                    out += ": ";
                    out += f.type.to_string();
                    if (f.default_value) out += " = " + print(*f.default_value);
                    print_deprecation(out, f.deprecated, f.deprecation_reason);
                    out += '\n';
                }
                out += "}\n";
                break;
        }
    }
    return out;
}

}  // namespace ward::engine::graphql
