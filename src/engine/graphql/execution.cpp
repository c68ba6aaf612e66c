#include "engine/graphql/execution.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

#include "engine/graphql/printer.hpp"

namespace ward::engine::graphql {

namespace json = core::json;

namespace {

std::string q(std::string_view s) { return "\"" + std::string(s) + "\""; }
SourceLocation at(const ast::NodeLocation& loc) { return {loc.line, loc.column}; }

std::string show(const json::value& v) { return core::to_json(v); }

bool is_integral_double(double d) { return std::isfinite(d) && std::floor(d) == d; }

core::Result<json::value, std::string> coerce_scalar(const TypeDef& t, const json::value& v) {
    const std::string_view n = t.name;
    if (!t.builtin) return json::value(v);
    if (n == "Int") {
        double d = 0;
        if (v.is_int64())
            d = static_cast<double>(v.get_int64());
        else if (v.is_uint64())
            d = static_cast<double>(v.get_uint64());
        else if (v.is_double())
            d = v.get_double();
        else
            return "Int cannot represent non-integer value: " + show(v);
        if (!is_integral_double(d)) return "Int cannot represent non-integer value: " + show(v);
        if (d < INT32_MIN || d > INT32_MAX) {
            return "Int cannot represent non 32-bit signed integer value: " + show(v);
        }
        return json::value(static_cast<std::int64_t>(d));
    }
    if (n == "Float") {
        if (v.is_int64()) return json::value(static_cast<double>(v.get_int64()));
        if (v.is_uint64()) return json::value(static_cast<double>(v.get_uint64()));
        if (v.is_double() && std::isfinite(v.get_double())) return json::value(v.get_double());
        return "Float cannot represent non numeric value: " + show(v);
    }
    if (n == "String") {
        if (v.is_string()) return json::value(v.get_string());
        return "String cannot represent a non string value: " + show(v);
    }
    if (n == "Boolean") {
        if (v.is_bool()) return json::value(v.get_bool());
        return "Boolean cannot represent a non boolean value: " + show(v);
    }
    if (n == "ID") {
        if (v.is_string()) return json::value(v.get_string());
        if (v.is_int64()) return json::value(std::to_string(v.get_int64()));
        if (v.is_uint64()) return json::value(std::to_string(v.get_uint64()));
        return "ID cannot represent value: " + show(v);
    }
    return json::value(v);
}

core::Result<json::value, std::string> coerce_json(const Schema& s, TypeRef type,
                                                   const json::value& v, const std::string& path) {
    auto where = [&] { return path.empty() ? std::string() : " at " + q(path); };
    if (v.is_null()) {
        if (type.is_non_null()) {
            return "Expected non-nullable type " + q(type.to_string()) + " not to be null" +
                   where() + ".";
        }
        return json::value(nullptr);
    }
    if (type.is_non_null()) return coerce_json(s, type.of_type(), v, path);
    if (type.is_list()) {
        json::array out;
        if (v.is_array()) {
            std::size_t i = 0;
            for (const auto& item : v.get_array()) {
                auto r = coerce_json(s, type.of_type(), item, path + "[" + std::to_string(i) + "]");
                if (!r) return r;
                out.push_back(std::move(*r));
                ++i;
            }
        } else {
            auto r = coerce_json(s, type.of_type(), v, path);
            if (!r) return r;
            out.push_back(std::move(*r));
        }
        return json::value(std::move(out));
    }
    const TypeDef* def = s.find_type(type.name());
    if (def == nullptr) return "Unknown type " + q(type.name()) + ".";
    switch (def->kind) {
        case TypeKind::kInputObject: {
            if (!v.is_object()) {
                return "Expected type " + q(def->name) + " to be an object" + where() + ".";
            }
            const json::object& in = v.get_object();
            json::object out;
            for (const auto& [key, val] : in) {
                if (s.find_input_field(*def, std::string_view(key)) == nullptr) {
                    return "Field " + q(std::string_view(key)) + " is not defined by type " +
                           q(def->name) + where() + ".";
                }
            }
            for (const InputValueDef& f : def->input_fields) {
                const std::string sub =
                    path.empty() ? std::string(f.name) : path + "." + std::string(f.name);
                auto it = in.find(f.name);
                if (it == in.end()) {
                    if (f.default_value != nullptr) {
                        auto d = value_from_ast(s, f.type, *f.default_value, json::object());
                        if (!d) return d;
                        out.emplace(f.name, std::move(*d));
                    } else if (f.type.is_non_null()) {
                        return "Field " + q(f.name) + " of required type " + q(f.type.to_string()) +
                               " was not provided" + where() + ".";
                    }
                    continue;
                }
                auto r = coerce_json(s, f.type, it->value(), sub);
                if (!r) return r;
                out.emplace(f.name, std::move(*r));
            }
            return json::value(std::move(out));
        }
        case TypeKind::kEnum: {
            if (v.is_string() && s.find_enum_value(*def, std::string_view(v.get_string()))) {
                return json::value(v.get_string());
            }
            if (v.is_string()) {
                return "Value " + show(v) + " does not exist in " + q(def->name) + " enum" +
                       where() + ".";
            }
            return "Enum " + q(def->name) + " cannot represent non-string value: " + show(v) +
                   where() + ".";
        }
        case TypeKind::kScalar: {
            auto r = coerce_scalar(*def, v);
            if (!r) return r.error() + where();
            return r;
        }
        default:
            return "Type " + q(def->name) + " is not an input type.";
    }
}

// A literal of a custom scalar, or nested in one, as plain JSON.
json::value literal_to_json(const ast::Value& v, const json::object& vars) {
    return std::visit(
        [&](const auto& k) -> json::value {
            using K = std::decay_t<decltype(k)>;
            if constexpr (std::is_same_v<K, ast::NullValue>) {
                return nullptr;
            } else if constexpr (std::is_same_v<K, ast::IntValue>) {
                std::int64_t x = 0;
                auto r = std::from_chars(k.text.data(), k.text.data() + k.text.size(), x);
                if (r.ec == std::errc()) return x;
                return std::strtod(std::string(k.text).c_str(), nullptr);
            } else if constexpr (std::is_same_v<K, ast::FloatValue>) {
                return std::strtod(std::string(k.text).c_str(), nullptr);
            } else if constexpr (std::is_same_v<K, ast::StringValue>) {
                return json::string(k.value);
            } else if constexpr (std::is_same_v<K, ast::BooleanValue>) {
                return k.value;
            } else if constexpr (std::is_same_v<K, ast::EnumValue>) {
                return json::string(k.name);
            } else if constexpr (std::is_same_v<K, ast::VariableRef>) {
                auto it = vars.find(k.name);
                return it == vars.end() ? json::value(nullptr) : it->value();
            } else if constexpr (std::is_same_v<K, ast::ListValue>) {
                json::array a;
                for (const auto& item : k.values) a.push_back(literal_to_json(item, vars));
                return a;
            } else {
                json::object o;
                for (const auto& f : k.fields) o[f.name] = literal_to_json(f.value, vars);
                return o;
            }
        },
        v.kind);
}

}  // namespace

core::Result<json::value, std::string> coerce_input_value(const Schema& schema, TypeRef type,
                                                          const json::value& input) {
    return coerce_json(schema, type, input, "");
}

core::Result<json::value, std::string> value_from_ast(const Schema& s, TypeRef type,
                                                      const ast::Value& v,
                                                      const json::object& vars) {
    if (const auto* var = std::get_if<ast::VariableRef>(&v.kind)) {
        auto it = vars.find(var->name);
        if (it == vars.end() || it->value().is_null()) {
            if (type.is_non_null()) {
                return "Expected non-nullable type " + q(type.to_string()) +
                       " not to be null (variable \"$" + std::string(var->name) + "\").";
            }
            return json::value(nullptr);
        }
        return it->value();  // coerced already, against a compatible type (§5.8.5)
    }
    if (std::holds_alternative<ast::NullValue>(v.kind)) {
        if (type.is_non_null()) {
            return "Expected non-nullable type " + q(type.to_string()) + " not to be null.";
        }
        return json::value(nullptr);
    }
    if (type.is_non_null()) return value_from_ast(s, type.of_type(), v, vars);
    if (type.is_list()) {
        json::array out;
        if (const auto* list = std::get_if<ast::ListValue>(&v.kind)) {
            for (const auto& item : list->values) {
                // A missing variable inside a list becomes null (§3.11 input coercion).
                auto r = value_from_ast(s, type.of_type(), item, vars);
                if (!r) return r;
                out.push_back(std::move(*r));
            }
        } else {
            auto r = value_from_ast(s, type.of_type(), v, vars);
            if (!r) return r;
            out.push_back(std::move(*r));
        }
        return json::value(std::move(out));
    }
    const TypeDef* def = s.find_type(type.name());
    if (def == nullptr) return "Unknown type " + q(type.name()) + ".";
    auto bad = [&]() -> core::Result<json::value, std::string> {
        return "Expected value of type " + q(type.to_string()) + ", found " + print(v) + ".";
    };
    switch (def->kind) {
        case TypeKind::kInputObject: {
            const auto* obj = std::get_if<ast::ObjectValue>(&v.kind);
            if (obj == nullptr) return bad();
            json::object out;
            for (const auto& f : obj->fields) {
                if (s.find_input_field(*def, f.name) == nullptr) {
                    return "Field " + q(f.name) + " is not defined by type " + q(def->name) + ".";
                }
            }
            for (const InputValueDef& fdef : def->input_fields) {
                const ast::ObjectField* given = nullptr;
                for (const auto& f : obj->fields) {
                    if (f.name == fdef.name) given = &f;
                }
                bool absent = given == nullptr;
                if (given != nullptr) {
                    if (const auto* var = std::get_if<ast::VariableRef>(&given->value.kind)) {
                        absent = vars.find(var->name) == vars.end();
                    }
                }
                if (absent) {
                    if (fdef.default_value != nullptr) {
                        auto d = value_from_ast(s, fdef.type, *fdef.default_value, vars);
                        if (!d) return d;
                        out.emplace(fdef.name, std::move(*d));
                    } else if (fdef.type.is_non_null()) {
                        return "Field " + q(std::string(def->name) + "." + std::string(fdef.name)) +
                               " of required type " + q(fdef.type.to_string()) +
                               " was not provided.";
                    }
                    continue;
                }
                auto r = value_from_ast(s, fdef.type, given->value, vars);
                if (!r) return r;
                out.emplace(fdef.name, std::move(*r));
            }
            return json::value(std::move(out));
        }
        case TypeKind::kEnum: {
            const auto* e = std::get_if<ast::EnumValue>(&v.kind);
            if (e == nullptr || s.find_enum_value(*def, e->name) == nullptr) return bad();
            return json::value(json::string(e->name));
        }
        case TypeKind::kScalar: {
            if (!def->builtin) return literal_to_json(v, vars);
            const std::string_view n = def->name;
            if (n == "Int") {
                const auto* i = std::get_if<ast::IntValue>(&v.kind);
                std::int64_t x = 0;
                if (i == nullptr) return bad();
                auto r = std::from_chars(i->text.data(), i->text.data() + i->text.size(), x);
                if (r.ec != std::errc() || x < INT32_MIN || x > INT32_MAX) return bad();
                return json::value(x);
            }
            if (n == "Float") {
                if (const auto* i = std::get_if<ast::IntValue>(&v.kind)) {
                    return json::value(std::strtod(std::string(i->text).c_str(), nullptr));
                }
                const auto* f = std::get_if<ast::FloatValue>(&v.kind);
                if (f == nullptr) return bad();
                const double d = std::strtod(std::string(f->text).c_str(), nullptr);
                if (!std::isfinite(d)) return bad();
                return json::value(d);
            }
            if (n == "String") {
                const auto* str = std::get_if<ast::StringValue>(&v.kind);
                if (str == nullptr) return bad();
                return json::value(json::string(str->value));
            }
            if (n == "Boolean") {
                const auto* b = std::get_if<ast::BooleanValue>(&v.kind);
                if (b == nullptr) return bad();
                return json::value(b->value);
            }
            if (n == "ID") {
                if (const auto* str = std::get_if<ast::StringValue>(&v.kind)) {
                    return json::value(json::string(str->value));
                }
                if (const auto* i = std::get_if<ast::IntValue>(&v.kind)) {
                    return json::value(json::string(i->text));
                }
                return bad();
            }
            return literal_to_json(v, vars);
        }
        default:
            return bad();
    }
}

core::Result<const ast::OperationDefinition*, GraphQLError> select_operation(
    const ast::Document& doc, std::string_view operation_name) {
    const ast::OperationDefinition* found = nullptr;
    std::size_t count = 0;
    for (const auto& def : doc.definitions) {
        const auto* op = std::get_if<ast::OperationDefinition>(&def);
        if (op == nullptr) continue;
        ++count;
        if (operation_name.empty()) {
            found = op;
        } else if (op->name == operation_name) {
            return op;
        }
    }
    if (!operation_name.empty()) {
        return GraphQLError{"Unknown operation named " + q(operation_name) + ".", {}, {}};
    }
    if (count == 0) return GraphQLError{"Must provide an operation.", {}, {}};
    if (count > 1) {
        return GraphQLError{
            "Must provide operation name if query contains multiple operations.", {}, {}};
    }
    return found;
}

core::Result<json::object, std::vector<GraphQLError>> coerce_variable_values(
    const Schema& schema, const ast::OperationDefinition& op, const json::object& raw) {
    json::object out;
    std::vector<GraphQLError> errors;
    for (const auto& var : op.variables) {
        const std::string name = "$" + std::string(var.name);
        const TypeDef* t = schema.find_type(var.type.name());
        if (t == nullptr || !t->is_input()) {
            errors.push_back({"Variable " + q(name) + " expected value of type " +
                                  q(var.type.to_string()) +
                                  " which cannot be used as an input type.",
                              {at(var.loc)},
                              {}});
            continue;
        }
        auto it = raw.find(var.name);
        if (it == raw.end()) {
            if (var.default_value) {
                auto d = value_from_ast(schema, var.type, *var.default_value, json::object());
                if (!d) {
                    errors.push_back(
                        {"Variable " + q(name) + " has an invalid default value; " + d.error(),
                         {at(var.loc)},
                         {}});
                } else {
                    out.emplace(var.name, std::move(*d));
                }
            } else if (var.type.is_non_null()) {
                errors.push_back({"Variable " + q(name) + " of required type " +
                                      q(var.type.to_string()) + " was not provided.",
                                  {at(var.loc)},
                                  {}});
            }
            continue;
        }
        if (it->value().is_null() && var.type.is_non_null()) {
            errors.push_back({"Variable " + q(name) + " of non-null type " +
                                  q(var.type.to_string()) + " must not be null.",
                              {at(var.loc)},
                              {}});
            continue;
        }
        auto r = coerce_json(schema, var.type, it->value(), "");
        if (!r) {
            errors.push_back({"Variable " + q(name) + " got invalid value " + show(it->value()) +
                                  "; " + r.error(),
                              {at(var.loc)},
                              {}});
            continue;
        }
        out.emplace(var.name, std::move(*r));
    }
    if (!errors.empty()) return errors;
    return out;
}

core::Result<json::object, GraphQLError> coerce_argument_values(
    const Schema& schema, const std::vector<InputValueDef>& definitions,
    const std::vector<ast::Argument>& arguments, const json::object& variables,
    SourceLocation where) {
    json::object out;
    for (const InputValueDef& def : definitions) {
        const ast::Argument* given = nullptr;
        for (const auto& a : arguments) {
            if (a.name == def.name) given = &a;
        }
        bool absent = given == nullptr;
        if (given != nullptr) {
            if (const auto* var = std::get_if<ast::VariableRef>(&given->value.kind)) {
                absent = variables.find(var->name) == variables.end();
            }
        }
        if (absent) {
            if (def.default_value != nullptr) {
                auto d = value_from_ast(schema, def.type, *def.default_value, variables);
                if (!d) return GraphQLError{d.error(), {where}, {}};
                out.emplace(def.name, std::move(*d));
            } else if (def.type.is_non_null()) {
                return GraphQLError{"Argument " + q(def.name) + " of required type " +
                                        q(def.type.to_string()) + " was not provided.",
                                    {where},
                                    {}};
            }
            continue;
        }
        auto r = value_from_ast(schema, def.type, given->value, variables);
        if (!r) {
            const bool is_null_var = std::holds_alternative<ast::VariableRef>(given->value.kind);
            return GraphQLError{is_null_var ? "Argument " + q(def.name) + " of non-null type " +
                                                  q(def.type.to_string()) + " must not be null."
                                            : "Argument " + q(def.name) + " has invalid value " +
                                                  print(given->value) + ". " + r.error(),
                                {at(given->loc)},
                                {}};
        }
        out.emplace(def.name, std::move(*r));
    }
    return out;
}

bool should_include(const std::vector<ast::Directive>& directives, const json::object& variables) {
    for (const auto& d : directives) {
        if (d.name != "skip" && d.name != "include") continue;
        bool cond = false;
        for (const auto& a : d.arguments) {
            if (a.name != "if") continue;
            if (const auto* b = std::get_if<ast::BooleanValue>(&a.value.kind)) {
                cond = b->value;
            } else if (const auto* var = std::get_if<ast::VariableRef>(&a.value.kind)) {
                auto it = variables.find(var->name);
                cond = it != variables.end() && it->value().is_bool() && it->value().get_bool();
            }
        }
        if (d.name == "skip" && cond) return false;
        if (d.name == "include" && !cond) return false;
    }
    return true;
}

namespace {

void shape_variables_in(const std::vector<ast::Directive>& dirs,
                        std::vector<std::string_view>& out) {
    for (const auto& d : dirs) {
        if (d.name != "skip" && d.name != "include") continue;
        for (const auto& a : d.arguments) {
            const auto* var = std::get_if<ast::VariableRef>(&a.value.kind);
            if (var != nullptr && std::find(out.begin(), out.end(), var->name) == out.end()) {
                out.push_back(var->name);
            }
        }
    }
}

void shape_variables_in(const ast::SelectionSet& set, std::vector<std::string_view>& out) {
    for (const auto& sel : set.selections) {
        std::visit(
            [&](const auto& s) {
                shape_variables_in(s.directives, out);
                using S = std::decay_t<decltype(s)>;
                if constexpr (!std::is_same_v<S, ast::FragmentSpread>) {
                    shape_variables_in(s.selection_set, out);
                }
            },
            sel);
    }
}

}  // namespace

std::vector<std::string_view> shape_variables(const ast::Document& doc) {
    std::vector<std::string_view> out;
    for (const auto& def : doc.definitions) {
        if (const auto* op = std::get_if<ast::OperationDefinition>(&def)) {
            shape_variables_in(op->selection_set, out);
        } else if (const auto* frag = std::get_if<ast::FragmentDefinition>(&def)) {
            shape_variables_in(frag->selection_set, out);
        }
    }
    return out;
}

namespace {

constexpr std::size_t kMaxSpreadDepth = 128;

class Collector {
  public:
    Collector(const Schema& s, const ast::Document& doc, const json::object& vars,
              const ExecutionLimits& limits)
        : s_(s), vars_(vars), limits_(limits) {
        for (const auto& def : doc.definitions) {
            if (const auto* f = std::get_if<ast::FragmentDefinition>(&def)) fragments_[f->name] = f;
        }
    }

