#include "idp/store/store.hpp"

#include <algorithm>
#include <functional>
#include <iterator>
#include <mutex>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/json.hpp"
#include "idp/model/fields.hpp"
#include "idp/model/id.hpp"
#include "idp/model/role_expansion.hpp"
#include "idp/store/detail/schema.hpp"
#include "jose/jws.hpp"
#include "sql/migrate.hpp"

namespace ward::idp::store {

namespace {

namespace json = core::json;
using detail::ColumnKind;
using detail::quote_ident;
using detail::TableSpec;

core::Error db_error(const sql::DbError& e) {
    if (e.reason() == sql::DbErrorKind::kUniqueViolation) {
        return core::Error::already_exists(e.message(), "already-exists");
    }
    if (e.is_unavailable() || e.reason() == sql::DbErrorKind::kPoolTimeout) {
        return core::Error::unavailable("database error: " + e.message(), "database-error");
    }
    return core::Error::internal("database error: " + e.message(), "database-error");
}

template <typename T>
core::Result<T> from_db(sql::DbResult<T> r) {
    if (!r) return db_error(r.error());
    return std::move(r).value();
}

core::Error not_found(std::string what) {
    return core::Error::not_found(std::move(what), "not-found");
}

sql::Value to_sql(const json::value& v, ColumnKind kind) {
    switch (kind) {
        case ColumnKind::kText:
            if (v.is_string()) return std::string(v.get_string());
            return std::string();
        case ColumnKind::kBool:
            return v.is_bool() ? v.get_bool() : false;
        case ColumnKind::kInt:
            if (v.is_int64()) return v.get_int64();
            if (v.is_uint64()) return static_cast<std::int64_t>(v.get_uint64());
            return std::int64_t{0};
        case ColumnKind::kDouble:
            if (v.is_double()) return v.get_double();
            if (v.is_int64()) return static_cast<double>(v.get_int64());
            return 0.0;
        case ColumnKind::kJson:
            return core::to_json(v);
    }
    return nullptr;
}

// One cell back to the JSON value the model's codec reads.
core::Result<json::value> from_sql(const sql::Value& v, ColumnKind kind) {
    if (v.is_null()) return json::value(nullptr);
    switch (kind) {
        case ColumnKind::kText: {
            auto s = sql::value_as<std::string>(v);
            if (!s) return db_error(s.error());
            return json::value(json::string(*s));
        }
        case ColumnKind::kBool: {
            auto b = sql::value_as<bool>(v);
            if (!b) return db_error(b.error());
            return json::value(*b);
        }
        case ColumnKind::kInt: {
            auto i = sql::value_as<std::int64_t>(v);
            if (!i) return db_error(i.error());
            return json::value(*i);
        }
        case ColumnKind::kDouble: {
            auto d = sql::value_as<double>(v);
            if (!d) return db_error(d.error());
            return json::value(*d);
        }
        case ColumnKind::kJson: {
            auto s = sql::value_as<std::string>(v);
            if (!s) return db_error(s.error());
            auto parsed = core::parse_json(*s);
            // A hand-edited cell that is not JSON reads as null (the default) rather than
            // making the whole object unreadable.
            if (!parsed) return json::value(nullptr);
            return std::move(parsed).value();
        }
    }
    return json::value(nullptr);
}

template <typename T>
core::Result<T> decode_row(const TableSpec& spec, const sql::Row& row, std::size_t first = 0) {
    json::object obj;
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
        auto v = from_sql(row.value(first + i), spec.columns[i].kind);
        if (!v) return std::move(v).error();
        obj[spec.columns[i].key] = std::move(v).value();
    }
    auto decoded = model::from_json<T>(json::value(std::move(obj)));
    if (!decoded) {
        return core::Error::internal("stored row does not decode: " + decoded.error().message(),
                                     "database-error");
    }
    if constexpr (std::is_same_v<T, model::Token>) {
        // A minted token's row keeps no hash (see token_by_access_token): it is still shown.
        auto& token = decoded.value();
        if (token.access_token_hash.empty() && !token.access_token.empty()) {
            token.access_token_hash = sha256_hex(token.access_token);
        }
    }
    return std::move(decoded).value();
}

template <typename T>
core::Result<std::vector<T>> decode_rows(const TableSpec& spec, const sql::ResultSet& rs) {
    std::vector<T> out;
    out.reserve(rs.size());
    for (auto row : rs) {
        auto v = decode_row<T>(spec, row);
        if (!v) return std::move(v).error();
        out.push_back(std::move(v).value());
    }
    return out;
}

std::string placeholder(std::size_t n) { return "$" + std::to_string(n); }

std::string select_sql(const TableSpec& spec, std::string_view where) {
    std::string sql = "SELECT " + spec.column_list + " FROM " + quote_ident(spec.table);
    if (!where.empty()) {
        sql += " WHERE ";
        sql += where;
    }
    return sql;
}

template <typename T>
const TableSpec& spec_of() {
    return detail::table_spec(detail::TableTraits<T>::kKind);
}

// The object's stored columns as parameters, in TableSpec order.
template <typename T>
sql::Params object_params(const TableSpec& spec, const T& obj) {
    json::object encoded = model::to_json(obj);
    sql::Params params;
    params.reserve(spec.columns.size());
    for (const auto& c : spec.columns) {
        const json::value* v = encoded.if_contains(c.key);
        params.push_back(to_sql(v ? *v : json::value(nullptr), c.kind));
    }
    return params;
}

std::string insert_sql(const TableSpec& spec, std::string_view extra_columns = {},
                       std::size_t extra_count = 0) {
    std::string sql = "INSERT INTO " + quote_ident(spec.table) + " (" + spec.column_list;
    if (!extra_columns.empty()) {
        sql += ", ";
        sql += extra_columns;
    }
    sql += ") VALUES (";
    for (std::size_t i = 1; i <= spec.columns.size() + extra_count; ++i) {
        if (i > 1) sql += ", ";
        sql += placeholder(i);
    }
    sql += ")";
    return sql;
}

// Where clause and parameters of a ListQuery (without ORDER/LIMIT).
struct Filter {
    std::string where;
    sql::Params params;
};

core::Result<Filter> build_filter(model::ObjectKind kind, const TableSpec& spec,
                                  const ListQuery& q) {
    Filter f;
    auto add = [&](std::string clause, sql::Value v) {
        f.params.push_back(std::move(v));
        if (!f.where.empty()) f.where += " AND ";
        std::string::size_type at;
        while ((at = clause.find("$?")) != std::string::npos) {
            clause.replace(at, 2, placeholder(f.params.size()));
        }
        f.where += clause;
    };
    if (!q.owner.empty()) {
        if (q.or_admin_owner) {
            add("(\"owner\" = $? OR \"owner\" = 'admin')", q.owner);
        } else {
            add("\"owner\" = $?", q.owner);
        }
    }
    if (!q.organization.empty()) {
        auto col = model::column_for_field(kind, "organization");
        if (!col) return std::move(col).error();
        add(quote_ident(*col) + " = $?", q.organization);
    }
    if (!q.group.empty()) {
        if (kind != model::ObjectKind::kUser) {
            return core::Error::invalid_argument("groupName applies to users only",
                                                 "invalid-field");
        }
        // `groups` is a JSON array of strings: match the quoted element exactly.
        add("\"groups\" LIKE $? ESCAPE '\\'",
            "%" + detail::like_escape(core::quote_json(q.group)) + "%");
    }
    if (!q.field.empty()) {
        auto col = model::column_for_field(kind, q.field);
        if (!col) return std::move(col).error();
        if (!q.value.empty()) {
            auto index = spec.index_of(*col);
            if (index && spec.columns[*index].kind == ColumnKind::kBool) {
                // Casdoor's MySQL stores a bool as 0/1, so `value=1` finds the true rows.
                // Compare as a bool here: PostgreSQL's text of a boolean is 'true'.
                const std::string& v = q.value;
                if (v == "1" || v == "true") {
                    add(quote_ident(*col) + " = $?", true);
                } else if (v == "0" || v == "false") {
                    add(quote_ident(*col) + " = $?", false);
                } else {
                    if (!f.where.empty()) f.where += " AND ";
                    f.where += "1 = 0";  // no bool is "yes"
                }
            } else {
                add("CAST(" + quote_ident(*col) + " AS TEXT) LIKE $?", "%" + q.value + "%");
            }
        }
    }
    return f;
}

core::Result<std::int64_t> single_int(const sql::ResultSet& rs) {
    if (rs.empty()) return core::Error::internal("expected one row", "database-error");
    return from_db(rs.row(0).get<std::int64_t>(0));
}

template <typename T>
std::string where_key() {
    return "\"owner\" = $1 AND \"name\" = $2";
}

Task<sql::DbResult<sql::ResultSet>> insert_token(sql::Transaction* tx, sql::Database& db,
                                                 const model::Token& token,
                                                 const TokenIssue& issue);

}  // namespace

