#include "engine/plan/dump.hpp"

#include <utility>

namespace ward::engine::plan {

namespace {

struct Dumper {
    const QueryPlan& plan;
    bool sources;
    std::string out;

    void source(const ParamSource& s) {
        std::visit(
            [&](const auto& k) {
                using K = std::decay_t<decltype(k)>;
                if constexpr (std::is_same_v<K, LiteralSource>) {
                    out += core::to_json(k.value);
                } else if constexpr (std::is_same_v<K, VariableSource>) {
                    out += "var:" + k.name;
                    for (const auto& step : k.path) {
                        if (const auto* key = std::get_if<std::string>(&step)) {
                            out += "." + *key;
                        } else {
                            out += "[" + std::to_string(std::get<std::size_t>(step)) + "]";
                        }
                    }
                } else if constexpr (std::is_same_v<K, SessionSource>) {
                    out += "session:" + k.name;
                } else {
                    out += "list(";
                    for (std::size_t i = 0; i < k.items.size(); ++i) {
                        if (i > 0) out += ",";
                        source(k.items[i]);
                    }
                    out += ")";
                }
            },
            s.kind);
    }

    void param(ParamRef r) {
        out += "$" + std::to_string(r.index);
        if (!sources || r.index >= plan.params.size()) return;
        out += "=";
        source(plan.params[r.index].source);
    }

    void joins(const std::vector<JoinColumn>& j) {
        out += "on(";
        for (std::size_t i = 0; i < j.size(); ++i) {
            if (i > 0) out += ",";
            out += j[i].outer + "=" + j[i].inner;
        }
        out += ")";
    }

    void items(std::string_view name, const std::vector<Filter>& fs) {
        out += name;
        out += "(";
        for (std::size_t i = 0; i < fs.size(); ++i) {
            if (i > 0) out += ",";
            filter(fs[i]);
        }
        out += ")";
    }

    void compare(const CompareFilter& c) {
        if (!c.column.name.empty()) out += c.column.name + " ";
        out += metadata::op_name(c.op);
        out += " ";
        if (const auto* p = std::get_if<ParamRef>(&c.operand)) {
            param(*p);
        } else if (const auto* col = std::get_if<ColumnOperand>(&c.operand)) {
            out += (col->root_table ? "$." : "col.") + col->column.name;
        } else {
            out += std::get<bool>(c.operand) ? "true" : "false";
        }
    }

    void filter(const Filter& f) {
        std::visit(
            [&](const auto& n) {
                using N = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<N, BoolConst>) {
                    out += n.value ? "true" : "false";
                } else if constexpr (std::is_same_v<N, AndFilter>) {
                    items("and", n.items);
                } else if constexpr (std::is_same_v<N, OrFilter>) {
                    items("or", n.items);
                } else if constexpr (std::is_same_v<N, NotFilter>) {
                    out += "not(";
                    filter(*n.item);
                    out += ")";
                } else if constexpr (std::is_same_v<N, ExistsFilter>) {
                    out += "exists(" + n.table.name.display() + " ";
                    joins(n.join);
                    out += " ";
                    filter(*n.where);
                    out += ")";
                } else if constexpr (std::is_same_v<N, CompareFilter>) {
                    compare(n);
                } else {
                    out += n.function + (n.distinct ? "(distinct " : "(");
                    for (const auto& a : n.arguments) out += a.name + " ";
                    out += n.table.name.display() + " ";
                    joins(n.join);
                    out += " ";
                    filter(*n.filter);
                    out += ")";
                    for (const auto& p : n.predicate) {
                        out += " ";
                        compare(p);
                    }
                }
            },
            f.node);
    }

