#include "engine/metadata/bool_exp.hpp"

#include <algorithm>
#include <array>

#include "engine/metadata/detail/json_reader.hpp"
#include "engine/metadata/session.hpp"

namespace ward::engine::metadata {

namespace {

using namespace detail;

struct OpInfo {
    std::string_view name;
    CompareOp op;
    OperandKind kind;
};

// Canonical names first (op_name returns the first match); aliases after.
constexpr std::array kOps = {
    OpInfo{"_eq", CompareOp::kEq, OperandKind::kScalar},
    OpInfo{"_neq", CompareOp::kNeq, OperandKind::kScalar},
    OpInfo{"_gt", CompareOp::kGt, OperandKind::kScalar},
    OpInfo{"_lt", CompareOp::kLt, OperandKind::kScalar},
    OpInfo{"_gte", CompareOp::kGte, OperandKind::kScalar},
    OpInfo{"_lte", CompareOp::kLte, OperandKind::kScalar},
    OpInfo{"_in", CompareOp::kIn, OperandKind::kList},
    OpInfo{"_nin", CompareOp::kNin, OperandKind::kList},
    OpInfo{"_is_null", CompareOp::kIsNull, OperandKind::kBool},
    OpInfo{"_like", CompareOp::kLike, OperandKind::kScalar},
    OpInfo{"_nlike", CompareOp::kNlike, OperandKind::kScalar},
    OpInfo{"_ilike", CompareOp::kIlike, OperandKind::kScalar},
    OpInfo{"_nilike", CompareOp::kNilike, OperandKind::kScalar},
    OpInfo{"_similar", CompareOp::kSimilar, OperandKind::kScalar},
    OpInfo{"_nsimilar", CompareOp::kNsimilar, OperandKind::kScalar},
    OpInfo{"_regex", CompareOp::kRegex, OperandKind::kScalar},
    OpInfo{"_nregex", CompareOp::kNregex, OperandKind::kScalar},
    OpInfo{"_iregex", CompareOp::kIregex, OperandKind::kScalar},
    OpInfo{"_niregex", CompareOp::kNiregex, OperandKind::kScalar},
    OpInfo{"_ceq", CompareOp::kCeq, OperandKind::kColumn},
    OpInfo{"_cne", CompareOp::kCne, OperandKind::kColumn},
    OpInfo{"_cgt", CompareOp::kCgt, OperandKind::kColumn},
    OpInfo{"_clt", CompareOp::kClt, OperandKind::kColumn},
    OpInfo{"_cgte", CompareOp::kCgte, OperandKind::kColumn},
    OpInfo{"_clte", CompareOp::kClte, OperandKind::kColumn},
    OpInfo{"_contains", CompareOp::kContains, OperandKind::kScalar},
    OpInfo{"_contained_in", CompareOp::kContainedIn, OperandKind::kScalar},
    OpInfo{"_has_key", CompareOp::kHasKey, OperandKind::kScalar},
    OpInfo{"_has_keys_any", CompareOp::kHasKeysAny, OperandKind::kList},
    OpInfo{"_has_keys_all", CompareOp::kHasKeysAll, OperandKind::kList},
    OpInfo{"_jsonb_path_exists", CompareOp::kJsonbPathExists, OperandKind::kScalar},
    OpInfo{"_jsonb_path_match", CompareOp::kJsonbPathMatch, OperandKind::kScalar},
    OpInfo{"_cast", CompareOp::kCast, OperandKind::kCast},
    OpInfo{"_st_contains", CompareOp::kStContains, OperandKind::kScalar},
    OpInfo{"_st_crosses", CompareOp::kStCrosses, OperandKind::kScalar},
    OpInfo{"_st_equals", CompareOp::kStEquals, OperandKind::kScalar},
    OpInfo{"_st_intersects", CompareOp::kStIntersects, OperandKind::kScalar},
    OpInfo{"_st_overlaps", CompareOp::kStOverlaps, OperandKind::kScalar},
    OpInfo{"_st_touches", CompareOp::kStTouches, OperandKind::kScalar},
    OpInfo{"_st_within", CompareOp::kStWithin, OperandKind::kScalar},
    OpInfo{"_st_d_within", CompareOp::kStDWithin, OperandKind::kScalar},
    OpInfo{"_st_3d_intersects", CompareOp::kSt3dIntersects, OperandKind::kScalar},
    OpInfo{"_st_3d_d_within", CompareOp::kSt3dDWithin, OperandKind::kScalar},
    OpInfo{"_ancestor", CompareOp::kAncestor, OperandKind::kScalar},
    OpInfo{"_ancestor_any", CompareOp::kAncestorAny, OperandKind::kScalar},
    OpInfo{"_descendant", CompareOp::kDescendant, OperandKind::kScalar},
    OpInfo{"_descendant_any", CompareOp::kDescendantAny, OperandKind::kScalar},
    OpInfo{"_matches", CompareOp::kMatches, OperandKind::kScalar},
    OpInfo{"_matches_any", CompareOp::kMatchesAny, OperandKind::kScalar},
    OpInfo{"_matches_fulltext", CompareOp::kMatchesFulltext, OperandKind::kScalar},
    // Aliases Hasura accepts in permissions.
    OpInfo{"_ne", CompareOp::kNeq, OperandKind::kScalar},
    OpInfo{"_cneq", CompareOp::kCne, OperandKind::kColumn},
};

const OpInfo* find_info(CompareOp op) {
    for (const auto& info : kOps) {
        if (info.op == op) return &info;
    }
    return nullptr;
}

enum class Connective { kNone, kAnd, kOr, kNot, kExists };

Connective connective_of(std::string_view key, bool allow_dollar) {
    if (key.empty()) return Connective::kNone;
    if (key[0] != '_' && !(allow_dollar && key[0] == '$')) return Connective::kNone;
    std::string_view rest = key.substr(1);
    if (rest == "and") return Connective::kAnd;
    if (rest == "or") return Connective::kOr;
    if (rest == "not") return Connective::kNot;
    if (rest == "exists") return Connective::kExists;
    return Connective::kNone;
}

MetadataError unknown_operator(std::string_view path, std::string_view key) {
    return MetadataError{ErrorCode::kUnexpectedPayload, std::string(path),
                         "Unknown operator: " + std::string(key)};
}

class Parser {
  public:
    explicit Parser(const BoolExpOptions& options) : options_(options) {}

