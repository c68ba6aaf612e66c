#include "sql/result_set.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/assert.hpp"
#include "core/encoding.hpp"

namespace ward::sql {
namespace {

DbError mismatch(const Value& v, std::string_view wanted) {
    return DbError(
        DbErrorKind::kTypeMismatch, "22P02",
        "cannot read a " + std::string(to_string(v.type())) + " value as " + std::string(wanted));
}

DbError null_error() { return DbError(DbErrorKind::kNullValue, "22004", "unexpected NULL value"); }

DbResult<std::int64_t> parse_int(const std::string& s, const Value& v) {
    std::int64_t out = 0;
    const char* end = s.data() + s.size();
    auto [p, ec] = std::from_chars(s.data(), end, out);
    if (ec != std::errc() || p != end || s.empty()) return mismatch(v, "int64");
    return out;
}

DbResult<double> parse_double(const std::string& s, const Value& v) {
    if (s.empty() || std::isspace(static_cast<unsigned char>(s.front())))
        return mismatch(v, "double");
    char* end = nullptr;
    double out = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) return mismatch(v, "double");
    return out;
}

}  // namespace

template <>
DbResult<std::string> value_as<std::string>(const Value& v) {
    switch (v.type()) {
        case ValueType::kNull:
            return null_error();
        case ValueType::kText:
            return *v.if_text();
        case ValueType::kBlob:
            return mismatch(v, "text");
        default:
            return *v.to_text();
    }
}

template <>
DbResult<std::int64_t> value_as<std::int64_t>(const Value& v) {
    switch (v.type()) {
        case ValueType::kNull:
            return null_error();
        case ValueType::kInt64:
            return *v.if_int64();
        case ValueType::kBool:
            return static_cast<std::int64_t>(*v.if_bool());
        case ValueType::kText:
            return parse_int(*v.if_text(), v);
        case ValueType::kDouble: {
            double d = *v.if_double();
            // Only doubles that are exact integers within range convert.
            if (std::trunc(d) == d && d >= -9.2233720368547758e18 && d < 9.2233720368547758e18)
                return static_cast<std::int64_t>(d);
            return mismatch(v, "int64");
        }
        case ValueType::kBlob:
            return mismatch(v, "int64");
    }
    return mismatch(v, "int64");
}

template <>
DbResult<double> value_as<double>(const Value& v) {
    switch (v.type()) {
        case ValueType::kNull:
            return null_error();
        case ValueType::kDouble:
            return *v.if_double();
        case ValueType::kInt64:
            return static_cast<double>(*v.if_int64());
        case ValueType::kText:
            return parse_double(*v.if_text(), v);
        default:
            return mismatch(v, "double");
    }
}

template <>
DbResult<bool> value_as<bool>(const Value& v) {
    switch (v.type()) {
        case ValueType::kNull:
            return null_error();
        case ValueType::kBool:
            return *v.if_bool();
        case ValueType::kInt64: {
            std::int64_t i = *v.if_int64();
            if (i == 0 || i == 1) return i == 1;
            return mismatch(v, "bool");
        }
        case ValueType::kText: {
            const std::string& s = *v.if_text();
            if (s == "t" || s == "true" || s == "1") return true;
            if (s == "f" || s == "false" || s == "0") return false;
            return mismatch(v, "bool");
        }
        default:
            return mismatch(v, "bool");
    }
}

template <>
DbResult<Blob> value_as<Blob>(const Value& v) {
    switch (v.type()) {
        case ValueType::kNull:
            return null_error();
        case ValueType::kBlob:
            return *v.if_blob();
        case ValueType::kText: {
            // PostgreSQL's bytea output format (bytea_output = hex).
            const std::string& s = *v.if_text();
            if (!s.starts_with("\\x")) return mismatch(v, "blob");
            auto bytes = core::hex_decode(std::string_view(s).substr(2));
            if (!bytes) return mismatch(v, "blob");
            return Blob(bytes->begin(), bytes->end());
        }
        default:
            return mismatch(v, "blob");
    }
}

std::size_t Row::size() const { return rs_->columns_.size(); }

const Value& Row::value(std::size_t col) const {
    WARD_INVARIANT(col < rs_->columns_.size(), "column index out of range");
    return rs_->cells_[index_ * rs_->columns_.size() + col];
}

template <typename T>
DbResult<T> Row::get(std::size_t col) const {
    return value_as<T>(value(col));
}

template <typename T>
DbResult<T> Row::get(std::string_view column) const {
    auto i = rs_->column_index(column);
    if (!i)
        return DbError(DbErrorKind::kUndefinedColumn, "42703",
                       "no column \"" + std::string(column) + "\" in the result");
    return get<T>(*i);
}

template <typename T>
DbResult<std::optional<T>> Row::get_optional(std::size_t col) const {
    const Value& v = value(col);
    if (v.is_null()) return std::optional<T>();
    auto r = value_as<T>(v);
    if (!r) return std::move(r).error();
    return std::optional<T>(std::move(r).value());
}

template <typename T>
DbResult<std::optional<T>> Row::get_optional(std::string_view column) const {
    auto i = rs_->column_index(column);
    if (!i)
        return DbError(DbErrorKind::kUndefinedColumn, "42703",
                       "no column \"" + std::string(column) + "\" in the result");
    return get_optional<T>(*i);
}

#define WARD_SQL_INSTANTIATE(T)                                                  \
    template DbResult<T> Row::get<T>(std::size_t) const;                         \
    template DbResult<T> Row::get<T>(std::string_view) const;                    \
    template DbResult<std::optional<T>> Row::get_optional<T>(std::size_t) const; \
    template DbResult<std::optional<T>> Row::get_optional<T>(std::string_view) const;
WARD_SQL_INSTANTIATE(std::string)
WARD_SQL_INSTANTIATE(std::int64_t)
WARD_SQL_INSTANTIATE(double)
WARD_SQL_INSTANTIATE(bool)
WARD_SQL_INSTANTIATE(Blob)
#undef WARD_SQL_INSTANTIATE

std::optional<std::size_t> ResultSet::column_index(std::string_view name) const {
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (columns_[i] == name) return i;
    return std::nullopt;
}

Row ResultSet::row(std::size_t i) const {
    WARD_INVARIANT(i < size(), "row index out of range");
    return Row(this, i);
}

DbResult<std::string> ResultSet::take_single_text() && {
    if (columns_.size() != 1 || cells_.size() != 1)
        return DbError(DbErrorKind::kCardinality, "21000",
                       "expected one row with one column, got " + std::to_string(size()) +
                           " rows with " + std::to_string(columns_.size()) + " columns");
    Value& v = cells_.front();
    if (v.is_null()) return null_error();
    if (std::string* s = v.if_text()) return std::move(*s);
    return value_as<std::string>(v);
}

}  // namespace ward::sql