    void rows(const Rows& r) {
        out += "from " + r.table.name.display() + " where ";
        filter(r.where);
        if (!r.order_by.empty()) {
            out += " order_by(";
            for (std::size_t i = 0; i < r.order_by.size(); ++i) {
                const auto& ob = r.order_by[i];
                if (i > 0) out += ",";
                for (const auto& hop : ob.path) {
                    out += hop.table.name.display() + "[";
                    filter(hop.filter);
                    out += "].";
                }
                if (const auto* c = std::get_if<ColumnRef>(&ob.target)) {
                    out += c->name;
                } else {
                    const auto& a = std::get<OrderByAggregate>(ob.target);
                    out += a.table.name.display() + "[";
                    filter(a.filter);
                    out += "]." + std::string(to_string(a.function));
                    if (a.column) out += "(" + a.column->name + ")";
                }
                out += ob.descending ? " desc" : " asc";
                out += ob.nulls_first ? " nulls first" : " nulls last";
            }
            out += ")";
        }
        if (!r.distinct_on.empty()) {
            out += " distinct_on(";
            for (std::size_t i = 0; i < r.distinct_on.size(); ++i) {
                if (i > 0) out += ",";
                out += r.distinct_on[i].name;
            }
            out += ")";
        }
        if (r.limit) {
            out += " limit ";
            param(*r.limit);
        }
        if (r.offset) {
            out += " offset ";
            param(*r.offset);
        }
    }

    void fields(const std::vector<OutputField>& fs) {
        out += "{";
        for (std::size_t i = 0; i < fs.size(); ++i) {
            if (i > 0) out += " ";
            out += fs[i].key + ":";
            std::visit(
                [&](const auto& v) {
                    using V = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<V, ColumnField>) {
                        out += v.column.name;
                    } else if constexpr (std::is_same_v<V, TypenameField>) {
                        out += "'" + v.name + "'";
                    } else if constexpr (std::is_same_v<V, ObjectRelationshipField>) {
                        out += "object ";
                        joins(v.join);
                        out += " ";
                        select(*v.select);
                    } else if constexpr (std::is_same_v<V, ArrayRelationshipField>) {
                        out += "array ";
                        joins(v.join);
                        out += " ";
                        select(*v.select);
                    } else {
                        out += "aggregate ";
                        joins(v.join);
                        out += " ";
                        aggregate(*v.select);
                    }
                },
                fs[i].value);
        }
        out += "}";
    }

    void select(const TableSelect& s) {
        out += s.single ? "one[" : "many[";
        rows(s.rows);
        out += "] ";
        fields(s.fields);
    }

    void aggregate(const AggregateSelect& a) {
        out += "agg[";
        rows(a.rows);
        out += "] {";
        for (std::size_t i = 0; i < a.fields.size(); ++i) {
            if (i > 0) out += " ";
            const auto& f = a.fields[i];
            out += f.key + ":";
            if (const auto* block = std::get_if<AggregateBlock>(&f.value)) {
                out += "{";
                for (std::size_t j = 0; j < block->ops.size(); ++j) {
                    const auto& op = block->ops[j];
                    if (j > 0) out += " ";
                    out += op.key + ":";
                    if (const auto* c = std::get_if<CountAggregate>(&op.value)) {
                        out += c->distinct ? "count(distinct" : "count(";
                        for (const auto& col : c->columns) out += " " + col.name;
                        out += ")";
                    } else if (const auto* fn = std::get_if<FunctionAggregate>(&op.value)) {
                        out += std::string(to_string(fn->function)) + "(";
                        for (const auto& col : fn->columns) {
                            out += " " + col.key + ":";
                            if (const auto* cr = std::get_if<ColumnRef>(&col.value)) {
                                out += cr->name;
                            } else {
                                out += "'" + std::get<TypenameField>(col.value).name + "'";
                            }
                        }
                        out += ")";
                    } else {
                        out += "'" + std::get<TypenameField>(op.value).name + "'";
                    }
                }
                out += "}";
            } else if (const auto* nodes = std::get_if<NodesBlock>(&f.value)) {
                out += "nodes";
                fields(nodes->fields);
            } else {
                out += "'" + std::get<TypenameField>(f.value).name + "'";
            }
        }
        out += "}";
    }