    Result<BoolExp> parse(const json::value& v, const std::string& path, std::size_t depth) {
        if (depth > options_.max_depth) {
            return MetadataError{ErrorCode::kParseFailed, path, "expression nested too deeply"};
        }
        WARD_TRY(const json::object* obj, expect_object(v, path));
        BoolExp out;
        out.terms.reserve(obj->size());
        for (const auto& kv : *obj) {
            std::string_view key(kv.key().data(), kv.key().size());
            std::string kp = child_path(path, key);
            WARD_TRY(BoolTerm term, parse_term(key, kv.value(), kp, depth));
            out.terms.push_back(std::move(term));
        }
        return out;
    }

  private:
    Result<std::vector<BoolExp>> parse_list(const json::value& v, const std::string& path,
                                            std::size_t depth) {
        if (options_.coerce_lists && v.is_object()) {
            WARD_TRY(BoolExp single, parse(v, path, depth + 1));
            std::vector<BoolExp> items;
            items.push_back(std::move(single));
            return items;
        }
        WARD_TRY(const json::array* arr, expect_array(v, path));
        std::vector<BoolExp> items;
        items.reserve(arr->size());
        for (std::size_t i = 0; i < arr->size(); ++i) {
            WARD_TRY(BoolExp e, parse((*arr)[i], index_path(path, i), depth + 1));
            items.push_back(std::move(e));
        }
        return items;
    }