    struct Group {
        std::string_view key;
        std::vector<const ast::Field*> nodes;
    };

    // §6.3.2 CollectFields: groups by response key in order of first appearance.
    void group(const TypeDef& object_type, const ast::SelectionSet& set, std::vector<Group>& out,
               std::unordered_set<std::string_view>& visited, std::size_t depth = 0) {
        if (depth > kMaxSpreadDepth) return;  // validation refuses such documents
        for (const auto& sel : set.selections) {
            if (const auto* f = std::get_if<ast::Field>(&sel)) {
                if (!should_include(f->directives, vars_)) continue;
                const std::string_view key = f->response_key();
                Group* g = nullptr;
                for (auto& existing : out) {
                    if (existing.key == key) g = &existing;
                }
                if (g == nullptr) g = &out.emplace_back(Group{key, {}});
                g->nodes.push_back(f);
            } else if (const auto* sp = std::get_if<ast::FragmentSpread>(&sel)) {
                if (!should_include(sp->directives, vars_)) continue;
                if (!visited.insert(sp->name).second) continue;
                auto it = fragments_.find(sp->name);
                if (it == fragments_.end()) continue;
                if (!applies(it->second->type_condition, object_type)) continue;
                group(object_type, it->second->selection_set, out, visited, depth + 1);
            } else {
                const auto& in = std::get<ast::InlineFragment>(sel);
                if (!should_include(in.directives, vars_)) continue;
                if (!in.type_condition.empty() && !applies(in.type_condition, object_type)) {
                    continue;
                }
                group(object_type, in.selection_set, out, visited, depth + 1);
            }
        }
    }

