#include "engine/graphql/validate.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "engine/graphql/printer.hpp"

namespace ward::engine::graphql {

namespace {

using std::string_view;

std::string q(string_view s) { return "\"" + std::string(s) + "\""; }

SourceLocation at(const ast::NodeLocation& loc) { return {loc.line, loc.column}; }

// A variable as used somewhere, with the type the position expects (§5.8.5).
struct VariableUsage {
    string_view name;
    std::optional<TypeRef> expected;  // unknown when the position's type is unknown
    bool location_has_default = false;
    SourceLocation loc;
    std::vector<std::string> path;
};

// What one operation or fragment body uses: variables and the fragments it spreads.
struct Scope {
    std::vector<VariableUsage> usages;
    std::vector<string_view> spreads;
};

// A field in a selection set, with the type it was selected on, for §5.3.2.
struct FieldEntry {
    const TypeDef* parent = nullptr;
    const ast::Field* node = nullptr;
    const FieldDef* def = nullptr;
};
using FieldMap = std::vector<std::pair<string_view, std::vector<FieldEntry>>>;

// Fragments spreading fragments this deep are refused (and never expanded further), so that a
// long chain cannot exhaust the stack.
constexpr std::size_t kMaxSpreadDepth = 128;

bool leaf_named(const Schema& s, TypeRef t) {
    const TypeDef* d = s.find_type(t.name());
    return d != nullptr && d->is_leaf();
}

class Validator {
  public:
    Validator(const Schema& schema, const ast::Document& doc, const ValidationLimits& limits)
        : s_(schema), doc_(doc), limits_(limits) {}

    std::vector<GraphQLError> run() {
        definitions();
        for (const auto* frag : fragment_list_) fragment_body(*frag);
        for (const auto* op : operations_) operation(*op);
        unused_fragments();
        fragment_cycles();
        if (errors_.size() > limits_.max_errors) errors_.resize(limits_.max_errors);
        return std::move(errors_);
    }

  private:
    void error(ValidationRule rule, std::string message, std::vector<SourceLocation> locs,
               bool with_path = true) {
        if (errors_.size() > limits_.max_errors) return;
        GraphQLError e;
        e.rule = rule;
        e.message = std::move(message);
        e.locations = std::move(locs);
        if (with_path) {
            for (string_view p : path_) e.path.emplace_back(p);
        }
        errors_.push_back(std::move(e));
    }

    // ---- §5.1, §5.2.1, §5.2.2, §5.5.1.1 ----
    void definitions() {
        std::unordered_map<string_view, const ast::OperationDefinition*> op_names;
        std::size_t anonymous = 0;
        for (const auto& def : doc_.definitions) {
            if (const auto* op = std::get_if<ast::OperationDefinition>(&def)) {
                operations_.push_back(op);
                if (op->name.empty()) {
                    ++anonymous;
                } else if (auto [it, fresh] = op_names.emplace(op->name, op); !fresh) {
                    error(ValidationRule::kUniqueOperationNames,
                          "There can be only one operation named " + q(op->name) + ".",
                          {at(it->second->loc), at(op->loc)}, false);
                }
            } else if (const auto* frag = std::get_if<ast::FragmentDefinition>(&def)) {
                fragment_list_.push_back(frag);
                if (auto [it, fresh] = fragments_.emplace(frag->name, frag); !fresh) {
                    error(ValidationRule::kUniqueFragmentNames,
                          "There can be only one fragment named " + q(frag->name) + ".",
                          {at(it->second->loc), at(frag->loc)}, false);
                }
            } else {
                const auto& ts = std::get<ast::TypeSystemDefinition>(def);
                if (ts.keyword == "schema" || (ts.keyword == "extend" && ts.name.empty())) {
                    error(ValidationRule::kExecutableDefinitions,
                          "The schema definition is not executable.", {at(ts.loc)}, false);
                } else {
                    error(ValidationRule::kExecutableDefinitions,
                          "The " + q(ts.name) + " definition is not executable.", {at(ts.loc)},
                          false);
                }
            }
        }
        if (anonymous > 0 && operations_.size() > 1) {
            for (const auto* op : operations_) {
                if (op->name.empty()) {
                    error(ValidationRule::kLoneAnonymousOperation,
                          "This anonymous operation must be the only defined operation.",
                          {at(op->loc)}, false);
                }
            }
        }
    }

    void fragment_body(const ast::FragmentDefinition& frag) {
        Scope& scope = fragment_scopes_[frag.name];
        scope_ = &scope;
        path_.clear();
        const TypeDef* type = s_.find_type(frag.type_condition);
        if (type == nullptr) {
            error(ValidationRule::kKnownTypeNames, "Unknown type " + q(frag.type_condition) + ".",
                  {at(frag.type_condition_loc)});
        } else if (!type->is_composite()) {
            error(ValidationRule::kFragmentsOnCompositeTypes,
                  "Fragment " + q(frag.name) + " cannot condition on non composite type " +
                      q(frag.type_condition) + ".",
                  {at(frag.type_condition_loc)});
            type = nullptr;
        }
        directives(frag.directives, DirectiveLocation::kFragmentDefinition);
        selection_set(type, frag.selection_set);
    }