Store::Store(std::shared_ptr<sql::Database> db, std::shared_ptr<core::Clock> clock,
             std::shared_ptr<core::Random> random)
    : db_(std::move(db)),
      clock_(std::move(clock)),
      random_(std::move(random)),
      tokens_(std::make_shared<detail::TokenWriter>(db_)) {}

std::string Store::now_text() const { return core::format_casdoor_time(clock_->now()); }

Task<core::Status> Store::migrate() {
    auto migrations = detail::migrations();
    auto r = co_await sql::migrate(*db_, "idp", migrations);
    if (!r) co_return db_error(r.error());
    co_return core::ok();
}

// ---- generic CRUD ----

template <StoredObject T>
Task<core::Result<T>> Store::get(std::string_view owner, std::string_view name) {
    const auto& spec = spec_of<T>();
    std::string sql = select_sql(spec, where_key<T>()) + " LIMIT 1";
    sql::Params params{std::string(owner), std::string(name)};
    auto rs = co_await db_->query(sql, params);
    if (!rs) co_return db_error(rs.error());
    if (rs->empty()) {
        co_return not_found("The " + std::string(spec.label) + ": " +
                            model::format_id(owner, name) + " doesn't exist");
    }
    co_return decode_row<T>(spec, rs->row(0));
}