    Result<BoolTerm> parse_term(std::string_view key, const json::value& v, const std::string& path,
                                std::size_t depth) {
        switch (connective_of(key, options_.allow_dollar)) {
            case Connective::kAnd: {
                WARD_TRY(auto items, parse_list(v, path, depth));
                return BoolTerm(AndExp{std::move(items), std::string(key)});
            }
            case Connective::kOr: {
                WARD_TRY(auto items, parse_list(v, path, depth));
                return BoolTerm(OrExp{std::move(items), std::string(key)});
            }
            case Connective::kNot: {
                WARD_TRY(BoolExp inner, parse(v, path, depth + 1));
                return BoolTerm(NotExp{std::move(inner), std::string(key)});
            }
            case Connective::kExists:
                if (options_.allow_exists) return parse_exists(key, v, path, depth);
                return unknown_operator(path, key);
            case Connective::kNone:
                break;
        }
        return parse_field(key, v, path, depth);
    }

    Result<BoolTerm> parse_exists(std::string_view key, const json::value& v,
                                  const std::string& path, std::size_t depth) {
        WARD_TRY(const json::object* obj, expect_object(v, path));
        WARD_TRY(const json::value* table, required(*obj, path, "_table"));
        WARD_TRY(const json::value* where, required(*obj, path, "_where"));
        for (const auto& kv : *obj) {
            if (kv.key() != "_table" && kv.key() != "_where") {
                return parse_error(
                    child_path(path, as_view(kv.key())),
                    "unexpected key in _exists: \"" + std::string(as_view(kv.key())) + "\"");
            }
        }
        ExistsExp e;
        WARD_TRY(e.table, parse_table_name(*table, child_path(path, "_table")));
        e.table_as_string = table->is_string();
        WARD_TRY(BoolExp w, parse(*where, child_path(path, "_where"), depth + 1));
        e.where = std::move(w);
        e.spelling = std::string(key);
        return BoolTerm(std::move(e));
    }

    static bool looks_like_operator(std::string_view key) {
        return !key.empty() && (key[0] == '_' || key[0] == '$');
    }

    Result<BoolTerm> parse_field(std::string_view key, const json::value& v,
                                 const std::string& path, std::size_t depth) {
        if (!v.is_object()) {
            // A scalar under an operator-looking key is a mistyped operator, not a column.
            if (looks_like_operator(key) && !v.is_null()) return unknown_operator(path, key);
            if (options_.allow_shorthand && !v.is_null() && !v.is_array()) {
                ColumnExp c{std::string(key), {}, true};
                c.comparisons.push_back(Comparison{
                    CompareOp::kEq, Operand(parse_value(v, options_.session_variables)), "_eq"});
                return BoolTerm(std::move(c));
            }
            return type_error(path, "Object", v);
        }
        const json::object& obj = v.get_object();
        if (is_aggregation_predicate(key, obj)) return parse_aggregate(key, obj, path, depth);
        bool any_op = std::any_of(obj.begin(), obj.end(), [&](const auto& kv) {
            return find_op(as_view(kv.key()), options_.allow_dollar).has_value();
        });
        if (obj.empty() || any_op) {
            ColumnExp c{std::string(key), {}, false};
            WARD_TRY(c.comparisons, parse_comparisons(obj, path, depth));
            return BoolTerm(std::move(c));
        }
        WARD_TRY(BoolExp nested, parse(v, path, depth + 1));
        return BoolTerm(RelationshipExp{std::string(key), std::move(nested)});
    }

    static bool is_aggregation_predicate(std::string_view key, const json::object& obj) {
        constexpr std::string_view kSuffix = "_aggregate";
        if (key.size() <= kSuffix.size() || key.substr(key.size() - kSuffix.size()) != kSuffix ||
            obj.size() != 1) {
            return false;
        }
        const auto& kv = *obj.begin();
        std::string_view fn = as_view(kv.key());
        if (fn != "count" && fn != "bool_and" && fn != "bool_or") return false;
        return kv.value().is_object() && kv.value().get_object().contains("predicate");
    }