    // ---- operations, variables (§5.2, §5.8) ----
    void operation(const ast::OperationDefinition& op) {
        Scope scope;
        scope_ = &scope;
        path_.clear();
        const TypeDef* root = nullptr;
        DirectiveLocation loc = DirectiveLocation::kQuery;
        switch (op.operation) {
            case ast::OperationType::kQuery:
                root = s_.query_type();
                break;
            case ast::OperationType::kMutation:
                root = s_.mutation_type();
                loc = DirectiveLocation::kMutation;
                break;
            case ast::OperationType::kSubscription:
                root = s_.subscription_type();
                loc = DirectiveLocation::kSubscription;
                break;
        }
        if (root == nullptr) {
            error(ValidationRule::kKnownOperationTypes,
                  "Schema is not configured to execute " +
                      std::string(ast::to_string(op.operation)) + " operation.",
                  {at(op.loc)}, false);
        }
        // Variable definitions: §5.8.1 uniqueness, §5.8.2 input types, defaults (§5.6.1).
        std::unordered_map<string_view, const ast::VariableDefinition*> vars;
        for (const auto& var : op.variables) {
            if (auto [it, fresh] = vars.emplace(var.name, &var); !fresh) {
                error(ValidationRule::kUniqueVariableNames,
                      "There can be only one variable named \"$" + std::string(var.name) + "\".",
                      {at(it->second->loc), at(var.loc)}, false);
            }
            const TypeDef* t = s_.find_type(var.type.name());
            if (t == nullptr) {
                error(ValidationRule::kKnownTypeNames, "Unknown type " + q(var.type.name()) + ".",
                      {at(var.type_loc)}, false);
            } else if (!t->is_input()) {
                error(ValidationRule::kVariablesAreInputTypes,
                      "Variable \"$" + std::string(var.name) + "\" cannot be non-input type " +
                          q(var.type.to_string()) + ".",
                      {at(var.type_loc)}, false);
            } else if (var.default_value) {
                value(*var.default_value, var.type, false);
            }
            directives(var.directives, DirectiveLocation::kVariableDefinition);
        }
        directives(op.directives, loc);
        if (op.operation == ast::OperationType::kSubscription && root != nullptr) {
            single_root_field(op, *root);
        }
        selection_set(root, op.selection_set);

        // §5.8.3 / §5.8.4 / §5.8.5 over the operation and every fragment it reaches.
        std::vector<const VariableUsage*> usages;
        for (const auto& u : scope.usages) usages.push_back(&u);
        std::unordered_set<string_view> seen;
        std::vector<string_view> stack(scope.spreads.begin(), scope.spreads.end());
        while (!stack.empty()) {
            string_view name = stack.back();
            stack.pop_back();
            if (!seen.insert(name).second) continue;
            reachable_fragments_.insert(name);
            auto it = fragment_scopes_.find(name);
            if (it == fragment_scopes_.end()) continue;
            for (const auto& u : it->second.usages) usages.push_back(&u);
            for (string_view sp : it->second.spreads) stack.push_back(sp);
        }
        std::unordered_set<string_view> used;
        for (const VariableUsage* u : usages) {
            used.insert(u->name);
            auto it = vars.find(u->name);
            if (it == vars.end()) {
                GraphQLError e;
                e.message = op.name.empty()
                                ? "Variable \"$" + std::string(u->name) + "\" is not defined."
                                : "Variable \"$" + std::string(u->name) +
                                      "\" is not defined by operation " + q(op.name) + ".";
                e.locations = {u->loc, at(op.loc)};
                e.path = u->path;
                e.rule = ValidationRule::kNoUndefinedVariables;
                if (errors_.size() <= limits_.max_errors) errors_.push_back(std::move(e));
                continue;
            }
            if (!u->expected) continue;
            const ast::VariableDefinition& def = *it->second;
            if (s_.find_type(def.type.name()) == nullptr) continue;
            if (!usage_allowed(def, *u)) {
                GraphQLError e;
                e.message = "Variable \"$" + std::string(u->name) + "\" of type " +
                            q(def.type.to_string()) + " used in position expecting type " +
                            q(u->expected->to_string()) + ".";
                e.locations = {at(def.loc), u->loc};
                e.path = u->path;
                e.rule = ValidationRule::kVariablesInAllowedPosition;
                if (errors_.size() <= limits_.max_errors) errors_.push_back(std::move(e));
            }
        }
        for (const auto& var : op.variables) {
            if (used.count(var.name) == 0) {
                error(ValidationRule::kNoUnusedVariables,
                      op.name.empty() ? "Variable \"$" + std::string(var.name) + "\" is never used."
                                      : "Variable \"$" + std::string(var.name) +
                                            "\" is never used in operation " + q(op.name) + ".",
                      {at(var.loc)}, false);
            }
        }
    }

