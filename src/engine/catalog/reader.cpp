#include "engine/catalog/reader.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <utility>

#include "core/json.hpp"

namespace ward::engine::catalog {
namespace {

using TableKey = std::pair<std::string, std::string>;

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

core::Error as_error(const sql::DbError& e) { return static_cast<const core::Error&>(e); }

// ---- SQLite ----

// One column as PRAGMA table_xinfo reports it.
struct SqliteColumn {
    Column column;
    int pk_index = 0;  // 1-based position in the primary key, 0 when not part of it
};

sql::Task<core::Result<Catalog>> read_sqlite(sql::Database& db) {
    auto listed = co_await db.query(
        "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE "
        "'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'ward\\_%' ESCAPE '\\' ORDER BY name");
    if (!listed) co_return as_error(listed.error());

    std::vector<Table> tables;
    // Foreign keys that name no referenced columns point at the referenced table's primary key,
    // known only once every table has been read.
    std::vector<std::pair<std::size_t, std::size_t>> unresolved;  // (table, fk)
    for (const auto row : *listed) {
        auto name = row.get<std::string>(0);
        auto kind = row.get<std::string>(1);
        if (!name || !kind) co_return core::Error::internal("sqlite_master: unexpected row");
        Table table;
        table.name = metadata::TableName{.schema = "public", .name = *name};
        table.is_view = *kind == "view";

        // Columns (table_xinfo also lists generated columns; hidden 2/3 = generated).
        sql::Params p{*name};
        auto cols = co_await db.query(
            "SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden FROM "
            "pragma_table_xinfo($1) ORDER BY cid",
            p);
        if (!cols) co_return as_error(cols.error());
        std::vector<SqliteColumn> columns;
        for (const auto c : *cols) {
            auto hidden = c.get<std::int64_t>(6);
            if (hidden && *hidden == 1) continue;  // hidden columns of virtual tables
            SqliteColumn sc;
            sc.column.name = c.get<std::string>(1).value_or("");
            sc.column.db_type = trim(c.get<std::string>(2).value_or(""));
            sc.column.scalar = scalar_from_sqlite(sc.column.db_type);
            sc.column.nullable = c.get<std::int64_t>(3).value_or(0) == 0;
            sc.column.has_default = !c.is_null(4);
            sc.column.is_generated = hidden && (*hidden == 2 || *hidden == 3);
            sc.pk_index = static_cast<int>(c.get<std::int64_t>(5).value_or(0));
            sc.column.position = static_cast<int>(columns.size()) + 1;
            columns.push_back(std::move(sc));
        }
        std::vector<const SqliteColumn*> pk;
        for (const auto& sc : columns) {
            if (sc.pk_index > 0) pk.push_back(&sc);
        }
        std::sort(pk.begin(), pk.end(), [](const SqliteColumn* a, const SqliteColumn* b) {
            return a->pk_index < b->pk_index;
        });
        for (const auto* sc : pk) table.primary_key.push_back(sc->column.name);
        for (auto& sc : columns) {
            if (sc.pk_index > 0) {
                // Key columns are NOT NULL, as PostgreSQL makes them; an INTEGER PRIMARY KEY
                // is the rowid, which SQLite fills in when omitted.
                sc.column.nullable = false;
                if (pk.size() == 1 && upper(sc.column.db_type) == "INTEGER") {
                    sc.column.has_default = true;
                }
            }
            table.columns.push_back(std::move(sc.column));
        }
        if (!table.primary_key.empty()) table.primary_key_constraint = *name + "_pkey";

        if (!table.is_view) {
            // Foreign keys, one row per column pair, grouped by id.
            auto fks = co_await db.query(
                "SELECT id, seq, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list($1) "
                "ORDER BY id, seq",
                p);
            if (!fks) co_return as_error(fks.error());
            std::int64_t current = -1;
            for (const auto f : *fks) {
                auto id = f.get<std::int64_t>(0).value_or(0);
                if (id != current) {
                    current = id;
                    table.foreign_keys.push_back(ForeignKey{
                        .ref_table = metadata::TableName{
                            .schema = "public", .name = f.get<std::string>(2).value_or("")}});
                }
                auto& fk = table.foreign_keys.back();
                fk.columns.push_back(f.get<std::string>(3).value_or(""));
                if (!f.is_null(4)) fk.ref_columns.push_back(f.get<std::string>(4).value_or(""));
            }
            for (std::size_t i = 0; i < table.foreign_keys.size(); ++i) {
                auto& fk = table.foreign_keys[i];
                // PostgreSQL's default name: <table>_<columns>_fkey.
                fk.constraint_name = *name;
                for (const auto& c : fk.columns) fk.constraint_name += "_" + c;
                fk.constraint_name += "_fkey";
                if (fk.ref_columns.size() != fk.columns.size()) {
                    fk.ref_columns.clear();
                    unresolved.emplace_back(tables.size(), i);
                }
            }

            // Unique constraints: UNIQUE column constraints and unique indexes.
            auto idx = co_await db.query(
                "SELECT name, \"unique\", origin, partial FROM pragma_index_list($1) ORDER BY "
                "seq DESC",
                p);
            if (!idx) co_return as_error(idx.error());
            for (const auto ix : *idx) {
                if (ix.get<std::int64_t>(1).value_or(0) != 1) continue;
                if (ix.get<std::string>(2).value_or("") == "pk") continue;
                if (ix.get<std::int64_t>(3).value_or(0) != 0) continue;
                auto index_name = ix.get<std::string>(0).value_or("");
                sql::Params ip{index_name};
                auto info =
                    co_await db.query("SELECT name FROM pragma_index_info($1) ORDER BY seqno", ip);
                if (!info) co_return as_error(info.error());
                UniqueConstraint u;
                for (const auto ic : *info) {
                    if (ic.is_null(0)) {  // an expression index is no column constraint
                        u.columns.clear();
                        break;
                    }
                    u.columns.push_back(ic.get<std::string>(0).value_or(""));
                }
                if (u.columns.empty()) continue;
                if (index_name.starts_with("sqlite_autoindex_")) {
                    u.name = *name;
                    for (const auto& c : u.columns) u.name += "_" + c;
                    u.name += "_key";
                } else {
                    u.name = index_name;
                }
                table.unique_constraints.push_back(std::move(u));
            }
        }
        tables.push_back(std::move(table));
    }

    for (const auto& [ti, fi] : unresolved) {
        auto& fk = tables[ti].foreign_keys[fi];
        for (const auto& t : tables) {
            if (t.name == fk.ref_table) fk.ref_columns = t.primary_key;
        }
        if (fk.ref_columns.size() != fk.columns.size()) fk.ref_columns = fk.columns;
    }
    co_return Catalog(std::move(tables));
}

// ---- PostgreSQL ----

constexpr std::string_view kPgUserRelations =
    "n.nspname NOT IN ('pg_catalog', 'information_schema', 'hdb_catalog') AND n.nspname NOT "
    "LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

core::Result<std::vector<std::string>> json_names(const sql::Row& row, std::size_t col) {
    auto text = row.get_optional<std::string>(col);
    if (!text) return as_error(text.error());
    std::vector<std::string> out;
    if (!*text) return out;
    auto parsed = core::parse_json(**text);
    if (!parsed || !parsed->is_array()) return core::Error::internal("bad column list");
    for (const auto& v : parsed->as_array()) {
        if (v.is_string()) out.emplace_back(v.as_string());
    }
    return out;
}

sql::Task<core::Result<Catalog>> read_postgres(sql::Database& db) {
    std::string rel_sql =
        "SELECT n.nspname, c.relname, c.relkind::text FROM pg_catalog.pg_class c JOIN "
        "pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'v', 'm', "
        "'p', 'f') AND ";
    rel_sql += kPgUserRelations;
    rel_sql += " ORDER BY 1, 2";
    auto rels = co_await db.query(rel_sql);
    if (!rels) co_return as_error(rels.error());

    std::vector<Table> tables;
    std::map<TableKey, std::size_t> index;
    for (const auto row : *rels) {
        Table t;
        t.name.schema = row.get<std::string>(0).value_or("");
        t.name.name = row.get<std::string>(1).value_or("");
        auto kind = row.get<std::string>(2).value_or("r");
        t.is_view = kind == "v" || kind == "m";
        index.emplace(TableKey{t.name.schema, t.name.name}, tables.size());
        tables.push_back(std::move(t));
    }

    std::string col_sql =
        "SELECT n.nspname, c.relname, a.attname, t.typname, a.attnotnull::text, (a.atthasdef "
        "OR a.attidentity <> '')::text, (a.attgenerated <> '')::text, a.attnum::text, "
        "t.typtype::text, coalesce(et.typname, '') FROM pg_catalog.pg_attribute a JOIN "
        "pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = "
        "c.relnamespace JOIN pg_catalog.pg_type t ON t.oid = a.atttypid LEFT JOIN "
        "pg_catalog.pg_type et ON et.oid = t.typelem AND t.typcategory = 'A' WHERE a.attnum > 0 "
        "AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'm', 'p', 'f') AND ";
    col_sql += kPgUserRelations;
    col_sql += " ORDER BY 1, 2, a.attnum";
    auto cols = co_await db.query(col_sql);
    if (!cols) co_return as_error(cols.error());
    for (const auto row : *cols) {
        auto it = index.find(
            TableKey{row.get<std::string>(0).value_or(""), row.get<std::string>(1).value_or("")});
        if (it == index.end()) continue;
        Table& t = tables[it->second];
        Column c;
        c.name = row.get<std::string>(2).value_or("");
        c.db_type = row.get<std::string>(3).value_or("");
        // Domains and enums keep their own name (kOther); plain types map by name.
        c.scalar = scalar_from_postgres(c.db_type);
        c.nullable = !row.get<bool>(4).value_or(false);
        c.has_default = row.get<bool>(5).value_or(false);
        c.is_generated = row.get<bool>(6).value_or(false);
        if (c.is_generated) c.has_default = false;
        c.position = static_cast<int>(t.columns.size()) + 1;
        t.columns.push_back(std::move(c));
    }

    std::string con_sql =
        "SELECT n.nspname, c.relname, con.conname, con.contype::text, "
        "array_to_json(ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS "
        "k(attnum, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND "
        "a.attnum = k.attnum ORDER BY k.ord))::text, rn.nspname, rc.relname, "
        "array_to_json(ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS "
        "k(attnum, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND "
        "a.attnum = k.attnum ORDER BY k.ord))::text FROM pg_catalog.pg_constraint con JOIN "
        "pg_catalog.pg_class c ON c.oid = con.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = "
        "c.relnamespace LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid LEFT JOIN "
        "pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace WHERE con.contype IN ('p', "
        "'u', 'f') AND ";
    con_sql += kPgUserRelations;
    con_sql += " ORDER BY 1, 2, 3";
    auto cons = co_await db.query(con_sql);
    if (!cons) co_return as_error(cons.error());
    for (const auto row : *cons) {
        auto it = index.find(
            TableKey{row.get<std::string>(0).value_or(""), row.get<std::string>(1).value_or("")});
        if (it == index.end()) continue;
        Table& t = tables[it->second];
        auto name = row.get<std::string>(2).value_or("");
        auto type = row.get<std::string>(3).value_or("");
        auto columns = json_names(row, 4);
        if (!columns) co_return columns.error();
        if (type == "p") {
            t.primary_key = std::move(*columns);
            t.primary_key_constraint = std::move(name);
        } else if (type == "u") {
            t.unique_constraints.push_back(
                UniqueConstraint{.name = std::move(name), .columns = std::move(*columns)});
        } else {
            auto ref = json_names(row, 7);
            if (!ref) co_return ref.error();
            t.foreign_keys.push_back(ForeignKey{
                .constraint_name = std::move(name),
                .columns = std::move(*columns),
                .ref_table = metadata::TableName{.schema = row.get<std::string>(5).value_or(""),
                                                 .name = row.get<std::string>(6).value_or("")},
                .ref_columns = std::move(*ref)});
        }
    }
    co_return Catalog(std::move(tables));
}

}  // namespace

sql::Task<core::Result<Catalog>> read_catalog(sql::Database& db) {
    if (db.dialect() == sql::Dialect::kPostgres) co_return co_await read_postgres(db);
    co_return co_await read_sqlite(db);
}

ScalarType scalar_from_postgres(std::string_view type_name) {
    static const std::map<std::string_view, ScalarType, std::less<>> kTypes = {
        {"int4", ScalarType::kInt},
        {"int8", ScalarType::kBigint},
        {"int2", ScalarType::kSmallint},
        {"float8", ScalarType::kFloat},
        {"float4", ScalarType::kFloat4},
        {"numeric", ScalarType::kNumeric},
        {"text", ScalarType::kString},
        {"varchar", ScalarType::kVarchar},
        {"bpchar", ScalarType::kBpchar},
        {"bool", ScalarType::kBoolean},
        {"json", ScalarType::kJson},
        {"jsonb", ScalarType::kJsonb},
        {"uuid", ScalarType::kUuid},
        {"date", ScalarType::kDate},
        {"time", ScalarType::kTime},
        {"timetz", ScalarType::kTimetz},
        {"timestamp", ScalarType::kTimestamp},
        {"timestamptz", ScalarType::kTimestamptz},
        {"bytea", ScalarType::kBytea},
    };
    auto it = kTypes.find(type_name);
    return it == kTypes.end() ? ScalarType::kOther : it->second;
}

ScalarType scalar_from_sqlite(std::string_view declared_type) {
    std::string t = upper(trim(declared_type));
    if (auto paren = t.find('('); paren != std::string::npos) t = trim(t.substr(0, paren));
    // Collapse inner runs of spaces ("DOUBLE  PRECISION").
    std::string norm;
    for (char c : t) {
        if (c == ' ' && !norm.empty() && norm.back() == ' ') continue;
        norm += c;
    }
    static const std::map<std::string_view, ScalarType, std::less<>> kNames = {
        {"INT", ScalarType::kInt},
        {"INTEGER", ScalarType::kInt},
        {"INT4", ScalarType::kInt},
        {"MEDIUMINT", ScalarType::kInt},
        {"SERIAL", ScalarType::kInt},
        {"BIGINT", ScalarType::kBigint},
        {"INT8", ScalarType::kBigint},
        {"BIGSERIAL", ScalarType::kBigint},
        {"UNSIGNED BIG INT", ScalarType::kBigint},
        {"SMALLINT", ScalarType::kSmallint},
        {"INT2", ScalarType::kSmallint},
        {"TINYINT", ScalarType::kSmallint},
        {"REAL", ScalarType::kFloat},
        {"DOUBLE", ScalarType::kFloat},
        {"DOUBLE PRECISION", ScalarType::kFloat},
        {"FLOAT", ScalarType::kFloat},
        {"FLOAT8", ScalarType::kFloat},
        {"FLOAT4", ScalarType::kFloat4},
        {"NUMERIC", ScalarType::kNumeric},
        {"DECIMAL", ScalarType::kNumeric},
        {"TEXT", ScalarType::kString},
        {"CLOB", ScalarType::kString},
        {"VARCHAR", ScalarType::kVarchar},
        {"CHARACTER VARYING", ScalarType::kVarchar},
        {"NVARCHAR", ScalarType::kVarchar},
        {"VARYING CHARACTER", ScalarType::kVarchar},
        {"NATIVE CHARACTER", ScalarType::kBpchar},
        {"CHAR", ScalarType::kBpchar},
        {"CHARACTER", ScalarType::kBpchar},
        {"NCHAR", ScalarType::kBpchar},
        {"BPCHAR", ScalarType::kBpchar},
        {"BOOLEAN", ScalarType::kBoolean},
        {"BOOL", ScalarType::kBoolean},
        {"JSON", ScalarType::kJson},
        {"JSONB", ScalarType::kJsonb},
        {"UUID", ScalarType::kUuid},
        {"DATE", ScalarType::kDate},
        {"TIME", ScalarType::kTime},
        {"TIMETZ", ScalarType::kTimetz},
        {"TIME WITH TIME ZONE", ScalarType::kTimetz},
        {"TIMESTAMP", ScalarType::kTimestamp},
        {"DATETIME", ScalarType::kTimestamp},
        {"TIMESTAMP WITHOUT TIME ZONE", ScalarType::kTimestamp},
        {"TIMESTAMPTZ", ScalarType::kTimestamptz},
        {"TIMESTAMP WITH TIME ZONE", ScalarType::kTimestamptz},
        {"BLOB", ScalarType::kBytea},
        {"BYTEA", ScalarType::kBytea},
    };
    if (auto it = kNames.find(norm); it != kNames.end()) return it->second;
    if (norm.empty()) return ScalarType::kOther;  // no declared type: BLOB affinity, any value
    // SQLite's affinity rules, in their order.
    if (norm.find("INT") != std::string::npos) return ScalarType::kInt;
    if (norm.find("CHAR") != std::string::npos || norm.find("CLOB") != std::string::npos ||
        norm.find("TEXT") != std::string::npos) {
        return ScalarType::kString;
    }
    if (norm.find("BLOB") != std::string::npos) return ScalarType::kBytea;
    if (norm.find("REAL") != std::string::npos || norm.find("FLOA") != std::string::npos ||
        norm.find("DOUB") != std::string::npos) {
        return ScalarType::kFloat;
    }
    return ScalarType::kNumeric;
}

}  // namespace ward::engine::catalog
