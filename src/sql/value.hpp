// sql::Value: one typed SQL parameter or result cell (null, bool, int64, double, text, blob).
// Values are always bound as parameters, never spliced into SQL text, in both dialects.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace ward::sql {

using Blob = std::vector<std::uint8_t>;

enum class ValueType { kNull, kBool, kInt64, kDouble, kText, kBlob };

class Value {
  public:
    using Storage = std::variant<std::monostate, bool, std::int64_t, double, std::string, Blob>;

    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool v) : data_(v) {}
    // Unsigned 64-bit integers are refused at compile time: they may not fit in int64.
    template <std::integral I>
    requires(!std::is_same_v<I, bool> && (std::is_signed_v<I> || sizeof(I) < 8)) Value(I v)
        : data_(static_cast<std::int64_t>(v)) {}
    Value(double v) : data_(v) {}
    Value(const char* v) : data_(std::string(v)) {}
    Value(std::string v) : data_(std::move(v)) {}
    Value(std::string_view v) : data_(std::string(v)) {}
    Value(Blob v) : data_(std::move(v)) {}
    // An empty optional is NULL.
    template <typename T>
    Value(const std::optional<T>& v) {
        if (v) *this = Value(*v);
    }

    ValueType type() const { return static_cast<ValueType>(data_.index()); }
    bool is_null() const { return data_.index() == 0; }

    // Pointers to the held alternative, or nullptr when another type is held.
    const bool* if_bool() const { return std::get_if<bool>(&data_); }
    const std::int64_t* if_int64() const { return std::get_if<std::int64_t>(&data_); }
    const double* if_double() const { return std::get_if<double>(&data_); }
    const std::string* if_text() const { return std::get_if<std::string>(&data_); }
    const Blob* if_blob() const { return std::get_if<Blob>(&data_); }
    std::string* if_text() { return std::get_if<std::string>(&data_); }

    const Storage& storage() const { return data_; }

    // The value as text, the way PostgreSQL prints it: nullopt for NULL, "true"/"false",
    // decimal integers, shortest round-trip doubles ("Infinity", "NaN"), blobs as "\x<hex>".
    std::optional<std::string> to_text() const;

    friend bool operator==(const Value& a, const Value& b) = default;

  private:
    Storage data_;
};

using Params = std::vector<Value>;

std::string_view to_string(ValueType type);

// Shortest decimal text that reads back as the same double; "Infinity", "-Infinity", "NaN".
std::string format_double(double v);

}  // namespace ward::sql
