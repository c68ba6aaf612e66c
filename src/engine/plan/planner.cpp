#include <algorithm>
#include <utility>

#include "engine/plan/plan.hpp"
#include "engine/plan/planner.hpp"

namespace ward::engine::plan {
namespace detail {

namespace ast = graphql::ast;

PlanError validation_failed(std::string message, std::string path) {
    return PlanError{"validation-failed", std::move(message), std::move(path)};
}

PlanError not_supported(std::string message, std::string path) {
    return PlanError{"not-supported", std::move(message), std::move(path)};
}

Filter and_of(std::vector<Filter> items) {
    std::vector<Filter> kept;
    for (auto& f : items) {
        if (const auto* b = std::get_if<BoolConst>(&f.node); b != nullptr && b->value) continue;
        if (auto* nested = std::get_if<AndFilter>(&f.node)) {
            for (auto& item : nested->items) kept.push_back(std::move(item));
            continue;
        }
        kept.push_back(std::move(f));
    }
    if (kept.empty()) return Filter{BoolConst{true}};
    if (kept.size() == 1) return std::move(kept.front());
    return Filter{AndFilter{std::move(kept)}};
}

namespace {

const ast::Value* raw_field(const ast::Value* raw, std::string_view key) {
    if (raw == nullptr) return nullptr;
    const auto* obj = std::get_if<ast::ObjectValue>(&raw->kind);
    if (obj == nullptr) return nullptr;
    for (const auto& f : obj->fields) {
        if (f.name == key) return &f.value;
    }
    return nullptr;
}

// Moves a raw variable reference into `origin`: below it, values come from the variable.
void settle(Input& in) {
    if (in.raw == nullptr) return;
    if (const auto* v = std::get_if<ast::VariableRef>(&in.raw->kind)) {
        in.origin = VariableSource{std::string(v->name), {}};
        in.raw = nullptr;
    }
}

bool has_variable(const ast::Value& v) {
    return std::visit(
        [](const auto& k) -> bool {
            using K = std::decay_t<decltype(k)>;
            if constexpr (std::is_same_v<K, ast::VariableRef>) {
                return true;
            } else if constexpr (std::is_same_v<K, ast::ListValue>) {
                return std::any_of(k.values.begin(), k.values.end(), has_variable);
            } else if constexpr (std::is_same_v<K, ast::ObjectValue>) {
                return std::any_of(k.fields.begin(), k.fields.end(),
                                   [](const ast::ObjectField& f) { return has_variable(f.value); });
            } else {
                return false;
            }
        },
        v.kind);
}

void collect_variables(const ast::Value& v, std::vector<std::string>& out) {
    if (const auto* r = std::get_if<ast::VariableRef>(&v.kind)) {
        out.emplace_back(r->name);
    } else if (const auto* l = std::get_if<ast::ListValue>(&v.kind)) {
        for (const auto& item : l->values) collect_variables(item, out);
    } else if (const auto* o = std::get_if<ast::ObjectValue>(&v.kind)) {
        for (const auto& f : o->fields) collect_variables(f.value, out);
    }
}

}  // namespace

Input Planner::argument(const graphql::CollectedField& field, std::string_view name,
                        std::string_view path) const {
    Input in;
    in.path = std::string(path) + ".args." + std::string(name);
    in.value = core::find(field.arguments, name);
    if (field.node != nullptr) {
        for (const auto& a : field.node->arguments) {
            if (a.name == name) in.raw = &a.value;
        }
    }
    settle(in);
    return in;
}

void Planner::depends_on(const Input& in) {
    if (!in.origin) return;
    auto& vars = plan_.value_variables;
    if (std::find(vars.begin(), vars.end(), in.origin->name) == vars.end()) {
        vars.push_back(in.origin->name);
    }
}

Input Planner::child(const Input& object, std::string_view key) {
    Input in;
    in.path = object.path + "." + std::string(key);
    if (object.value != nullptr && object.value->is_object()) {
        in.value = object.value->as_object().if_contains(key);
    }
    if (object.origin) {
        in.origin = object.origin;
        in.origin->path.emplace_back(std::string(key));
        // Whether the key is there at all is decided by the variable's value.
        depends_on(object);
    } else {
        in.raw = raw_field(object.raw, key);
        // A field given as a variable the request did not provide is absent from the coerced
        // value: its presence depends on the variables.
        if (in.raw != nullptr && in.value == nullptr) {
            if (const auto* v = std::get_if<ast::VariableRef>(&in.raw->kind)) {
                Input missing;
                missing.origin = VariableSource{std::string(v->name), {}};
                depends_on(missing);
            }
        }
        settle(in);
    }
    return in;
}

std::vector<std::string> Planner::keys(const Input& object) {
    std::vector<std::string> out;
    depends_on(object);
    if (object.value == nullptr || !object.value->is_object()) return out;
    for (const auto& kv : object.value->as_object()) out.emplace_back(kv.key());
    if (object.raw != nullptr) {
        // Optional fields given as missing variables are absent from the coerced value.
        if (const auto* obj = std::get_if<ast::ObjectValue>(&object.raw->kind)) {
            for (const auto& f : obj->fields) {
                if (std::find(out.begin(), out.end(), f.name) == out.end())
                    (void)child(object, f.name);
            }
        }
    }
    return out;
}

std::vector<Input> Planner::items_of(const Input& list) {
    std::vector<Input> out;
    depends_on(list);
    if (list.value == nullptr || list.value->is_null()) return out;
    if (!list.value->is_array()) {
        // Coerced from one value (input coercion §3.11); the coerced form is normally an array.
        out.push_back(list);
        return out;
    }
    const auto& arr = list.value->as_array();
    const ast::ListValue* raw_list =
        list.raw != nullptr ? std::get_if<ast::ListValue>(&list.raw->kind) : nullptr;
    for (std::size_t i = 0; i < arr.size(); ++i) {
        Input in;
        in.value = &arr[i];
        in.path = list.path + "[" + std::to_string(i) + "]";
        if (list.origin) {
            in.origin = list.origin;
            in.origin->path.emplace_back(i);
        } else if (raw_list != nullptr) {
            if (i < raw_list->values.size()) in.raw = &raw_list->values[i];
        } else {
            in.raw = list.raw;  // one literal coerced to a list of one
        }
        settle(in);
        out.push_back(std::move(in));
    }
    return out;
}

const core::json::value& Planner::structural(const Input& in) {
    static const core::json::value kNull;
    depends_on(in);
    // A literal with variables inside (an enum list like [$a, b]): their values are baked in.
    if (in.raw != nullptr) {
        std::vector<std::string> names;
        collect_variables(*in.raw, names);
        for (auto& n : names) {
            Input v;
            v.origin = VariableSource{std::move(n), {}};
            depends_on(v);
        }
    }
    return in.value != nullptr ? *in.value : kNull;
}

ParamRef Planner::add(Param param) {
    plan_.params.push_back(std::move(param));
    return ParamRef{static_cast<std::uint32_t>(plan_.params.size() - 1)};
}

ParamSource Planner::source_of(const Input& leaf) const {
    if (leaf.origin) return ParamSource{*leaf.origin};
    return ParamSource{LiteralSource{leaf.value != nullptr ? *leaf.value : core::json::value()}};
}

ParamSource Planner::list_source_of(const Input& list) const {
    if (list.origin) return ParamSource{*list.origin};
    const ast::ListValue* raw_list =
        list.raw != nullptr ? std::get_if<ast::ListValue>(&list.raw->kind) : nullptr;
    bool mixed =
        raw_list != nullptr && std::any_of(raw_list->values.begin(), raw_list->values.end(),
                                           [](const ast::Value& v) { return has_variable(v); });
    if (!mixed) {
        core::json::value v = list.value != nullptr ? *list.value : core::json::value();
        if (!v.is_array() && !v.is_null()) v = core::json::array{v};
        return ParamSource{LiteralSource{std::move(v)}};
    }
    ListSource items;
    const auto& arr = list.value->as_array();
    for (std::size_t i = 0; i < arr.size() && i < raw_list->values.size(); ++i) {
        const ast::Value& raw = raw_list->values[i];
        if (const auto* v = std::get_if<ast::VariableRef>(&raw.kind)) {
            items.items.push_back(ParamSource{VariableSource{std::string(v->name), {}}});
        } else {
            items.items.push_back(ParamSource{LiteralSource{arr[i]}});
        }
    }
    return ParamSource{std::move(items)};
}

ParamSource Planner::source_of(const metadata::Value& value) const {
    if (const auto* s = value.session_variable()) return ParamSource{SessionSource{s->name}};
    return ParamSource{LiteralSource{*value.literal()}};
}

ColumnRef Planner::column_ref(const schema::TableInfo& table, const schema::ColumnInfo& column) {
    ColumnRef ref{column.name, column.scalar, {}};
    if (table.catalog != nullptr) {
        if (const auto* c = table.catalog->column(column.name)) ref.db_type = c->db_type;
    }
    return ref;
}

TableRef Planner::table_ref(const schema::TableInfo& table) {
    return TableRef{table.source, table.name};
}

std::vector<JoinColumn> Planner::join_of(const schema::RelationshipInfo& rel) {
    std::vector<JoinColumn> out;
    for (const auto& [local, remote] : rel.column_mapping) out.push_back({local, remote});
    return out;
}

bool Planner::may_select(const schema::TableInfo& table, std::string_view db_column) {
    if (!table.select) return false;
    const auto& cols = table.select->columns;
    return std::find(cols.begin(), cols.end(), db_column) != cols.end();
}

PlanResult<Filter> Planner::select_filter(const schema::TableInfo& table) {
    if (!table.select) {
        return PlanError{"permission-error",
                         "no select permission on table " + table.name.display(), "$"};
    }
    return permission_filter(table, table.select->filter, "$");
}

}  // namespace detail

namespace {

using detail::Planner;
using detail::PlanResult;

PlanResult<RootFieldPlan> plan_root(Planner& p, const graphql::TypeDef& root_type,
                                    const graphql::CollectedField& f) {
    RootFieldPlan out;
    out.key = std::string(f.response_key);
    std::string path = "$.selectionSet." + out.key;
    std::string_view name = f.definition != nullptr ? f.definition->name : std::string_view();
    if (name == "__typename") {
        out.node = TypenameField{std::string(root_type.name)};
        return out;
    }
    if (name == "__schema" || name == "__type") {
        out.node = Introspection{std::string(name)};
        return out;
    }
    const schema::FieldInfo* info = p.schema().field(root_type.name, name);
    const auto* root = info != nullptr ? std::get_if<schema::RootField>(info) : nullptr;
    if (root == nullptr || root->table == nullptr) {
        return detail::validation_failed("field \"" + std::string(name) +
                                             "\" not found in type: '" +
                                             std::string(root_type.name) + "'",
                                         path);
    }
    const schema::TableInfo& t = *root->table;
    switch (root->kind) {
        case schema::RootFieldKind::kSelect: {
            WARD_TRY(auto s, p.select_root(t, f, false, path));
            out.node = std::move(s);
            break;
        }
        case schema::RootFieldKind::kSelectByPk: {
            WARD_TRY(auto s, p.select_root(t, f, true, path));
            out.node = std::move(s);
            break;
        }
        case schema::RootFieldKind::kSelectAggregate: {
            WARD_TRY(auto s, p.aggregate(t, f, path));
            out.node = std::move(s);
            break;
        }
        case schema::RootFieldKind::kSelectStream:
            return detail::not_supported("streaming subscriptions are not supported", path);
        case schema::RootFieldKind::kInsert:
        case schema::RootFieldKind::kInsertOne: {
            WARD_TRY(auto s, p.insert(t, f, root->kind == schema::RootFieldKind::kInsertOne, path));
            out.node = std::move(s);
            break;
        }
        case schema::RootFieldKind::kUpdate:
        case schema::RootFieldKind::kUpdateByPk: {
            bool by_pk = root->kind == schema::RootFieldKind::kUpdateByPk;
            detail::UpdateArgs args{p.argument(f, "where", path), p.argument(f, "_set", path),
                                    p.argument(f, "_inc", path), p.argument(f, "pk_columns", path)};
            args.append = p.argument(f, "_append", path);
            args.prepend = p.argument(f, "_prepend", path);
            args.delete_key = p.argument(f, "_delete_key", path);
            args.delete_elem = p.argument(f, "_delete_elem", path);
            args.delete_at_path = p.argument(f, "_delete_at_path", path);
            WARD_TRY(auto s, p.update(t, args, f.selections, by_pk, path));
            out.node = std::move(s);
            break;
        }
        case schema::RootFieldKind::kUpdateMany: {
            WARD_TRY(auto s, p.update_many(t, f, path));
            out.node = std::move(s);
            break;
        }
        case schema::RootFieldKind::kDelete:
        case schema::RootFieldKind::kDeleteByPk: {
            WARD_TRY(auto s, p.del(t, f, root->kind == schema::RootFieldKind::kDeleteByPk, path));
            out.node = std::move(s);
            break;
        }
    }
    return out;
}

}  // namespace

OperationKind operation_kind(graphql::ast::OperationType type) {
    switch (type) {
        case graphql::ast::OperationType::kQuery:
            return OperationKind::kQuery;
        case graphql::ast::OperationType::kMutation:
            return OperationKind::kMutation;
        case graphql::ast::OperationType::kSubscription:
            return OperationKind::kSubscription;
    }
    return OperationKind::kQuery;
}

core::Result<QueryPlan, PlanError> plan_operation(const schema::RoleSchema& schema,
                                                  const graphql::PreparedOperation& op) {
    if (op.operation == nullptr || op.root_type == nullptr) {
        return PlanError{"unexpected", "no operation to plan", "$"};
    }
    Planner p(schema, op);
    p.plan().kind = operation_kind(op.operation->operation);
    for (const auto& f : op.fields) {
        WARD_TRY(auto root, plan_root(p, *op.root_type, f));
        p.plan().fields.push_back(std::move(root));
    }
    return std::move(p.plan());
}

}  // namespace ward::engine::plan