    Result<BoolTerm> parse_aggregate(std::string_view key, const json::object& obj,
                                     const std::string& path, std::size_t depth) {
        const auto& kv = *obj.begin();
        AggregationPredicateExp a;
        a.relationship =
            std::string(key.substr(0, key.size() - std::string_view("_aggregate").size()));
        a.function = std::string(as_view(kv.key()));
        std::string fp = child_path(path, a.function);
        const json::object& fo = kv.value().get_object();
        for (const auto& member : fo) {
            std::string_view k = as_view(member.key());
            std::string mp = child_path(fp, k);
            if (k == "arguments") {
                if (member.value().is_string()) {
                    a.arguments_as_string = true;
                    a.arguments =
                        std::vector<std::string>{std::string(as_view(member.value().get_string()))};
                } else {
                    WARD_TRY(auto args, expect_string_list(member.value(), mp));
                    a.arguments = std::move(args);
                }
            } else if (k == "distinct") {
                WARD_TRY(bool d, expect_bool(member.value(), mp));
                a.distinct = d;
            } else if (k == "filter") {
                WARD_TRY(BoolExp f, parse(member.value(), mp, depth + 1));
                a.filter = Box<BoolExp>(std::move(f));
            } else if (k == "predicate") {
                WARD_TRY(const json::object* po, expect_object(member.value(), mp));
                WARD_TRY(a.predicate, parse_comparisons(*po, mp, depth + 1));
            } else {
                return parse_error(
                    mp, "unexpected key in aggregation predicate: \"" + std::string(k) + "\"");
            }
        }
        return BoolTerm(std::move(a));
    }

    Result<std::vector<Comparison>> parse_comparisons(const json::object& obj,
                                                      const std::string& path, std::size_t depth) {
        std::vector<Comparison> out;
        out.reserve(obj.size());
        for (const auto& kv : obj) {
            std::string_view key = as_view(kv.key());
            std::string kp = child_path(path, key);
            auto op = find_op(key, options_.allow_dollar);
            if (!op) return unknown_operator(kp, key);
            WARD_TRY(Operand operand, parse_operand(*op, kv.value(), kp, depth));
            out.push_back(Comparison{*op, std::move(operand), std::string(key)});
        }
        return out;
    }

    Result<Operand> parse_operand(CompareOp op, const json::value& v, const std::string& path,
                                  std::size_t depth) {
        switch (operand_kind(op)) {
            case OperandKind::kScalar:
                return Operand(parse_value(v, options_.session_variables));
            case OperandKind::kBool: {
                WARD_TRY(bool b, expect_bool(v, path));
                return Operand(b);
            }
            case OperandKind::kList: {
                if (v.is_string() && options_.session_variables &&
                    is_session_variable(as_view(v.get_string()))) {
                    // A session variable holding a Postgres array literal, "{1,2,3}" (§2.3).
                    return Operand(parse_value(v, true));
                }
                if (options_.coerce_lists && !v.is_array() && !v.is_null()) {
                    return Operand(std::vector<Value>{parse_value(v, options_.session_variables)});
                }
                WARD_TRY(const json::array* arr, expect_array(v, path));
                std::vector<Value> items;
                items.reserve(arr->size());
                for (const auto& item : *arr) {
                    items.push_back(parse_value(item, options_.session_variables));
                }
                return Operand(std::move(items));
            }
            case OperandKind::kColumn: {
                if (v.is_string()) {
                    return Operand(ColumnOperand{std::string(as_view(v.get_string())), false});
                }
                if (v.is_array()) {
                    const json::array& arr = v.get_array();
                    if (arr.size() == 2 && arr[0].is_string() && arr[0].get_string() == "$" &&
                        arr[1].is_string()) {
                        return Operand(
                            ColumnOperand{std::string(as_view(arr[1].get_string())), true});
                    }
                }
                return parse_error(path,
                                   "expected a column name, or [\"$\", <column>] for the root "
                                   "table, but encountered " +
                                       std::string(kind_name(v)));
            }
            case OperandKind::kCast: {
                WARD_TRY(const json::object* obj, expect_object(v, path));
                std::vector<CastOperand> casts;
                for (const auto& kv : *obj) {
                    std::string kp = child_path(path, as_view(kv.key()));
                    WARD_TRY(const json::object* inner, expect_object(kv.value(), kp));
                    CastOperand c{std::string(as_view(kv.key())), {}};
                    WARD_TRY(c.comparisons, parse_comparisons(*inner, kp, depth + 1));
                    casts.push_back(std::move(c));
                }
                return Operand(std::move(casts));
            }
        }
        return parse_error(path, "unsupported operator");
    }