template <StoredObject T>
Task<core::Result<Page<T>>> Store::list(const ListQuery& query) {
    const auto& spec = spec_of<T>();
    auto filter = build_filter(detail::TableTraits<T>::kKind, spec, query);
    if (!filter) co_return std::move(filter).error();
    std::string sort_column = "created_time";
    if (!query.sort_field.empty()) {
        auto col = model::column_for_field(detail::TableTraits<T>::kKind, query.sort_field);
        if (!col) co_return std::move(col).error();
        sort_column = std::move(col).value();
    }
    std::string direction;
    if (query.sort_order == "ascend") {
        direction = "ASC";
    } else if (query.sort_order.empty() || query.sort_order == "descend") {
        direction = "DESC";
    } else {
        co_return core::Error::invalid_argument("sortOrder must be ascend or descend, got: " +
                                                query.sort_order);
    }
    bool paged = query.page.has_value() && query.page_size.has_value();
    if (paged && (*query.page < 1 || *query.page_size < 1)) {
        co_return core::Error::invalid_argument("p and pageSize must be positive integers");
    }
    std::string sql = select_sql(spec, filter->where);
    sql +=
        " ORDER BY " + quote_ident(sort_column) + " " + direction + ", \"owner\" ASC, \"name\" ASC";
    sql::Params params = filter->params;
    if (paged) {
        // Bounded so that OFFSET never overflows int64.
        std::int64_t size = std::min<std::int64_t>(*query.page_size, 1'000'000);
        std::int64_t page = std::min<std::int64_t>(*query.page, 1'000'000'000);
        params.push_back(size);
        sql += " LIMIT " + placeholder(params.size());
        params.push_back((page - 1) * size);
        sql += " OFFSET " + placeholder(params.size());
    }
    auto rs = co_await db_->query(sql, params);
    if (!rs) co_return db_error(rs.error());
    auto items = decode_rows<T>(spec, *rs);
    if (!items) co_return std::move(items).error();
    Page<T> page;
    page.items = std::move(items).value();
    if (paged) {
        std::string count_sql = "SELECT COUNT(*) FROM " + quote_ident(spec.table);
        if (!filter->where.empty()) count_sql += " WHERE " + filter->where;
        auto n = co_await db_->query(count_sql, filter->params);
        if (!n) co_return db_error(n.error());
        auto total = single_int(*n);
        if (!total) co_return std::move(total).error();
        page.total = *total;
    } else {
        page.total = static_cast<std::int64_t>(page.items.size());
    }
    co_return page;
}

template <StoredObject T>
Task<core::Result<std::int64_t>> Store::count(const ListQuery& query) {
    const auto& spec = spec_of<T>();
    auto filter = build_filter(detail::TableTraits<T>::kKind, spec, query);
    if (!filter) co_return std::move(filter).error();
    std::string sql = "SELECT COUNT(*) FROM " + quote_ident(spec.table);
    if (!filter->where.empty()) sql += " WHERE " + filter->where;
    auto rs = co_await db_->query(sql, filter->params);
    if (!rs) co_return db_error(rs.error());
    co_return single_int(*rs);
}

template <StoredObject T>
Task<core::Status> Store::add(const T& obj) {
    if constexpr (std::is_same_v<T, model::Token>) {
        TokenIssue issue;
        auto r = co_await add_token(obj, issue);
        co_return r;
    } else {
        if (obj.owner.empty() || obj.name.empty()) {
            co_return core::Error::invalid_argument("owner and name must not be empty");
        }
        const auto& spec = spec_of<T>();
        T copy = obj;
        if (copy.created_time.empty()) copy.created_time = now_text();
        auto rs = co_await db_->query(insert_sql(spec), object_params(spec, copy));
        if (!rs) co_return db_error(rs.error());
        local_writes_.fetch_add(1, std::memory_order_release);
        co_return core::ok();
    }
}

template <StoredObject T>
Task<core::Status> Store::add(sql::Transaction& tx, const T& obj) {
    if (obj.owner.empty() || obj.name.empty()) {
        co_return core::Error::invalid_argument("owner and name must not be empty");
    }
    T copy = obj;
    if (copy.created_time.empty()) copy.created_time = now_text();
    if constexpr (std::is_same_v<T, model::Token>) {
        TokenIssue issue;
        auto rs = co_await insert_token(&tx, *db_, copy, issue);
        if (!rs) co_return db_error(rs.error());
    } else {
        const auto& spec = spec_of<T>();
        std::string sql = insert_sql(spec);
        sql::Params params = object_params(spec, copy);
        auto rs = co_await tx.query(sql, params);
        if (!rs) co_return db_error(rs.error());
    }
    local_writes_.fetch_add(1, std::memory_order_release);
    co_return core::ok();
}

template <StoredObject T>
Task<core::Status> Store::update(std::string_view owner, std::string_view name, const T& obj,
                                 std::span<const std::string> columns) {
    const auto& spec = spec_of<T>();
    if (obj.owner.empty() || obj.name.empty()) {
        co_return core::Error::invalid_argument("owner and name must not be empty");
    }
    sql::Params all;
    if constexpr (std::is_same_v<T, model::Token>) {
        model::Token stored = obj;
        stored.refresh_token.clear();  // C11: only the hash is kept
        all = object_params(spec, stored);
    } else {
        all = object_params(spec, obj);
    }
    sql::Params params;
    std::string sets;
    auto set_column = [&](std::size_t index) {
        params.push_back(all[index]);
        if (!sets.empty()) sets += ", ";
        sets += quote_ident(spec.columns[index].column) + " = " + placeholder(params.size());
    };
    if (columns.empty()) {
        for (std::size_t i = 0; i < spec.columns.size(); ++i) set_column(i);
    } else {
        for (const auto& c : columns) {
            auto col = model::column_for_field(detail::TableTraits<T>::kKind, c);
            if (!col) co_return std::move(col).error();
            auto index = spec.index_of(*col);
            if (!index) {
                co_return core::Error::invalid_argument("not a stored field: " + c,
                                                        "invalid-field");
            }
            set_column(*index);
        }
    }
    params.push_back(std::string(owner));
    std::string sql = "UPDATE " + quote_ident(spec.table) + " SET " + sets +
                      " WHERE \"owner\" = " + placeholder(params.size());
    params.push_back(std::string(name));
    sql += " AND \"name\" = " + placeholder(params.size());
    auto rs = co_await db_->query(sql, params);
    if (!rs) co_return db_error(rs.error());
    local_writes_.fetch_add(1, std::memory_order_release);
    if (rs->affected_rows() == 0) {
        co_return not_found("The " + std::string(spec.label) + ": " +
                            model::format_id(owner, name) + " doesn't exist");
    }
    co_return core::ok();
}

template <StoredObject T>
Task<core::Status> Store::remove(std::string_view owner, std::string_view name) {
    const auto& spec = spec_of<T>();
    std::string sql = "DELETE FROM " + quote_ident(spec.table) + " WHERE " + where_key<T>();
    sql::Params params{std::string(owner), std::string(name)};
    auto rs = co_await db_->query(sql, params);
    if (!rs) co_return db_error(rs.error());
    local_writes_.fetch_add(1, std::memory_order_release);
    if (rs->affected_rows() == 0) {
        co_return not_found("The " + std::string(spec.label) + ": " +
                            model::format_id(owner, name) + " doesn't exist");
    }
    co_return core::ok();
}

#define WARD_STORE_INSTANTIATE(T)                                                              \
    template Task<core::Result<T>> Store::get<T>(std::string_view, std::string_view);          \
    template Task<core::Result<Page<T>>> Store::list<T>(const ListQuery&);                     \
    template Task<core::Result<std::int64_t>> Store::count<T>(const ListQuery&);               \
    template Task<core::Status> Store::add<T>(const T&);                                       \
    template Task<core::Status> Store::add<T>(sql::Transaction&, const T&);                    \
    template Task<core::Status> Store::update<T>(std::string_view, std::string_view, const T&, \
                                                 std::span<const std::string>);                \
    template Task<core::Status> Store::remove<T>(std::string_view, std::string_view);

WARD_STORE_INSTANTIATE(model::Organization)
WARD_STORE_INSTANTIATE(model::Application)
WARD_STORE_INSTANTIATE(model::User)
WARD_STORE_INSTANTIATE(model::Role)
WARD_STORE_INSTANTIATE(model::Permission)
WARD_STORE_INSTANTIATE(model::Group)
WARD_STORE_INSTANTIATE(model::Cert)
WARD_STORE_INSTANTIATE(model::Token)
WARD_STORE_INSTANTIATE(model::Session)
#undef WARD_STORE_INSTANTIATE

// ---- lookups ----

namespace {

template <typename T>
Task<core::Result<T>> find_one(sql::Database& db, const std::string& where,
                               const sql::Params& params, const std::string& what) {
    const auto& spec = spec_of<T>();
    auto rs = co_await db.query(select_sql(spec, where) + " LIMIT 1", params);
    if (!rs) co_return db_error(rs.error());
    if (rs->empty()) co_return not_found(what);
    co_return decode_row<T>(spec, rs->row(0));
}

// The row of T whose `column` equals `key`; an empty key finds nothing. Errors: "not-found"
// (with `what`).
template <typename T>
Task<core::Result<T>> find_by(sql::Database& db, std::string_view column, std::string key,
                              std::string what) {
    if (key.empty()) co_return not_found(std::move(what));
    // The empty value is never looked up, and the indexes on these columns leave it out (a
    // partial index serves only a query that repeats its condition).
    const std::string quoted = quote_ident(std::string(column));
    const std::string where = quoted + " = $1 AND " + quoted + " <> ''";
    sql::Params params{std::move(key)};
    auto r = co_await find_one<T>(db, where, params, what);
    co_return r;
}

}  // namespace

Task<core::Result<ChangeMarks>> Store::change_marks() {
    static const std::string kSql = "SELECT \"tbl\", \"version\" FROM \"idp_change\"";
    const sql::Params none;
    auto rs = co_await db_->query(kSql, none);
    if (!rs) co_return db_error(rs.error());
    ChangeMarks marks;
    for (std::size_t i = 0; i < rs->size(); ++i) {
        auto row = rs->row(i);
        auto table = row.get<std::string>(0);
        auto version = row.get<std::int64_t>(1);
        if (!table || !version) continue;
        if (*table == "application") marks.application = *version;
        if (*table == "cert") marks.cert = *version;
        if (*table == "organization") marks.organization = *version;
    }
    co_return marks;
}

Task<core::Result<ChangeMarks>> Store::recent_change_marks(std::chrono::milliseconds max_age) {
    const auto now = clock_->now();
    const std::uint64_t local = local_writes();
    bool claimed = false;  // this call rereads the marks that aged
    {
        std::lock_guard lock(recent_mu_);
        if (recent_.valid && recent_.local_writes == local && now >= recent_.read_at) {
            if (now - recent_.read_at < max_age) co_return recent_.marks;
            // Aged only: one call reads them again while the others answer with the last read.
            if (recent_.refreshing) co_return recent_.marks;
            recent_.refreshing = claimed = true;
        }
    }
    auto marks = co_await change_marks();
    std::lock_guard lock(recent_mu_);
    if (claimed) recent_.refreshing = false;
    if (!marks) co_return std::move(marks).error();
    // Kept unless a concurrent reader already kept a read that is at least as new.
    if (!recent_.valid || local >= recent_.local_writes) {
        const bool refreshing = recent_.refreshing;
        recent_ = RecentMarks{*marks, now, local, true, refreshing};
    }
    co_return *marks;
}

Task<core::Result<model::Application>> Store::application_by_client_id(std::string_view client_id) {
    return find_by<model::Application>(*db_, "client_id", std::string(client_id),
                                       "The application does not exist");
}

Task<core::Result<model::User>> Store::user_by_id(std::string_view uuid) {
    return find_by<model::User>(*db_, "id", std::string(uuid), "The user doesn't exist");
}

Task<core::Result<model::User>> Store::user_by_login(std::string_view organization,
                                                     std::string_view login) {
    std::string what = "The user: " + model::format_id(organization, login) + " doesn't exist";
    if (organization.empty() || login.empty()) co_return not_found(what);
    for (std::string column : {"name", "email", "phone"}) {
        std::string where = "\"owner\" = $1 AND " + quote_ident(column) + " = $2";
        sql::Params params{std::string(organization), std::string(login)};
        auto r = co_await find_one<model::User>(*db_, where, params, what);
        if (r || r.error().kind() != core::ErrorKind::kNotFound) co_return r;
    }
    co_return not_found(what);
}

Task<core::Status> Store::fill_authz(model::User& user) {
    ListQuery q;
    q.owner = user.owner;
    auto roles = co_await list<model::Role>(q);
    if (!roles) co_return std::move(roles).error();
    auto permissions = co_await list<model::Permission>(q);
    if (!permissions) co_return std::move(permissions).error();
    std::string id = model::format_id(user.owner, user.name);
    user.roles = model::expand_user_roles(id, user.groups, roles->items);
    user.permissions =
        model::expand_user_permissions(id, user.groups, user.roles, permissions->items);
    co_return core::ok();
}

Task<core::Result<model::User>> Store::user_with_authz(std::string_view organization,
                                                       std::string_view name) {
    auto user = co_await get<model::User>(organization, name);
    if (!user) co_return user;
    auto filled = co_await fill_authz(*user);
    if (!filled) co_return std::move(filled).error();
    co_return user;
}

namespace {

// The row name a token minted here carries in its "jti" claim ("admin/<name>"), read from the
// unverified payload: the row found must hold exactly the presented token, so a forged claim
// finds nothing.
std::optional<std::string> minted_token_name(std::string_view token) {
    auto claims = jose::peek_payload(token);
    if (!claims) return std::nullopt;
    const auto* jti = claims->if_contains("jti");
    if (jti == nullptr || !jti->is_string()) return std::nullopt;
    std::string_view id = jti->get_string();
    constexpr std::string_view kPrefix = "admin/";
    if (!id.starts_with(kPrefix) || id.size() == kPrefix.size()) return std::nullopt;
    return std::string(id.substr(kPrefix.size()));
}

}  // namespace

Task<core::Result<model::Token>> Store::token_by_access_token(std::string_view access_token) {
    constexpr std::string_view kMissing = "Access token doesn't exist in database";
    if (access_token.empty()) co_return not_found(std::string(kMissing));
    // Minted tokens keep no hash in their row (issue #7: one random index entry per token was
    // half of the bytes the token endpoint wrote): they are found by the name in their jti.
    if (auto name = minted_token_name(access_token)) {
        auto row = co_await get<model::Token>(model::kAdminOwner, *name);
        if (row && row->access_token == access_token) co_return row;
        if (!row && row.error().kind() != core::ErrorKind::kNotFound) co_return row;
    }
    co_return co_await find_by<model::Token>(*db_, "access_token_hash", sha256_hex(access_token),
                                             std::string(kMissing));
}

Task<core::Result<model::Token>> Store::token_by_refresh_hash(std::string_view hash) {
    // Rows of tokens without a refresh token keep an empty hash: never a match.
    std::string key(hash);
    if (key.empty()) co_return not_found("Refresh token doesn't exist in database");
    co_return co_await find_by<model::Token>(*db_, "refresh_token_hash", std::move(key),
                                             "Refresh token doesn't exist in database");
}

Task<core::Result<model::Token>> Store::token_by_code(std::string_view code) {
    return find_by<model::Token>(*db_, "code", std::string(code),
                                 "The authorization code does not exist");
}

// ---- tokens ----

namespace {

constexpr std::string_view kTokenExtraColumns =
    "\"family\", \"refresh_used\", \"refresh_expires_at\"";

sql::Params token_params(model::Token token, const TokenIssue& issue) {
    const auto& spec = spec_of<model::Token>();
    token.refresh_token.clear();  // C11: only the hash is kept
    sql::Params params = object_params(spec, token);
    params.push_back(issue.family.empty() ? token.name : issue.family);
    params.push_back(false);
    params.push_back(issue.refresh_expires_at);
    return params;
}

constexpr std::size_t kTokenExtraCount = 3;

Task<sql::DbResult<sql::ResultSet>> insert_token(sql::Transaction* tx, sql::Database& db,
                                                 const model::Token& token,
                                                 const TokenIssue& issue) {
    const auto& spec = spec_of<model::Token>();
    sql::Params params = token_params(token, issue);
    std::string sql = insert_sql(spec, kTokenExtraColumns, kTokenExtraCount);
    if (tx) co_return co_await tx->query(sql, params);
    co_return co_await db.query(sql, params);
}

// INSERT of `rows` token rows in one statement ($1.. numbered row after row).
std::string insert_tokens_sql(std::size_t rows) {
    const auto& spec = spec_of<model::Token>();
    const std::size_t per_row = spec.columns.size() + kTokenExtraCount;
    std::string sql = "INSERT INTO " + quote_ident(spec.table) + " (" + spec.column_list + ", " +
                      std::string(kTokenExtraColumns) + ") VALUES ";
    sql.reserve(sql.size() + rows * per_row * 6);
    std::size_t n = 0;
    for (std::size_t r = 0; r < rows; ++r) {
        sql += r == 0 ? "(" : ", (";
        for (std::size_t c = 0; c < per_row; ++c) {
            if (c > 0) sql += ", ";
            sql += placeholder(++n);
        }
        sql += ")";
    }
    return sql;
}

}  // namespace

namespace detail {

// Group commit of token rows: concurrent add_token calls are written together, one INSERT of up to
// kMaxTokenBatch rows per database round trip, instead of one statement, one commit and one
// write of the same index pages per token. The first caller finding no write in flight starts a
// flusher on its executor that drains the queue; each caller resumes on its own executor with
// its own row's result. A batch that fails (one duplicate key) is retried row by row, so every
// caller gets exactly the answer a single insert would have given.
class TokenWriter : public std::enable_shared_from_this<TokenWriter> {
  public:
    // One batch can take every connection of wrk -c64; binding is linear in the parameters
    // since sql/sqlite maps each $N once per statement (23 columns x 64 rows is well under
    // both databases' parameter limits).
    static constexpr std::size_t kMaxTokenBatch = 64;

    explicit TokenWriter(std::shared_ptr<sql::Database> db) : db_(std::move(db)) {}

    Task<core::Status> insert(sql::Params row) {
        auto self = shared_from_this();
        auto initiation = [self](auto handler, sql::Params params) {
            auto executor = boost::asio::prefer(boost::asio::get_associated_executor(handler),
                                                boost::asio::execution::outstanding_work.tracked);
            boost::asio::any_io_executor on = executor;
            // Shared so the completion is copyable (std::function); it runs on the caller's
            // executor.
            using Handler = decltype(handler);
            auto shared = std::make_shared<Handler>(std::move(handler));
            Done done = [shared, executor](core::Status status) {
                boost::asio::post(executor, [shared, status = std::move(status)]() mutable {
                    std::move (*shared)(std::move(status));
                });
            };
            bool start = false;
            {
                std::lock_guard lock(self->mu_);
                self->queue_.push_back(Item{std::move(params), std::move(done)});
                start = !self->flushing_;
                self->flushing_ = true;
            }
            // The flusher runs on the executor of the caller that found no write in flight.
            if (start) boost::asio::co_spawn(on, self->flush(), boost::asio::detached);
        };
        co_return co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&,
                                                       void(core::Status)>(
            std::move(initiation), boost::asio::use_awaitable, std::move(row));
    }

  private:
    using Done = std::function<void(core::Status)>;
    struct Item {
        sql::Params params;
        Done done;
    };

    Task<void> flush() {
        auto self = shared_from_this();  // alive until the queue is drained
        for (;;) {
            std::vector<Item> batch;
            {
                std::lock_guard lock(mu_);
                if (queue_.empty()) {
                    flushing_ = false;
                    co_return;
                }
                const std::size_t n = std::min(queue_.size(), kMaxTokenBatch);
                batch.reserve(n);
                for (std::size_t i = 0; i < n; ++i) batch.push_back(std::move(queue_[i]));
                queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
            }
            std::vector<core::Status> results = co_await write(batch);
            for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
        }
    }

    Task<std::vector<core::Status>> write(std::vector<Item>& batch) {
        std::vector<core::Status> results;
        results.reserve(batch.size());
        if (batch.size() > 1) {
            const std::size_t per_row = batch.front().params.size();
            sql::Params all;
            all.reserve(batch.size() * per_row);
            for (auto& item : batch) {
                std::move(item.params.begin(), item.params.end(), std::back_inserter(all));
            }
            const std::string sql = insert_tokens_sql(batch.size());
            auto rs = co_await db_->query(sql, all);
            if (rs) {
                results.assign(batch.size(), core::ok());
                co_return results;
            }
            // Nothing was written (one statement): each row alone, for its own answer.
            for (std::size_t i = 0; i < batch.size(); ++i) {
                const auto first = all.begin() + static_cast<std::ptrdiff_t>(i * per_row);
                batch[i].params.assign(
                    std::make_move_iterator(first),
                    std::make_move_iterator(first + static_cast<std::ptrdiff_t>(per_row)));
            }
        }
        const std::string one = insert_tokens_sql(1);
        for (const auto& item : batch) {
            auto rs = co_await db_->query(one, item.params);
            results.push_back(rs ? core::ok() : core::Status(db_error(rs.error())));
        }
        co_return results;
    }

    std::shared_ptr<sql::Database> db_;
    std::mutex mu_;
    std::vector<Item> queue_;
    bool flushing_ = false;
};

}  // namespace detail

Task<core::Status> Store::add_token(const model::Token& token, const TokenIssue& issue) {
    if (token.owner.empty() || token.name.empty()) {
        co_return core::Error::invalid_argument("owner and name must not be empty");
    }
    model::Token copy = token;
    if (copy.created_time.empty()) copy.created_time = now_text();
    auto written = co_await tokens_->insert(token_params(std::move(copy), issue));
    co_return written;
}

Task<core::Result<model::Token>> Store::redeem_code(std::string_view code, std::int64_t now_unix,
                                                    std::string_view refresh_token_hash) {
    if (code.empty()) co_return not_found("The authorization code does not exist");
    const auto& spec = spec_of<model::Token>();
    // One statement: of concurrent redemptions exactly one sees code_is_used = false (C12), and
    // only the winner's refresh token is recorded.
    sql::Params params{true, std::string(code), false, now_unix};
    std::string sets = "\"code_is_used\" = $1";
    if (!refresh_token_hash.empty()) {
        params.push_back(std::string(refresh_token_hash));
        sets += ", \"refresh_token_hash\" = $5";
    }
    std::string sql = "UPDATE \"token\" SET " + sets +
                      " WHERE \"code\" = $2 AND \"code\" <> '' AND \"code_is_used\" = $3 AND "
                      "\"code_expire_in\" > $4 "
                      "RETURNING " +
                      spec.column_list;
    auto rs = co_await db_->query(sql, params);
    if (!rs) co_return db_error(rs.error());
    if (!rs->empty()) co_return decode_row<model::Token>(spec, rs->row(0));
    auto existing = co_await token_by_code(code);
    if (!existing) co_return std::move(existing).error();
    if (existing->code_is_used) {
        co_return core::Error::conflict("The authorization code has been used", "code-used");
    }
    co_return core::Error::permission_denied("The authorization code has expired", "code-expired");
}

Task<core::Result<std::int64_t>> Store::refresh_expires_at(std::string_view owner,
                                                           std::string_view name) {
    const std::string sql_text1 =
        "SELECT \"created_time\", \"expires_in\", \"refresh_expires_at\" FROM \"token\" WHERE "
        "\"owner\" = $1 AND \"name\" = $2";
    sql::Params params1{std::string(owner), std::string(name)};
    auto rs = co_await db_->query(sql_text1, params1);
    if (!rs) co_return db_error(rs.error());
    if (rs->empty()) co_return not_found("The token doesn't exist");
    auto row = rs->row(0);
    auto explicit_at = from_db(row.get<std::int64_t>(2));
    if (!explicit_at) co_return std::move(explicit_at).error();
    if (*explicit_at != 0) co_return *explicit_at;
    auto created = from_db(row.get<std::string>(0));
    auto expires_in = from_db(row.get<std::int64_t>(1));
    if (!created) co_return std::move(created).error();
    if (!expires_in) co_return std::move(expires_in).error();
    co_return parse_casdoor_time(*created).value_or(0) + *expires_in;
}

Task<core::Result<model::Token>> Store::rotate_refresh_token(std::string_view refresh_hash,
                                                             const model::Token& replacement,
                                                             std::int64_t refresh_expires_at,
                                                             std::int64_t now_unix) {
    // Rows of tokens without a refresh token keep an empty hash: never a match.
    if (refresh_hash.empty()) co_return not_found("Refresh token doesn't exist in database");
    if (replacement.owner.empty() || replacement.name.empty()) {
        co_return core::Error::invalid_argument("owner and name must not be empty");
    }
    const auto& spec = spec_of<model::Token>();
    auto tx = co_await db_->begin();
    if (!tx) co_return db_error(tx.error());
    std::string hash(refresh_hash);
    sql::Params params2{hash};
    std::string select_old =
        select_sql(spec, "\"refresh_token_hash\" = $1 AND \"refresh_token_hash\" <> ''") +
        " LIMIT 1";
    auto rs = co_await tx->query(select_old, params2);
    if (!rs) co_return db_error(rs.error());
    if (rs->empty()) co_return not_found("Refresh token doesn't exist in database");
    auto old = decode_row<model::Token>(spec, rs->row(0));
    if (!old) co_return std::move(old).error();
    const std::string sql_text2 =
        "SELECT \"family\", \"refresh_used\", \"refresh_expires_at\" FROM \"token\" WHERE "
        "\"owner\" = $1 AND \"name\" = $2";
    sql::Params params3{std::string(old->owner), std::string(old->name)};
    auto meta = co_await tx->query(sql_text2, params3);
    if (!meta) co_return db_error(meta.error());
    if (meta->empty()) co_return not_found("Refresh token doesn't exist in database");
    auto family = from_db(meta->row(0).get<std::string>(0));
    auto used = from_db(meta->row(0).get<bool>(1));
    auto explicit_at = from_db(meta->row(0).get<std::int64_t>(2));
    if (!family) co_return std::move(family).error();
    if (!used) co_return std::move(used).error();
    if (!explicit_at) co_return std::move(explicit_at).error();

    auto reuse = [&]() -> Task<core::Result<model::Token>> {
        // C9: the presented token was rotated before: revoke the whole family and keep that.
        const std::string sql_text3 =
            "UPDATE \"token\" SET \"expires_in\" = 0 WHERE \"family\" = $1";
        sql::Params params4{*family};
        auto revoked = co_await tx->query(sql_text3, params4);
        if (!revoked) co_return db_error(revoked.error());
        auto committed = co_await tx->commit();
        if (!committed) co_return db_error(committed.error());
        co_return core::Error::permission_denied(
            "The refresh token has already been used; its token family is revoked",
            "refresh-token-reused");
    };
    if (*used) co_return co_await reuse();
    if (old->expires_in == 0) {
        co_return core::Error::permission_denied("The refresh token has been revoked",
                                                 "token-revoked");
    }
    std::int64_t expiry = *explicit_at != 0
                              ? *explicit_at
                              : parse_casdoor_time(old->created_time).value_or(0) + old->expires_in;
    if (now_unix >= expiry) {
        co_return core::Error::permission_denied("The refresh token has expired",
                                                 "refresh-token-expired");
    }
    const std::string sql_text4 =
        "UPDATE \"token\" SET \"refresh_used\" = $1, \"expires_in\" = 0 WHERE \"owner\" = $2 AND "
        "\"name\" = $3 AND \"refresh_used\" = $4";
    sql::Params params5{true, std::string(old->owner), std::string(old->name), false};
    auto retired = co_await tx->query(sql_text4, params5);
    if (!retired) co_return db_error(retired.error());
    // Another rotation won the race (PostgreSQL re-checks the row after its lock): reuse.
    if (retired->affected_rows() == 0) co_return co_await reuse();
    model::Token fresh = replacement;
    TokenIssue issue{*family, refresh_expires_at};
    if (fresh.created_time.empty()) fresh.created_time = now_text();
    auto inserted = co_await insert_token(&*tx, *db_, fresh, issue);
    if (!inserted) co_return db_error(inserted.error());
    auto committed = co_await tx->commit();
    if (!committed) co_return db_error(committed.error());
    co_return std::move(old).value();
}

Task<core::Status> Store::revoke_token(std::string_view owner, std::string_view name) {
    const std::string sql_text5 =
        "UPDATE \"token\" SET \"expires_in\" = 0 WHERE \"owner\" = $1 AND \"name\" = $2";
    sql::Params params6{std::string(owner), std::string(name)};
    auto rs = co_await db_->query(sql_text5, params6);
    if (!rs) co_return db_error(rs.error());
    if (rs->affected_rows() == 0) {
        co_return not_found("The token: " + model::format_id(owner, name) + " doesn't exist");
    }
    co_return core::ok();
}

Task<core::Result<std::int64_t>> Store::revoke_token_family(std::string_view family) {
    const std::string sql_text6 =
        "UPDATE \"token\" SET \"expires_in\" = 0 WHERE \"family\" = $1 AND \"expires_in\" <> 0";
    sql::Params params7{std::string(family)};
    auto rs = co_await db_->query(sql_text6, params7);
    if (!rs) co_return db_error(rs.error());
    co_return rs->affected_rows();
}

Task<core::Result<std::int64_t>> Store::revoke_user_tokens(std::string_view organization,
                                                           std::string_view user,
                                                           std::string_view application) {
    std::string sql =
        "UPDATE \"token\" SET \"expires_in\" = 0 WHERE \"organization\" = $1 AND \"user\" = $2 "
        "AND \"expires_in\" <> 0";
    sql::Params params{std::string(organization), std::string(user)};
    if (!application.empty()) {
        sql += " AND \"application\" = $3";
        params.push_back(std::string(application));
    }
    auto rs = co_await db_->query(sql, params);
    if (!rs) co_return db_error(rs.error());
    co_return rs->affected_rows();
}

// ---- browser sessions ----

namespace {

constexpr std::string_view kSessionColumns =
    "\"id_hash\", \"organization\", \"user_name\", \"application\", \"created_at\", "
    "\"expires_at\", \"pending_mfa\"";

core::Result<BrowserSession> decode_session(const sql::Row& row) {
    BrowserSession s;
    auto a = from_db(row.get<std::string>(0));
    auto b = from_db(row.get<std::string>(1));
    auto c = from_db(row.get<std::string>(2));
    auto d = from_db(row.get<std::string>(3));
    auto e = from_db(row.get<std::int64_t>(4));
    auto f = from_db(row.get<std::int64_t>(5));
    auto g = from_db(row.get<std::string>(6));
    if (!a) return std::move(a).error();
    if (!b) return std::move(b).error();
    if (!c) return std::move(c).error();
    if (!d) return std::move(d).error();
    if (!e) return std::move(e).error();
    if (!f) return std::move(f).error();
    if (!g) return std::move(g).error();
    s.id_hash = *a;
    s.organization = *b;
    s.user = *c;
    s.application = *d;
    s.created_at = *e;
    s.expires_at = *f;
    s.pending_mfa = *g;
    return s;
}

}  // namespace

Task<core::Result<CreatedSession>> Store::create_session(const NewSession& session) {
    if (session.organization.empty() || session.user.empty()) {
        co_return core::Error::invalid_argument("a session needs an organization and a user");
    }
    if (session.lifetime_seconds <= 0) {
        co_return core::Error::invalid_argument("a session needs a positive lifetime");
    }
    CreatedSession out;
    out.cookie_value = random_->token(32);
    auto& s = out.session;
    s.id_hash = sha256_hex(out.cookie_value);
    s.organization = session.organization;
    s.user = session.user;
    s.application = session.application;
    s.created_at = clock_->unix_seconds();
    s.expires_at = s.created_at + session.lifetime_seconds;
    s.pending_mfa = session.pending_mfa;
    std::string insert = "INSERT INTO \"browser_session\" (" + std::string(kSessionColumns) +
                         ") VALUES ($1, $2, $3, $4, $5, $6, $7)";
    sql::Params params{s.id_hash,    s.organization, s.user,       s.application,
                       s.created_at, s.expires_at,   s.pending_mfa};
    auto rs = co_await db_->query(insert, params);
    if (!rs) co_return db_error(rs.error());
    auto listed = co_await note_session_id(s.organization, s.user, s.application, s.id_hash, true);
    if (!listed) co_return listed.error();
    co_return out;
}

Task<core::Status> Store::note_session_id(const std::string& organization, const std::string& user,
                                          const std::string& application,
                                          const std::string& id_hash, bool present) {
    // Two tries: a concurrent first sign-in may add the row between our read and our add.
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto row = co_await get<model::Session>(organization, user);
        if (!row && row.error().kind() != core::ErrorKind::kNotFound) co_return row.error();
        if (!row) {
            if (!present) co_return core::ok();
            model::Session fresh;
            fresh.owner = organization;
            fresh.name = user;
            fresh.application = application;
            fresh.created_time = now_text();
            fresh.session_id = {id_hash};
            auto added = co_await add<model::Session>(fresh);
            if (added || added.error().kind() != core::ErrorKind::kAlreadyExists) co_return added;
            continue;
        }
        auto& ids = row->session_id;
        ids.erase(std::remove(ids.begin(), ids.end(), id_hash), ids.end());
        if (present) {
            ids.push_back(id_hash);
            row->application = application;
        }
        co_return co_await update<model::Session>(organization, user, *row);
    }
    co_return core::ok();
}