    // §5.8.5 IsVariableUsageAllowed.
    bool usage_allowed(const ast::VariableDefinition& def, const VariableUsage& u) const {
        TypeRef var_type = def.type;
        TypeRef loc_type = *u.expected;
        if (loc_type.is_non_null() && !var_type.is_non_null()) {
            const bool var_default = def.default_value && !std::holds_alternative<ast::NullValue>(
                                                              def.default_value->kind);
            if (!var_default && !u.location_has_default) return false;
            return types_compatible(var_type, loc_type.of_type());
        }
        return types_compatible(var_type, loc_type);
    }

    // §5.8.5 AreTypesCompatible.
    bool types_compatible(TypeRef var, TypeRef loc) const {
        if (loc.is_non_null()) {
            return var.is_non_null() && types_compatible(var.of_type(), loc.of_type());
        }
        if (var.is_non_null()) return types_compatible(var.of_type(), loc);
        if (loc.is_list()) return var.is_list() && types_compatible(var.of_type(), loc.of_type());
        if (var.is_list()) return false;
        return var.name() == loc.name();
    }

    // §5.2.3.1 Single root field.
    void single_root_field(const ast::OperationDefinition& op, const TypeDef& root) {
        FieldMap fields;
        std::unordered_set<string_view> visited;
        collect(&root, op.selection_set, fields, visited);
        const std::string who =
            op.name.empty() ? "Anonymous Subscription" : "Subscription " + q(op.name);
        if (fields.size() > 1) {
            std::vector<SourceLocation> locs;
            for (std::size_t i = 1; i < fields.size(); ++i) {
                for (const auto& e : fields[i].second) locs.push_back(at(e.node->loc));
            }
            error(ValidationRule::kSingleFieldSubscriptions,
                  who + " must select only one top level field.", locs, false);
        }
        for (const auto& [key, entries] : fields) {
            for (const auto& e : entries) {
                if (e.node->name.substr(0, 2) == "__") {
                    error(ValidationRule::kSingleFieldSubscriptions,
                          who + " must not select an introspection top level field.",
                          {at(e.node->loc)}, false);
                }
            }
        }
    }

    // ---- selections (§5.3, §5.5.1, §5.5.2) ----
    void selection_set(const TypeDef* parent, const ast::SelectionSet& set) {
        for (const auto& sel : set.selections) {
            if (const auto* f = std::get_if<ast::Field>(&sel)) {
                field(parent, *f);
            } else if (const auto* sp = std::get_if<ast::FragmentSpread>(&sel)) {
                spread(parent, *sp);
            } else {
                inline_fragment(parent, std::get<ast::InlineFragment>(sel));
            }
        }
        if (parent != nullptr) fields_can_merge(parent, set);
    }

    void field(const TypeDef* parent, const ast::Field& f) {
        path_.push_back(f.response_key());
        const FieldDef* def = parent ? s_.field_for(*parent, f.name) : nullptr;
        if (parent != nullptr && def == nullptr) {
            // §5.3.1 Field selections.
            error(ValidationRule::kFieldsOnCorrectType,
                  "Cannot query field " + q(f.name) + " on type " + q(parent->name) + ".",
                  {at(f.loc)});
        }
        arguments(
            f.arguments, def ? &def->args : nullptr,
            [&](string_view arg) {
                return "Unknown argument " + q(arg) + " on field " +
                       q(std::string(parent->name) + "." + std::string(f.name)) + ".";
            },
            [&](const InputValueDef& a) {
                return "Field " + q(f.name) + " argument " + q(a.name) + " of type " +
                       q(a.type.to_string()) + " is required, but it was not provided.";
            },
            f.loc);
        directives(f.directives, DirectiveLocation::kField);
        const TypeDef* sub = nullptr;
        if (def != nullptr) {
            const TypeDef* type = s_.find_type(def->type.name());
            if (type != nullptr) {
                // §5.3.3 Leaf field selections.
                if (type->is_leaf() && !f.selection_set.empty()) {
                    error(ValidationRule::kScalarLeafs,
                          "Field " + q(f.name) + " must not have a selection since type " +
                              q(def->type.to_string()) + " has no subfields.",
                          {at(f.selection_set.loc)});
                } else if (type->is_composite() && f.selection_set.empty()) {
                    error(ValidationRule::kScalarLeafs,
                          "Field " + q(f.name) + " of type " + q(def->type.to_string()) +
                              " must have a selection of subfields. Did you mean \"" +
                              std::string(f.name) + " { ... }\"?",
                          {at(f.loc)});
                } else if (type->is_composite()) {
                    sub = type;
                }
            }
        }
        if (!f.selection_set.empty()) selection_set(sub, f.selection_set);
        path_.pop_back();
    }