    const BoolExpOptions& options_;
};

json::value emit_comparisons(const std::vector<Comparison>& comparisons);

json::value emit_operand(const Operand& operand) {
    return std::visit(
        [](const auto& o) -> json::value {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, Value>) {
                return emit_value(o);
            } else if constexpr (std::is_same_v<T, std::vector<Value>>) {
                json::array arr;
                for (const auto& item : o) arr.push_back(emit_value(item));
                return arr;
            } else if constexpr (std::is_same_v<T, bool>) {
                return json::value(o);
            } else if constexpr (std::is_same_v<T, ColumnOperand>) {
                if (o.root_table) return json::array{"$", json::string(o.column)};
                return json::string(o.column);
            } else {
                json::object obj;
                for (const auto& c : o) obj[c.type] = emit_comparisons(c.comparisons);
                return obj;
            }
        },
        operand);
}

json::value emit_comparisons(const std::vector<Comparison>& comparisons) {
    json::object obj;
    for (const auto& c : comparisons) {
        std::string key = c.spelling.empty() ? std::string(op_name(c.op)) : c.spelling;
        obj[key] = emit_operand(c.operand);
    }
    return obj;
}

json::array emit_list(const std::vector<BoolExp>& items) {
    json::array arr;
    for (const auto& e : items) arr.push_back(emit_bool_exp(e));
    return arr;
}

void collect_session_variables(const Value& v, std::vector<std::string>& out) {
    if (const auto* ref = v.session_variable()) {
        if (std::find(out.begin(), out.end(), ref->name) == out.end()) out.push_back(ref->name);
    }
}

void collect_session_variables(const std::vector<Comparison>& cs, std::vector<std::string>& out);

void collect_session_variables(const BoolExp& e, std::vector<std::string>& out) {
    for (const auto& term : e.terms) {
        std::visit(
            [&](const auto& t) {
                using T = std::decay_t<decltype(t)>;
                if constexpr (std::is_same_v<T, AndExp> || std::is_same_v<T, OrExp>) {
                    for (const auto& item : t.items) collect_session_variables(item, out);
                } else if constexpr (std::is_same_v<T, NotExp>) {
                    collect_session_variables(*t.item, out);
                } else if constexpr (std::is_same_v<T, ExistsExp> ||
                                     std::is_same_v<T, RelationshipExp>) {
                    collect_session_variables(*t.where, out);
                } else if constexpr (std::is_same_v<T, AggregationPredicateExp>) {
                    if (t.filter) collect_session_variables(**t.filter, out);
                    collect_session_variables(t.predicate, out);
                } else {
                    collect_session_variables(t.comparisons, out);
                }
            },
            term);
    }
}

void collect_session_variables(const std::vector<Comparison>& cs, std::vector<std::string>& out) {
    for (const auto& c : cs) {
        if (const auto* v = std::get_if<Value>(&c.operand)) {
            collect_session_variables(*v, out);
        } else if (const auto* list = std::get_if<std::vector<Value>>(&c.operand)) {
            for (const auto& item : *list) collect_session_variables(item, out);
        } else if (const auto* casts = std::get_if<std::vector<CastOperand>>(&c.operand)) {
            for (const auto& cast : *casts) collect_session_variables(cast.comparisons, out);
        }
    }
}

}  // namespace

Value parse_value(const core::json::value& v, bool session_variables) {
    if (session_variables && v.is_string()) {
        std::string_view s = as_view(v.get_string());
        if (is_session_variable(s)) {
            return Value{SessionVariableRef{to_lower_ascii(s), std::string(s)}};
        }
    }
    return Value{v};
}

core::json::value emit_value(const Value& v) {
    if (const auto* ref = v.session_variable()) {
        return json::string(ref->spelling.empty() ? ref->name : ref->spelling);
    }
    return *v.literal();
}