Task<core::Result<BrowserSession>> Store::find_session(std::string_view cookie_value) {
    if (cookie_value.empty()) co_return not_found("no such session");
    std::string hash = sha256_hex(cookie_value);
    std::string select = "SELECT " + std::string(kSessionColumns) +
                         " FROM \"browser_session\" WHERE \"id_hash\" = $1";
    sql::Params find_params{hash};
    auto rs = co_await db_->query(select, find_params);
    if (!rs) co_return db_error(rs.error());
    if (rs->empty()) co_return not_found("no such session");
    auto s = decode_session(rs->row(0));
    if (!s) co_return s;
    if (clock_->unix_seconds() >= s->expires_at) {
        const std::string sql_text7 = "DELETE FROM \"browser_session\" WHERE \"id_hash\" = $1";
        sql::Params params8{hash};
        auto del = co_await db_->query(sql_text7, params8);
        if (!del) co_return db_error(del.error());
        co_return core::Error::not_found("the session has expired", "session-expired");
    }
    co_return s;
}

Task<core::Status> Store::set_session_pending_mfa(std::string_view cookie_value,
                                                  std::string_view pending_mfa) {
    const std::string sql_text8 =
        "UPDATE \"browser_session\" SET \"pending_mfa\" = $1 WHERE \"id_hash\" = $2";
    sql::Params params9{std::string(pending_mfa), sha256_hex(cookie_value)};
    auto rs = co_await db_->query(sql_text8, params9);
    if (!rs) co_return db_error(rs.error());
    if (rs->affected_rows() == 0) co_return not_found("no such session");
    co_return core::ok();
}