    void spread(const TypeDef* parent, const ast::FragmentSpread& sp) {
        scope_->spreads.push_back(sp.name);
        directives(sp.directives, DirectiveLocation::kFragmentSpread);
        auto it = fragments_.find(sp.name);
        if (it == fragments_.end()) {
            // §5.5.2.1 Fragment spread target defined.
            error(ValidationRule::kKnownFragmentNames, "Unknown fragment " + q(sp.name) + ".",
                  {at(sp.loc)});
            return;
        }
        const TypeDef* frag_type = s_.find_type(it->second->type_condition);
        // §5.5.2.3 Fragment spread is possible.
        if (parent != nullptr && frag_type != nullptr && frag_type->is_composite() &&
            !s_.types_overlap(*parent, *frag_type)) {
            error(ValidationRule::kPossibleFragmentSpreads,
                  "Fragment " + q(sp.name) + " cannot be spread here as objects of type " +
                      q(parent->name) + " can never be of type " + q(frag_type->name) + ".",
                  {at(sp.loc)});
        }
    }

    void inline_fragment(const TypeDef* parent, const ast::InlineFragment& frag) {
        const TypeDef* type = parent;
        if (!frag.type_condition.empty()) {
            type = s_.find_type(frag.type_condition);
            if (type == nullptr) {
                // §5.5.1.2 Fragment spread type existence.
                error(ValidationRule::kKnownTypeNames,
                      "Unknown type " + q(frag.type_condition) + ".", {at(frag.loc)});
            } else if (!type->is_composite()) {
                // §5.5.1.3 Fragments on composite types.
                error(ValidationRule::kFragmentsOnCompositeTypes,
                      "Fragment cannot condition on non composite type " + q(frag.type_condition) +
                          ".",
                      {at(frag.loc)});
                type = nullptr;
            } else if (parent != nullptr && !s_.types_overlap(*parent, *type)) {
                error(ValidationRule::kPossibleFragmentSpreads,
                      "Fragment cannot be spread here as objects of type " + q(parent->name) +
                          " can never be of type " + q(type->name) + ".",
                      {at(frag.loc)});
            }
        }
        directives(frag.directives, DirectiveLocation::kInlineFragment);
        selection_set(type, frag.selection_set);
    }

    // ---- arguments (§5.4) ----
    template <typename UnknownMsg, typename RequiredMsg>
    void arguments(const std::vector<ast::Argument>& args, const std::vector<InputValueDef>* defs,
                   UnknownMsg unknown, RequiredMsg required, const ast::NodeLocation& owner) {
        for (std::size_t i = 0; i < args.size(); ++i) {
            const ast::Argument& a = args[i];
            // §5.4.2 Argument uniqueness.
            for (std::size_t j = 0; j < i; ++j) {
                if (args[j].name == a.name) {
                    error(ValidationRule::kUniqueArgumentNames,
                          "There can be only one argument named " + q(a.name) + ".",
                          {at(args[j].loc), at(a.loc)});
                    break;
                }
            }
            const InputValueDef* def = nullptr;
            if (defs != nullptr) {
                for (const auto& d : *defs) {
                    if (d.name == a.name) def = &d;
                }
                // §5.4.1 Argument names.
                if (def == nullptr)
                    error(ValidationRule::kKnownArgumentNames, unknown(a.name), {at(a.loc)});
            }
            if (def != nullptr) {
                value(a.value, def->type, def->default_value != nullptr);
            } else {
                value_untyped(a.value);
            }
        }
        if (defs == nullptr) return;
        // §5.4.2.1 Required arguments.
        for (const auto& d : *defs) {
            if (!d.type.is_non_null() || d.default_value != nullptr) continue;
            const ast::Argument* given = nullptr;
            for (const auto& a : args) {
                if (a.name == d.name) given = &a;
            }
            if (given == nullptr)
                error(ValidationRule::kProvidedRequiredArguments, required(d), {at(owner)});
        }
    }

    // ---- directives (§5.7) ----
    void directives(const std::vector<ast::Directive>& dirs, DirectiveLocation loc) {
        for (std::size_t i = 0; i < dirs.size(); ++i) {
            const ast::Directive& d = dirs[i];
            const DirectiveDef* def = s_.find_directive(d.name);
            if (def == nullptr) {
                // §5.7.1 Directives are defined.
                error(ValidationRule::kKnownDirectives,
                      "Unknown directive \"@" + std::string(d.name) + "\".", {at(d.loc)});
            } else {
                // §5.7.2 Directives are in valid locations.
                if (!def->allows(loc)) {
                    error(ValidationRule::kKnownDirectives,
                          "Directive \"@" + std::string(d.name) + "\" may not be used on " +
                              std::string(to_string(loc)) + ".",
                          {at(d.loc)});
                }
                // §5.7.3 Directives are unique per location.
                if (!def->repeatable) {
                    for (std::size_t j = 0; j < i; ++j) {
                        if (dirs[j].name == d.name) {
                            error(ValidationRule::kUniqueDirectivesPerLocation,
                                  "The directive \"@" + std::string(d.name) +
                                      "\" can only be used once at this location.",
                                  {at(dirs[j].loc), at(d.loc)});
                            break;
                        }
                    }
                }
            }
            arguments(
                d.arguments, def ? &def->args : nullptr,
                [&](string_view arg) {
                    return "Unknown argument " + q(arg) + " on directive \"@" +
                           std::string(d.name) + "\".";
                },
                [&](const InputValueDef& a) {
                    return "Directive \"@" + std::string(d.name) + "\" argument " + q(a.name) +
                           " of type " + q(a.type.to_string()) +
                           " is required, but it was not provided.";
                },
                d.loc);
        }
    }

