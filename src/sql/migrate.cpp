#include "sql/migrate.hpp"

namespace ward::sql {
namespace {

// One key for all of Ward's migrators: 'ward' in ASCII.
constexpr std::string_view kLockSql = "SELECT pg_advisory_xact_lock(2002874980)";

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS ward_schema_version ("
    "component TEXT PRIMARY KEY, version BIGINT NOT NULL)";

constexpr std::string_view kSelectVersion =
    "SELECT version FROM ward_schema_version WHERE component = $1";

constexpr std::string_view kUpsertVersion =
    "INSERT INTO ward_schema_version (component, version) VALUES ($1, $2) "
    "ON CONFLICT (component) DO UPDATE SET version = excluded.version";

// Takes the migration lock (PostgreSQL) and reads the version inside `tx`.
Task<DbResult<std::int64_t>> locked_version(Transaction& tx, std::string_view component) {
    if (tx.dialect() == Dialect::kPostgres) {
        auto locked = co_await tx.query(kLockSql);
        if (!locked) co_return std::move(locked).error();
    }
    auto created = co_await tx.query(kCreateTable);
    if (!created) co_return std::move(created).error();
    // Named, not a braced temporary: g++ 12 miscompiles initializer lists in co_await operands.
    Params params{std::string(component)};
    auto rs = co_await tx.query(kSelectVersion, params);
    if (!rs) co_return std::move(rs).error();
    if (rs->empty()) co_return std::int64_t{0};
    co_return rs->row(0).get<std::int64_t>(0);
}

}  // namespace

Task<DbResult<std::int64_t>> schema_version(Database& db, std::string_view component) {
    auto tx = co_await db.begin();
    if (!tx) co_return std::move(tx).error();
    auto v = co_await locked_version(*tx, component);
    if (!v) co_return v;
    auto done = co_await tx->commit();
    if (!done) co_return std::move(done).error();
    co_return v;
}

Task<DbResult<std::int64_t>> migrate(Database& db, std::string_view component,
                                     std::span<const Migration> migrations) {
    if (component.empty())
        co_return DbError(DbErrorKind::kInvalidParameter, "22023",
                          "a migration component needs a name");
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        if (migrations[i].version <= 0 ||
            (i > 0 && migrations[i].version <= migrations[i - 1].version))
            co_return DbError(DbErrorKind::kInvalidParameter, "22023",
                              "migration versions of \"" + std::string(component) +
                                  "\" must be positive and strictly increasing");
    }
    std::int64_t reached = 0;
    {
        auto v = co_await schema_version(db, component);
        if (!v) co_return v;
        reached = *v;
    }
    for (const Migration& m : migrations) {
        if (m.version <= reached) continue;
        auto tx = co_await db.begin();
        if (!tx) co_return std::move(tx).error();
        // Re-read under the lock: another process may have migrated meanwhile.
        auto current = co_await locked_version(*tx, component);
        if (!current) co_return current;
        if (*current >= m.version) {
            reached = *current;
            auto done = co_await tx->commit();
            if (!done) co_return std::move(done).error();
            continue;
        }
        const std::string& script = db.dialect() == Dialect::kPostgres ? m.postgres : m.sqlite;
        if (!script.empty()) {
            auto applied = co_await tx->execute_script(script);
            if (!applied) {
                const DbError& e = applied.error();
                co_return DbError(e.reason(), e.sqlstate(),
                                  "migration " + std::string(component) + " v" +
                                      std::to_string(m.version) + " failed: " + e.message(),
                                  e.constraint(), e.detail());
            }
        }
        Params params{std::string(component), m.version};
        auto stored = co_await tx->query(kUpsertVersion, params);
        if (!stored) co_return std::move(stored).error();
        auto done = co_await tx->commit();
        if (!done) co_return std::move(done).error();
        reached = m.version;
    }
    co_return reached;
}

}  // namespace ward::sql