Task<core::Status> Store::delete_session(std::string_view cookie_value) {
    const std::string hash = sha256_hex(cookie_value);
    const std::string select = "SELECT " + std::string(kSessionColumns) +
                               " FROM \"browser_session\" WHERE \"id_hash\" = $1";
    sql::Params find_params{hash};
    auto found = co_await db_->query(select, find_params);
    if (!found) co_return db_error(found.error());
    const std::string sql_text9 = "DELETE FROM \"browser_session\" WHERE \"id_hash\" = $1";
    sql::Params params10{hash};
    auto rs = co_await db_->query(sql_text9, params10);
    if (!rs) co_return db_error(rs.error());
    if (!found->empty()) {
        auto s = decode_session(found->row(0));
        if (s) {
            auto unlisted =
                co_await note_session_id(s->organization, s->user, s->application, hash, false);
            if (!unlisted) co_return unlisted;
        }
    }
    co_return core::ok();
}

Task<core::Result<std::int64_t>> Store::delete_user_sessions(std::string_view organization,
                                                             std::string_view user) {
    const std::string sql_text10 =
        "DELETE FROM \"browser_session\" WHERE \"organization\" = $1 AND \"user_name\" = $2";
    sql::Params params11{std::string(organization), std::string(user)};
    auto rs = co_await db_->query(sql_text10, params11);
    if (!rs) co_return db_error(rs.error());
    auto unlisted = co_await remove<model::Session>(organization, user);
    if (!unlisted && unlisted.error().kind() != core::ErrorKind::kNotFound) {
        co_return unlisted.error();
    }
    co_return rs->affected_rows();
}