    // ---- values (§5.6) ----
    void record_variable(const ast::Value& v, std::optional<TypeRef> expected, bool has_default) {
        const auto& var = std::get<ast::VariableRef>(v.kind);
        VariableUsage u;
        u.name = var.name;
        u.expected = expected;
        u.location_has_default = has_default;
        u.loc = at(v.loc);
        for (string_view p : path_) u.path.emplace_back(p);
        scope_->usages.push_back(std::move(u));
    }

    // A value whose expected type is unknown: only its variables and shape matter.
    void value_untyped(const ast::Value& v) {
        if (std::holds_alternative<ast::VariableRef>(v.kind)) {
            record_variable(v, std::nullopt, false);
        } else if (const auto* list = std::get_if<ast::ListValue>(&v.kind)) {
            for (const auto& item : list->values) value_untyped(item);
        } else if (const auto* obj = std::get_if<ast::ObjectValue>(&v.kind)) {
            for (const auto& f : obj->fields) value_untyped(f.value);
        }
    }

    void bad_value(TypeRef type, const ast::Value& v) {
        error(ValidationRule::kValuesOfCorrectType,
              "Expected value of type " + q(type.to_string()) + ", found " + print(v) + ".",
              {at(v.loc)});
    }

    // §5.6.1 Values of correct type; §5.6.2-4 input object fields.
    void value(const ast::Value& v, TypeRef type, bool location_has_default) {
        if (std::holds_alternative<ast::VariableRef>(v.kind)) {
            record_variable(v, type, location_has_default);
            return;
        }
        if (std::holds_alternative<ast::NullValue>(v.kind)) {
            if (type.is_non_null()) bad_value(type, v);
            return;
        }
        if (type.is_non_null()) {
            value(v, type.of_type(), false);
            return;
        }
        if (type.is_list()) {
            if (const auto* list = std::get_if<ast::ListValue>(&v.kind)) {
                for (const auto& item : list->values) value(item, type.of_type(), false);
            } else {
                value(v, type.of_type(), false);  // input coercion of a single item (§3.11)
            }
            return;
        }
        const TypeDef* def = s_.find_type(type.name());
        if (def == nullptr) {
            value_untyped(v);
            return;
        }
        switch (def->kind) {
            case TypeKind::kInputObject: {
                const auto* obj = std::get_if<ast::ObjectValue>(&v.kind);
                if (obj == nullptr) {
                    bad_value(type, v);
                    value_untyped(v);
                    return;
                }
                for (std::size_t i = 0; i < obj->fields.size(); ++i) {
                    const ast::ObjectField& f = obj->fields[i];
                    for (std::size_t j = 0; j < i; ++j) {
                        if (obj->fields[j].name == f.name) {
                            // §5.6.3 Input object field uniqueness.
                            error(ValidationRule::kUniqueInputFieldNames,
                                  "There can be only one input field named " + q(f.name) + ".",
                                  {at(obj->fields[j].loc), at(f.loc)});
                            break;
                        }
                    }
                    const InputValueDef* fdef = s_.find_input_field(*def, f.name);
                    if (fdef == nullptr) {
                        // §5.6.2 Input object field names.
                        error(
                            ValidationRule::kValuesOfCorrectType,
                            "Field " + q(f.name) + " is not defined by type " + q(def->name) + ".",
                            {at(f.loc)});
                        value_untyped(f.value);
                    } else {
                        value(f.value, fdef->type, fdef->default_value != nullptr);
                    }
                }
                // §5.6.4 Input object required fields.
                for (const InputValueDef& fdef : def->input_fields) {
                    if (!fdef.type.is_non_null() || fdef.default_value != nullptr) continue;
                    bool given = false;
                    for (const auto& f : obj->fields) given = given || f.name == fdef.name;
                    if (!given) {
                        error(ValidationRule::kValuesOfCorrectType,
                              "Field " + q(std::string(def->name) + "." + std::string(fdef.name)) +
                                  " of required type " + q(fdef.type.to_string()) +
                                  " was not provided.",
                              {at(v.loc)});
                    }
                }
                return;
            }
            case TypeKind::kEnum: {
                const auto* e = std::get_if<ast::EnumValue>(&v.kind);
                if (e == nullptr) {
                    error(ValidationRule::kValuesOfCorrectType,
                          "Enum " + q(def->name) + " cannot represent non-enum value: " + print(v) +
                              ".",
                          {at(v.loc)});
                    value_untyped(v);
                } else if (s_.find_enum_value(*def, e->name) == nullptr) {
                    error(ValidationRule::kValuesOfCorrectType,
                          "Value " + q(e->name) + " does not exist in " + q(def->name) + " enum.",
                          {at(v.loc)});
                }
                return;
            }
            case TypeKind::kScalar:
                if (!scalar_literal_ok(*def, v)) {
                    bad_value(type, v);
                    value_untyped(v);
                }
                return;
            default:
                bad_value(type, v);
                return;
        }
    }

