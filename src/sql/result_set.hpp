// sql::ResultSet and sql::Row: what a statement returned (column names, rows of sql::Value,
// affected row count) with typed getters that report NULL and type mismatches as errors.
// PostgreSQL cells arrive as text exactly as the server printed them; SQLite cells are typed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/db_error.hpp"
#include "sql/value.hpp"

namespace ward::sql {

class ResultSet;

// A view of one row; valid while its ResultSet lives. Column indexes out of range are bugs
// (WARD_INVARIANT); unknown column names are errors (kUndefinedColumn).
class Row {
  public:
    Row(const ResultSet* rs, std::size_t index) : rs_(rs), index_(index) {}

    std::size_t size() const;
    const Value& value(std::size_t col) const;
    bool is_null(std::size_t col) const { return value(col).is_null(); }

    // T is one of std::string, std::int64_t, double, bool, Blob. Conversions: text is parsed
    // strictly (whole text, PostgreSQL's "t"/"f" for bool, "\x<hex>" for bytea); integers
    // become doubles and bools 0/1. Errors: kNullValue on NULL, kTypeMismatch otherwise.
    template <typename T>
    DbResult<T> get(std::size_t col) const;
    template <typename T>
    DbResult<T> get(std::string_view column) const;
    // As get(), but NULL is an empty optional instead of an error.
    template <typename T>
    DbResult<std::optional<T>> get_optional(std::size_t col) const;
    template <typename T>
    DbResult<std::optional<T>> get_optional(std::string_view column) const;

  private:
    const ResultSet* rs_;
    std::size_t index_;
};

class ResultSet {
  public:
    ResultSet() = default;
    ResultSet(std::vector<std::string> columns, bool returns_rows)
        : columns_(std::move(columns)), returns_rows_(returns_rows) {}

    const std::vector<std::string>& columns() const { return columns_; }
    std::optional<std::size_t> column_index(std::string_view name) const;
    std::size_t size() const { return columns_.empty() ? 0 : cells_.size() / columns_.size(); }
    bool empty() const { return size() == 0; }
    Row row(std::size_t i) const;
    Row operator[](std::size_t i) const { return row(i); }

    // True when the statement produced a row set (SELECT, RETURNING: Hasura's "TuplesOk"),
    // false for commands (DDL, DML without RETURNING: "CommandOk").
    bool returns_rows() const { return returns_rows_; }
    // Rows inserted/updated/deleted by DML, or rows returned by a query.
    std::int64_t affected_rows() const { return affected_; }

    // The one text cell of a one-row, one-column result, moved out (no copy). Errors:
    // kCardinality for any other shape, kNullValue when the cell is NULL.
    DbResult<std::string> take_single_text() &&;

    class Iterator {
      public:
        Iterator(const ResultSet* rs, std::size_t i) : rs_(rs), i_(i) {}
        Row operator*() const { return Row(rs_, i_); }
        Iterator& operator++() {
            ++i_;
            return *this;
        }
        bool operator==(const Iterator& o) const { return i_ == o.i_; }

      private:
        const ResultSet* rs_;
        std::size_t i_;
    };
    Iterator begin() const { return Iterator(this, 0); }
    Iterator end() const { return Iterator(this, size()); }

    // Building (used by the drivers): cells are appended row by row.
    void reserve_rows(std::size_t n) { cells_.reserve(n * columns_.size()); }
    void push_cell(Value v) { cells_.push_back(std::move(v)); }
    void set_affected_rows(std::int64_t n) { affected_ = n; }

  private:
    friend class Row;
    std::vector<std::string> columns_;
    std::vector<Value> cells_;
    std::int64_t affected_ = 0;
    bool returns_rows_ = false;
};

// Converts one cell (used by Row::get; exposed for callers holding a bare Value).
template <typename T>
DbResult<T> value_as(const Value& v);

}  // namespace ward::sql