Task<core::Result<std::int64_t>> Store::purge_expired_sessions() {
    const std::string sql_text11 = "DELETE FROM \"browser_session\" WHERE \"expires_at\" <= $1";
    sql::Params params12{clock_->unix_seconds()};
    auto rs = co_await db_->query(sql_text11, params12);
    if (!rs) co_return db_error(rs.error());
    co_return rs->affected_rows();
}

// ---- sign-in failures ----

Task<core::Result<std::int64_t>> Store::record_signin_failure(std::string_view organization,
                                                              std::string_view user) {
    const std::string sql_text12 =
        "UPDATE \"user\" SET \"signin_wrong_times\" = \"signin_wrong_times\" + 1, "
        "\"last_signin_wrong_time\" = $1 WHERE \"owner\" = $2 AND \"name\" = $3 RETURNING "
        "\"signin_wrong_times\"";
    sql::Params params13{now_text(), std::string(organization), std::string(user)};
    auto rs = co_await db_->query(sql_text12, params13);
    if (!rs) co_return db_error(rs.error());
    if (rs->empty()) {
        co_return not_found("The user: " + model::format_id(organization, user) + " doesn't exist");
    }
    co_return from_db(rs->row(0).get<std::int64_t>(0));
}

Task<core::Status> Store::reset_signin_failures(std::string_view organization,
                                                std::string_view user) {
    const std::string sql_text13 =
        "UPDATE \"user\" SET \"signin_wrong_times\" = 0, \"last_signin_wrong_time\" = '' WHERE "
        "\"owner\" = $1 AND \"name\" = $2";
    sql::Params params14{std::string(organization), std::string(user)};
    auto rs = co_await db_->query(sql_text13, params14);
    if (!rs) co_return db_error(rs.error());
    if (rs->affected_rows() == 0) {
        co_return not_found("The user: " + model::format_id(organization, user) + " doesn't exist");
    }
    co_return core::ok();
}