    static bool scalar_literal_ok(const TypeDef& t, const ast::Value& v) {
        const string_view n = t.name;
        if (!t.builtin) {
            // Custom scalars accept any literal; their meaning is the engine's business.
            return true;
        }
        if (n == "Int") {
            const auto* i = std::get_if<ast::IntValue>(&v.kind);
            if (i == nullptr) return false;
            std::int64_t x = 0;
            auto r = std::from_chars(i->text.data(), i->text.data() + i->text.size(), x);
            return r.ec == std::errc() && x >= INT32_MIN && x <= INT32_MAX;
        }
        if (n == "Float") {
            if (std::holds_alternative<ast::IntValue>(v.kind)) return true;
            const auto* f = std::get_if<ast::FloatValue>(&v.kind);
            return f != nullptr &&
                   std::isfinite(std::strtod(std::string(f->text).c_str(), nullptr));
        }
        if (n == "String") return std::holds_alternative<ast::StringValue>(v.kind);
        if (n == "Boolean") return std::holds_alternative<ast::BooleanValue>(v.kind);
        if (n == "ID") {
            return std::holds_alternative<ast::StringValue>(v.kind) ||
                   std::holds_alternative<ast::IntValue>(v.kind);
        }
        return true;
    }

    // ---- fragments (§5.5.1.4, §5.5.2.2) ----
    void unused_fragments() {
        for (const auto* frag : fragment_list_) {
            if (reachable_fragments_.count(frag->name) == 0) {
                error(ValidationRule::kNoUnusedFragments,
                      "Fragment " + q(frag->name) + " is never used.", {at(frag->loc)}, false);
            }
        }
    }

    void fragment_cycles() {
        std::unordered_set<string_view> done;
        bool depth_reported = false;
        std::unordered_map<string_view, std::size_t> on_stack;  // name -> index in `stack`
        std::vector<std::pair<string_view, SourceLocation>> stack;
        std::function<void(const ast::FragmentDefinition&)> visit;
        std::function<void(const ast::SelectionSet&)> spreads_in;
        spreads_in = [&](const ast::SelectionSet& set) {
            for (const auto& sel : set.selections) {
                if (const auto* f = std::get_if<ast::Field>(&sel)) {
                    spreads_in(f->selection_set);
                } else if (const auto* in = std::get_if<ast::InlineFragment>(&sel)) {
                    spreads_in(in->selection_set);
                } else {
                    const auto& sp = std::get<ast::FragmentSpread>(sel);
                    auto cyc = on_stack.find(sp.name);
                    if (cyc != on_stack.end()) {
                        std::vector<SourceLocation> locs;
                        std::string via;
                        for (std::size_t i = cyc->second; i < stack.size(); ++i) {
                            locs.push_back(stack[i].second);
                        }
                        locs.push_back(at(sp.loc));
                        for (std::size_t i = cyc->second + 1; i < stack.size(); ++i) {
                            via += (via.empty() ? "" : ", ") + q(stack[i].first);
                        }
                        // Report each cycle once, from where it was entered.
                        locs.erase(locs.begin());
                        error(ValidationRule::kNoFragmentCycles,
                              via.empty()
                                  ? "Cannot spread fragment " + q(sp.name) + " within itself."
                                  : "Cannot spread fragment " + q(sp.name) + " within itself via " +
                                        via + ".",
                              locs, false);
                        continue;
                    }
                    if (done.count(sp.name)) continue;
                    auto it = fragments_.find(sp.name);
                    if (it == fragments_.end()) continue;
                    if (stack.size() > kMaxSpreadDepth) {
                        if (!depth_reported) {
                            depth_reported = true;
                            error(ValidationRule::kNoFragmentCycles,
                                  "Fragment spreads are nested more than " +
                                      std::to_string(kMaxSpreadDepth) + " levels deep.",
                                  {at(sp.loc)}, false);
                        }
                        continue;
                    }
                    stack.push_back({sp.name, at(sp.loc)});
                    visit(*it->second);
                    stack.pop_back();
                }
            }
        };
        visit = [&](const ast::FragmentDefinition& frag) {
            if (done.count(frag.name)) return;
            on_stack[frag.name] = stack.empty() ? 0 : stack.size() - 1;
            spreads_in(frag.selection_set);
            on_stack.erase(frag.name);
            done.insert(frag.name);
        };
        for (const auto* frag : fragment_list_) {
            if (done.count(frag->name)) continue;
            stack.push_back({frag->name, at(frag->loc)});
            visit(*frag);
            stack.pop_back();
        }
    }