    void output(const MutationOutput& m) {
        out += " returning_filter ";
        filter(m.returning_filter);
        out += " => ";
        if (m.single) {
            out += "one";
            fields(m.row_fields);
            return;
        }
        out += "{";
        for (std::size_t i = 0; i < m.fields.size(); ++i) {
            if (i > 0) out += " ";
            out += m.fields[i].key + ":";
            if (std::holds_alternative<AffectedRows>(m.fields[i].value)) {
                out += "affected_rows";
            } else if (const auto* r = std::get_if<Returning>(&m.fields[i].value)) {
                out += "returning";
                fields(r->fields);
            } else {
                out += "'" + std::get<TypenameField>(m.fields[i].value).name + "'";
            }
        }
        out += "}";
    }

    void update(const Update& u) {
        out += "update " + u.table.name.display() + " set(";
        for (std::size_t i = 0; i < u.updates.size(); ++i) {
            if (i > 0) out += ",";
            out += u.updates[i].column.name + (u.updates[i].op == UpdateOp::kInc ? "+=" : "=");
            param(u.updates[i].value);
        }
        out += ") where ";
        filter(u.where);
        out += " check ";
        filter(u.check);
        output(u.output);
    }

    void root(const RootFieldPlan& r) {
        out += r.key + ": ";
        std::visit(
            [&](const auto& n) {
                using N = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<N, TableSelect>) {
                    select(n);
                } else if constexpr (std::is_same_v<N, AggregateSelect>) {
                    aggregate(n);
                } else if constexpr (std::is_same_v<N, Insert>) {
                    out += "insert " + n.table.name.display() + " (";
                    for (std::size_t i = 0; i < n.columns.size(); ++i) {
                        if (i > 0) out += ",";
                        out += n.columns[i].name;
                    }
                    out += ") values";
                    for (const auto& row : n.rows) {
                        out += " (";
                        for (std::size_t i = 0; i < row.size(); ++i) {
                            if (i > 0) out += ",";
                            if (row[i]) {
                                param(*row[i]);
                            } else {
                                out += "default";
                            }
                        }
                        out += ")";
                    }
                    if (n.on_conflict) {
                        out += " on_conflict " + n.on_conflict->constraint + " update(";
                        for (std::size_t i = 0; i < n.on_conflict->update_columns.size(); ++i) {
                            if (i > 0) out += ",";
                            out += n.on_conflict->update_columns[i].name;
                        }
                        out += ") where ";
                        filter(n.on_conflict->where);
                    }
                    out += " check ";
                    filter(n.check);
                    output(n.output);
                } else if constexpr (std::is_same_v<N, Update>) {
                    update(n);
                } else if constexpr (std::is_same_v<N, UpdateMany>) {
                    out += "many[";
                    for (std::size_t i = 0; i < n.updates.size(); ++i) {
                        if (i > 0) out += "; ";
                        update(n.updates[i]);
                    }
                    out += "]";
                } else if constexpr (std::is_same_v<N, Delete>) {
                    out += "delete " + n.table.name.display() + " where ";
                    filter(n.where);
                    output(n.output);
                } else if constexpr (std::is_same_v<N, TypenameField>) {
                    out += "'" + n.name + "'";
                } else {
                    out += "introspection " + n.field_name;
                }
            },
            r.node);
    }
};

}  // namespace

std::string dump(const QueryPlan& plan, bool sources) {
    Dumper d{plan, sources, {}};
    for (std::size_t i = 0; i < plan.fields.size(); ++i) {
        if (i > 0) d.out += "\n";
        d.root(plan.fields[i]);
    }
    return std::move(d.out);
}

std::string dump(const Filter& filter, const QueryPlan& plan, bool sources) {
    Dumper d{plan, sources, {}};
    d.filter(filter);
    return std::move(d.out);
}

}  // namespace ward::engine::plan