Task<core::Result<std::int64_t>> Store::record_address_failure(std::string_view address,
                                                               std::int64_t window_seconds) {
    std::int64_t now = clock_->unix_seconds();
    // One upsert: concurrent failures from one address all count (C8).
    const std::string sql_text14 =
        "INSERT INTO \"signin_throttle\" (\"address\", \"window_start\", \"failures\") VALUES "
        "($1, $2, 1) ON CONFLICT (\"address\") DO UPDATE SET \"failures\" = CASE WHEN "
        "\"signin_throttle\".\"window_start\" + $3 <= $2 THEN 1 ELSE "
        "\"signin_throttle\".\"failures\" + 1 END, \"window_start\" = CASE WHEN "
        "\"signin_throttle\".\"window_start\" + $3 <= $2 THEN $2 ELSE "
        "\"signin_throttle\".\"window_start\" END RETURNING \"failures\"";
    sql::Params params15{std::string(address), now, window_seconds};
    auto rs = co_await db_->query(sql_text14, params15);
    if (!rs) co_return db_error(rs.error());
    if (rs->empty())
        co_return core::Error::internal("throttle upsert returned nothing", "database-error");
    co_return from_db(rs->row(0).get<std::int64_t>(0));
}

Task<core::Result<std::int64_t>> Store::address_failures(std::string_view address,
                                                         std::int64_t window_seconds) {
    const std::string sql_text15 =
        "SELECT \"window_start\", \"failures\" FROM \"signin_throttle\" WHERE \"address\" = $1";
    sql::Params params16{std::string(address)};
    auto rs = co_await db_->query(sql_text15, params16);
    if (!rs) co_return db_error(rs.error());
    if (rs->empty()) co_return std::int64_t{0};
    auto start = from_db(rs->row(0).get<std::int64_t>(0));
    auto failures = from_db(rs->row(0).get<std::int64_t>(1));
    if (!start) co_return std::move(start).error();
    if (!failures) co_return std::move(failures).error();
    if (*start + window_seconds <= clock_->unix_seconds()) co_return std::int64_t{0};
    co_return *failures;
}

Task<core::Status> Store::reset_address_failures(std::string_view address) {
    const std::string sql_text16 = "DELETE FROM \"signin_throttle\" WHERE \"address\" = $1";
    sql::Params params17{std::string(address)};
    auto rs = co_await db_->query(sql_text16, params17);
    if (!rs) co_return db_error(rs.error());
    co_return core::ok();
}

}  // namespace ward::idp::store