    bool applies(std::string_view condition, const TypeDef& object_type) const {
        const TypeDef* t = s_.find_type(condition);
        return t != nullptr && s_.is_possible_type(*t, object_type);
    }

    core::Result<std::vector<CollectedField>, GraphQLError> collect(
        const TypeDef& object_type, const std::vector<const ast::SelectionSet*>& sets) {
        std::vector<Group> groups;
        std::unordered_set<std::string_view> visited;
        for (const auto* set : sets) group(object_type, *set, groups, visited);
        std::vector<CollectedField> out;
        out.reserve(groups.size());
        for (const Group& g : groups) {
            if (++count_ > limits_.max_collected_fields) {
                return GraphQLError{"The query selects more than " +
                                        std::to_string(limits_.max_collected_fields) +
                                        " fields once fragments are expanded.",
                                    {at(g.nodes.front()->loc)},
                                    {}};
            }
            CollectedField cf;
            cf.response_key = g.key;
            cf.parent_type = &object_type;
            cf.node = g.nodes.front();
            cf.definition = s_.field_for(object_type, cf.node->name);
            if (cf.definition == nullptr) {
                return GraphQLError{"Cannot query field " + q(cf.node->name) + " on type " +
                                        q(object_type.name) + ".",
                                    {at(cf.node->loc)},
                                    {std::string(g.key)}};
            }
            auto args = coerce_argument_values(s_, cf.definition->args, cf.node->arguments, vars_,
                                               at(cf.node->loc));
            if (!args) {
                GraphQLError e = std::move(args).error();
                e.path = {std::string(g.key)};
                return e;
            }
            cf.arguments = std::move(*args);
            const TypeDef* rt = s_.find_type(cf.definition->type.name());
            if (rt != nullptr && rt->is_composite()) {
                std::vector<const ast::SelectionSet*> subs;
                for (const ast::Field* n : g.nodes) subs.push_back(&n->selection_set);
                if (rt->kind == TypeKind::kObject) {
                    auto r = collect(*rt, subs);
                    if (!r) return prefix(std::move(r).error(), g.key);
                    cf.selections = std::move(*r);
                } else {
                    for (const TypeDef* pt : rt->possible_types) {
                        auto r = collect(*pt, subs);
                        if (!r) return prefix(std::move(r).error(), g.key);
                        cf.by_type.emplace_back(pt, std::move(*r));
                    }
                }
            }
            out.push_back(std::move(cf));
        }
        return out;
    }