    // ---- §5.3.2 Field selection merging ----
    void collect(const TypeDef* parent, const ast::SelectionSet& set, FieldMap& out,
                 std::unordered_set<string_view>& visited, std::size_t depth = 0) {
        // Deeper chains are reported by fragment_cycles(); stop here to bound the stack.
        if (depth > kMaxSpreadDepth) return;
        for (const auto& sel : set.selections) {
            if (const auto* f = std::get_if<ast::Field>(&sel)) {
                FieldEntry e{parent, f, parent ? s_.field_for(*parent, f->name) : nullptr};
                const string_view key = f->response_key();
                auto it = std::find_if(out.begin(), out.end(),
                                       [&](const auto& p) { return p.first == key; });
                if (it == out.end()) {
                    out.push_back({key, {e}});
                } else {
                    it->second.push_back(e);
                }
            } else if (const auto* in = std::get_if<ast::InlineFragment>(&sel)) {
                const TypeDef* t =
                    in->type_condition.empty() ? parent : s_.find_type(in->type_condition);
                collect(t, in->selection_set, out, visited, depth + 1);
            } else {
                const auto& sp = std::get<ast::FragmentSpread>(sel);
                if (!visited.insert(sp.name).second) continue;
                auto it = fragments_.find(sp.name);
                if (it == fragments_.end()) continue;
                collect(s_.find_type(it->second->type_condition), it->second->selection_set, out,
                        visited, depth + 1);
            }
        }
    }

    void fields_can_merge(const TypeDef* parent, const ast::SelectionSet& set) {
        FieldMap fields;
        std::unordered_set<string_view> visited;
        collect(parent, set, fields, visited);
        for (const auto& [key, entries] : fields) {
            for (std::size_t i = 0; i < entries.size(); ++i) {
                for (std::size_t j = i + 1; j < entries.size(); ++j) {
                    if (entries[i].node == entries[j].node) continue;
                    std::vector<SourceLocation> locs;
                    auto reason = conflict(entries[i], entries[j], false, locs);
                    if (reason) {
                        error(ValidationRule::kOverlappingFieldsCanBeMerged,
                              "Fields " + q(key) + " conflict because " + *reason +
                                  ". Use different aliases on the fields to fetch both if this "
                                  "was intentional.",
                              locs);
                    }
                }
            }
        }
    }

    static bool same_arguments(const ast::Field& a, const ast::Field& b) {
        if (a.arguments.size() != b.arguments.size()) return false;
        for (const auto& x : a.arguments) {
            bool found = false;
            for (const auto& y : b.arguments) {
                if (x.name == y.name) {
                    if (!(x.value == y.value)) return false;
                    found = true;
                }
            }
            if (!found) return false;
        }
        return true;
    }

    bool types_conflict(TypeRef a, TypeRef b) const {
        if (a.is_list()) return !b.is_list() || types_conflict(a.of_type(), b.of_type());
        if (b.is_list()) return true;
        if (a.is_non_null()) return !b.is_non_null() || types_conflict(a.of_type(), b.of_type());
        if (b.is_non_null()) return true;
        if (leaf_named(s_, a) || leaf_named(s_, b)) return a.name() != b.name();
        return false;
    }

    // Returns why two fields with one response key cannot merge, or nothing.
    std::optional<std::string> conflict(const FieldEntry& a, const FieldEntry& b,
                                        bool parents_exclusive, std::vector<SourceLocation>& locs) {
        if (++comparisons_ > limits_.max_merge_comparisons) {
            if (!budget_reported_) {
                budget_reported_ = true;
                error(ValidationRule::kTooComplex,
                      "The query is too complex to validate (field merging).", {}, false);
            }
            return std::nullopt;
        }
        const bool exclusive =
            parents_exclusive ||
            (a.parent != b.parent && a.parent != nullptr && b.parent != nullptr &&
             a.parent->kind == TypeKind::kObject && b.parent->kind == TypeKind::kObject);
        auto found = [&](std::string why) {
            locs.push_back(at(a.node->loc));
            locs.push_back(at(b.node->loc));
            return std::optional<std::string>(std::move(why));
        };
        if (!exclusive) {
            if (a.node->name != b.node->name) {
                return found(q(a.node->name) + " and " + q(b.node->name) + " are different fields");
            }
            if (!same_arguments(*a.node, *b.node)) return found("they have differing arguments");
        }
        if (a.def != nullptr && b.def != nullptr && types_conflict(a.def->type, b.def->type)) {
            return found("they return conflicting types " + q(a.def->type.to_string()) + " and " +
                         q(b.def->type.to_string()));
        }
        if (a.node->selection_set.empty() || b.node->selection_set.empty()) return std::nullopt;
        FieldMap fa;
        FieldMap fb;
        std::unordered_set<string_view> va;
        std::unordered_set<string_view> vb;
        collect(a.def ? s_.find_type(a.def->type.name()) : nullptr, a.node->selection_set, fa, va);
        collect(b.def ? s_.find_type(b.def->type.name()) : nullptr, b.node->selection_set, fb, vb);
        std::string reasons;
        std::vector<SourceLocation> sub_locs;
        for (const auto& entry : fa) {
            const string_view key = entry.first;
            const auto& ea = entry.second;
            auto it =
                std::find_if(fb.begin(), fb.end(), [&](const auto& p) { return p.first == key; });
            if (it == fb.end()) continue;
            for (const auto& x : ea) {
                bool hit = false;
                for (const auto& y : it->second) {
                    auto why = conflict(x, y, exclusive, sub_locs);
                    if (why) {
                        reasons += (reasons.empty() ? "" : " and ") + std::string("subfields ") +
                                   q(key) + " conflict because " + *why;
                        hit = true;
                        break;
                    }
                }
                if (hit) break;
            }
        }
        if (reasons.empty()) return std::nullopt;
        locs.push_back(at(a.node->loc));
        locs.insert(locs.end(), sub_locs.begin(), sub_locs.end());
        locs.push_back(at(b.node->loc));
        return reasons;
    }