std::string_view op_name(CompareOp op) {
    const OpInfo* info = find_info(op);
    return info ? info->name : std::string_view("_unknown");
}

OperandKind operand_kind(CompareOp op) {
    const OpInfo* info = find_info(op);
    return info ? info->kind : OperandKind::kScalar;
}

std::optional<CompareOp> find_op(std::string_view key, bool allow_dollar) {
    if (key.size() < 2) return std::nullopt;
    if (key[0] != '_' && !(allow_dollar && key[0] == '$')) return std::nullopt;
    std::string_view rest = key.substr(1);
    for (const auto& info : kOps) {
        if (info.name.substr(1) == rest) return info.op;
    }
    return std::nullopt;
}

Result<BoolExp> parse_bool_exp(const core::json::value& v, std::string_view path,
                               const BoolExpOptions& options) {
    Parser parser(options);
    return parser.parse(v, std::string(path), 0);
}

core::json::value emit_bool_exp(const BoolExp& e) {
    json::object obj;
    for (const auto& term : e.terms) {
        std::visit(
            [&](const auto& t) {
                using T = std::decay_t<decltype(t)>;
                if constexpr (std::is_same_v<T, AndExp> || std::is_same_v<T, OrExp>) {
                    obj[t.spelling] = emit_list(t.items);
                } else if constexpr (std::is_same_v<T, NotExp>) {
                    obj[t.spelling] = emit_bool_exp(*t.item);
                } else if constexpr (std::is_same_v<T, ExistsExp>) {
                    json::object ex;
                    ex["_table"] = t.table_as_string && t.table.schema == kDefaultSchema
                                       ? json::value(json::string(t.table.name))
                                       : emit_table_name(t.table);
                    ex["_where"] = emit_bool_exp(*t.where);
                    obj[t.spelling] = std::move(ex);
                } else if constexpr (std::is_same_v<T, ColumnExp>) {
                    if (t.shorthand && t.comparisons.size() == 1) {
                        obj[t.name] = emit_operand(t.comparisons[0].operand);
                    } else {
                        obj[t.name] = emit_comparisons(t.comparisons);
                    }
                } else if constexpr (std::is_same_v<T, RelationshipExp>) {
                    obj[t.name] = emit_bool_exp(*t.where);
                } else {
                    json::object fn;
                    if (t.arguments) {
                        if (t.arguments_as_string && t.arguments->size() == 1) {
                            fn["arguments"] = (*t.arguments)[0];
                        } else {
                            json::array args;
                            for (const auto& a : *t.arguments) args.push_back(json::string(a));
                            fn["arguments"] = std::move(args);
                        }
                    }
                    if (t.distinct) fn["distinct"] = *t.distinct;
                    if (t.filter) fn["filter"] = emit_bool_exp(**t.filter);
                    fn["predicate"] = emit_comparisons(t.predicate);
                    json::object agg;
                    agg[t.function] = std::move(fn);
                    obj[t.relationship + "_aggregate"] = std::move(agg);
                }
            },
            term);
    }
    return obj;
}

bool references_field(const BoolExp& e, std::string_view name) {
    for (const auto& term : e.terms) {
        bool found = std::visit(
            [&](const auto& t) -> bool {
                using T = std::decay_t<decltype(t)>;
                if constexpr (std::is_same_v<T, AndExp> || std::is_same_v<T, OrExp>) {
                    return std::any_of(t.items.begin(), t.items.end(),
                                       [&](const BoolExp& i) { return references_field(i, name); });
                } else if constexpr (std::is_same_v<T, NotExp>) {
                    return references_field(*t.item, name);
                } else if constexpr (std::is_same_v<T, ExistsExp>) {
                    return false;
                } else if constexpr (std::is_same_v<T, AggregationPredicateExp>) {
                    return t.relationship == name;
                } else {
                    return t.name == name;
                }
            },
            term);
        if (found) return true;
    }
    return false;
}

std::vector<std::string> session_variables_of(const BoolExp& e) {
    std::vector<std::string> out;
    collect_session_variables(e, out);
    return out;
}

}  // namespace ward::engine::metadata