  private:
    static GraphQLError prefix(GraphQLError e, std::string_view key) {
        e.path.insert(e.path.begin(), std::string(key));
        return e;
    }

    const Schema& s_;
    const json::object& vars_;
    const ExecutionLimits& limits_;
    std::unordered_map<std::string_view, const ast::FragmentDefinition*> fragments_;
    std::size_t count_ = 0;
};

}  // namespace

core::Result<std::vector<CollectedField>, GraphQLError> collect_fields(
    const Schema& schema, const ast::Document& doc, const TypeDef& object_type,
    const ast::SelectionSet& selection_set, const json::object& variables,
    const ExecutionLimits& limits) {
    Collector c(schema, doc, variables, limits);
    return c.collect(object_type, {&selection_set});
}

core::Result<PreparedOperation, std::vector<GraphQLError>> prepare_operation(
    const Schema& schema, const ast::Document& doc, std::string_view operation_name,
    const json::object& raw_variables, const ExecutionLimits& limits) {
    auto op = select_operation(doc, operation_name);
    if (!op) return std::vector<GraphQLError>{op.error()};
    PreparedOperation prepared;
    prepared.operation = *op;
    switch ((*op)->operation) {
        case ast::OperationType::kQuery:
            prepared.root_type = schema.query_type();
            break;
        case ast::OperationType::kMutation:
            prepared.root_type = schema.mutation_type();
            break;
        case ast::OperationType::kSubscription:
            prepared.root_type = schema.subscription_type();
            break;
    }
    if (prepared.root_type == nullptr) {
        return std::vector<GraphQLError>{{"Schema is not configured to execute " +
                                              std::string(ast::to_string((*op)->operation)) +
                                              " operation.",
                                          {at((*op)->loc)},
                                          {}}};
    }
    auto vars = coerce_variable_values(schema, **op, raw_variables);
    if (!vars) return std::move(vars).error();
    prepared.variables = std::move(*vars);
    auto fields = collect_fields(schema, doc, *prepared.root_type, (*op)->selection_set,
                                 prepared.variables, limits);
    if (!fields) return std::vector<GraphQLError>{std::move(fields).error()};
    prepared.fields = std::move(*fields);
    return prepared;
}

}  // namespace ward::engine::graphql