    const Schema& s_;
    const ast::Document& doc_;
    const ValidationLimits& limits_;
    std::vector<GraphQLError> errors_;
    std::vector<const ast::OperationDefinition*> operations_;
    std::vector<const ast::FragmentDefinition*> fragment_list_;
    std::unordered_map<string_view, const ast::FragmentDefinition*> fragments_;
    std::unordered_map<string_view, Scope> fragment_scopes_;
    std::unordered_set<string_view> reachable_fragments_;
    Scope* scope_ = nullptr;
    std::vector<string_view> path_;
    std::size_t comparisons_ = 0;
    bool budget_reported_ = false;
};

}  // namespace

std::string_view to_string(ValidationRule rule) {
    switch (rule) {
        case ValidationRule::kNone:
            return "";
        case ValidationRule::kExecutableDefinitions:
            return "ExecutableDefinitions";
        case ValidationRule::kUniqueOperationNames:
            return "UniqueOperationNames";
        case ValidationRule::kLoneAnonymousOperation:
            return "LoneAnonymousOperation";
        case ValidationRule::kSingleFieldSubscriptions:
            return "SingleFieldSubscriptions";
        case ValidationRule::kKnownOperationTypes:
            return "KnownOperationTypes";
        case ValidationRule::kFieldsOnCorrectType:
            return "FieldsOnCorrectType";
        case ValidationRule::kOverlappingFieldsCanBeMerged:
            return "OverlappingFieldsCanBeMerged";
        case ValidationRule::kScalarLeafs:
            return "ScalarLeafs";
        case ValidationRule::kKnownArgumentNames:
            return "KnownArgumentNames";
        case ValidationRule::kUniqueArgumentNames:
            return "UniqueArgumentNames";
        case ValidationRule::kProvidedRequiredArguments:
            return "ProvidedRequiredArguments";
        case ValidationRule::kUniqueFragmentNames:
            return "UniqueFragmentNames";
        case ValidationRule::kKnownTypeNames:
            return "KnownTypeNames";
        case ValidationRule::kFragmentsOnCompositeTypes:
            return "FragmentsOnCompositeTypes";
        case ValidationRule::kNoUnusedFragments:
            return "NoUnusedFragments";
        case ValidationRule::kKnownFragmentNames:
            return "KnownFragmentNames";
        case ValidationRule::kNoFragmentCycles:
            return "NoFragmentCycles";
        case ValidationRule::kPossibleFragmentSpreads:
            return "PossibleFragmentSpreads";
        case ValidationRule::kValuesOfCorrectType:
            return "ValuesOfCorrectType";
        case ValidationRule::kUniqueInputFieldNames:
            return "UniqueInputFieldNames";
        case ValidationRule::kKnownDirectives:
            return "KnownDirectives";
        case ValidationRule::kUniqueDirectivesPerLocation:
            return "UniqueDirectivesPerLocation";
        case ValidationRule::kUniqueVariableNames:
            return "UniqueVariableNames";
        case ValidationRule::kVariablesAreInputTypes:
            return "VariablesAreInputTypes";
        case ValidationRule::kNoUndefinedVariables:
            return "NoUndefinedVariables";
        case ValidationRule::kNoUnusedVariables:
            return "NoUnusedVariables";
        case ValidationRule::kVariablesInAllowedPosition:
            return "VariablesInAllowedPosition";
        case ValidationRule::kTooComplex:
            return "TooComplex";
    }
    return "";
}

std::vector<GraphQLError> validate(const Schema& schema, const ast::Document& doc,
                                   const ValidationLimits& limits) {
    Validator v(schema, doc, limits);
    return v.run();
}

}  // namespace ward::engine::graphql
