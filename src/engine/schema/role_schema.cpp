#include "engine/schema/role_schema.hpp"

namespace ward::engine::schema {

const ColumnInfo* TableInfo::column(std::string_view db_name) const {
    for (const auto& c : columns) {
        if (c.name == db_name) return &c;
    }
    return nullptr;
}

const ColumnInfo* TableInfo::column_by_graphql_name(std::string_view name) const {
    for (const auto& c : columns) {
        if (c.graphql_name == name) return &c;
    }
    return nullptr;
}

const RelationshipInfo* TableInfo::relationship(std::string_view rel_name) const {
    for (const auto& r : relationships) {
        if (r.name == rel_name) return &r;
    }
    return nullptr;
}

std::string_view to_string(RootFieldKind kind) {
    switch (kind) {
        case RootFieldKind::kSelect:
            return "select";
        case RootFieldKind::kSelectByPk:
            return "select_by_pk";
        case RootFieldKind::kSelectAggregate:
            return "select_aggregate";
        case RootFieldKind::kSelectStream:
            return "select_stream";
        case RootFieldKind::kInsert:
            return "insert";
        case RootFieldKind::kInsertOne:
            return "insert_one";
        case RootFieldKind::kUpdate:
            return "update";
        case RootFieldKind::kUpdateByPk:
            return "update_by_pk";
        case RootFieldKind::kUpdateMany:
            return "update_many";
        case RootFieldKind::kDelete:
            return "delete";
        case RootFieldKind::kDeleteByPk:
            return "delete_by_pk";
    }
    return "select";
}

std::string_view to_string(AggregateFunction f) {
    switch (f) {
        case AggregateFunction::kCount:
            return "count";
        case AggregateFunction::kSum:
            return "sum";
        case AggregateFunction::kAvg:
            return "avg";
        case AggregateFunction::kMax:
            return "max";
        case AggregateFunction::kMin:
            return "min";
        case AggregateFunction::kStddev:
            return "stddev";
        case AggregateFunction::kStddevPop:
            return "stddev_pop";
        case AggregateFunction::kStddevSamp:
            return "stddev_samp";
        case AggregateFunction::kVarPop:
            return "var_pop";
        case AggregateFunction::kVarSamp:
            return "var_samp";
        case AggregateFunction::kVariance:
            return "variance";
    }
    return "count";
}

std::string scalar_name(catalog::ScalarType type, std::string_view db_type) {
    // Hasura keeps the GraphQL built-in names for int4/bool/float4/text/varchar and uses the
    // PostgreSQL type name for everything else (so float8 is "float8", not "Float").
    switch (type) {
        case catalog::ScalarType::kInt:
            return "Int";
        case catalog::ScalarType::kBigint:
            return "bigint";
        case catalog::ScalarType::kSmallint:
            return "smallint";
        case catalog::ScalarType::kFloat:
            return "float8";
        case catalog::ScalarType::kFloat4:
            return "Float";
        case catalog::ScalarType::kNumeric:
            return "numeric";
        case catalog::ScalarType::kString:
        case catalog::ScalarType::kVarchar:
            return "String";
        case catalog::ScalarType::kBpchar:
            return "bpchar";
        case catalog::ScalarType::kBoolean:
            return "Boolean";
        case catalog::ScalarType::kJson:
            return "json";
        case catalog::ScalarType::kJsonb:
            return "jsonb";
        case catalog::ScalarType::kUuid:
            return "uuid";
        case catalog::ScalarType::kDate:
            return "date";
        case catalog::ScalarType::kTime:
            return "time";
        case catalog::ScalarType::kTimetz:
            return "timetz";
        case catalog::ScalarType::kTimestamp:
            return "timestamp";
        case catalog::ScalarType::kTimestamptz:
            return "timestamptz";
        case catalog::ScalarType::kBytea:
            return "bytea";
        case catalog::ScalarType::kOther:
            break;
    }
    // A GraphQL name must match /[_A-Za-z][_0-9A-Za-z]*/: "character varying(20)" or "_int4"
    // become "character_varying_20_" and "_int4".
    std::string out;
    for (char c : db_type) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        out.push_back(ok ? c : '_');
    }
    if (out.empty()) return "String";
    if (out[0] >= '0' && out[0] <= '9') out.insert(out.begin(), '_');
    return out;
}

const FieldInfo* RoleSchema::field(std::string_view parent_type,
                                   std::string_view field_name) const {
    auto it = fields_.find(Key{parent_type, field_name});
    return it == fields_.end() ? nullptr : &it->second;
}

const TableInfo* RoleSchema::table_of_type(std::string_view object_type) const {
    auto it = types_.find(object_type);
    return it == types_.end() ? nullptr : it->second;
}

const InputInfo* RoleSchema::input(std::string_view input_type) const {
    auto it = inputs_.find(input_type);
    return it == inputs_.end() ? nullptr : &it->second;
}

const TableInfo* RoleSchema::table(std::string_view source, const metadata::TableName& name) const {
    auto it = by_name_.find(std::pair<std::string, metadata::TableName>(std::string(source), name));
    return it == by_name_.end() ? nullptr : it->second;
}

const TableInfo* RoleSchema::tracked_table(std::string_view source,
                                           const metadata::TableName& name) const {
    return tracked_ ? tracked_->table(source, name) : table(source, name);
}

std::shared_ptr<const RoleSchema> Snapshot::for_role(std::string_view role,
                                                     bool backend_only) const {
    if (backend_only) {
        auto b = backend_roles_.find(role);
        if (b != backend_roles_.end()) return b->second;
    }
    auto it = roles_.find(role);
    return it == roles_.end() ? nullptr : it->second;
}

std::shared_ptr<const RoleSchema> Snapshot::for_role_or_empty(std::string_view role,
                                                              bool backend_only) const {
    auto found = for_role(role, backend_only);
    return found ? found : empty_;
}

}  // namespace ward::engine::schema
