// core::Result<T, E>: a value or an error, with std::expected's member names (has_value, value,
// error, operator*, operator->) so that moving to C++23 is a rename. Constructible implicitly from
// a T (success) or from an E (failure): `return Error::not_found("no such user");`.
#pragma once

#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/assert.hpp"
#include "core/error.hpp"

namespace ward::core {

template <typename T, typename E = Error>
class [[nodiscard]] Result {
    static_assert(!std::is_same_v<T, E>, "Result<T, E> needs distinct T and E");

  public:
    using value_type = T;
    using error_type = E;

    Result(const T& value) : data_(std::in_place_index<0>, value) {}
    Result(T&& value) : data_(std::in_place_index<0>, std::move(value)) {}
    Result(const E& error) : data_(std::in_place_index<1>, error) {}
    Result(E&& error) : data_(std::in_place_index<1>, std::move(error)) {}
    // Converting construction, e.g. Result<std::string> from a const char*.
    template <typename U>
    requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, T> &&
             !std::is_same_v<std::decay_t<U>, E> && !std::is_same_v<std::decay_t<U>, Result>)
        Result(U&& value)
        : data_(std::in_place_index<0>, std::forward<U>(value)) {}

    bool has_value() const noexcept { return data_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    T& value() & {
        WARD_INVARIANT(has_value(), "Result::value() on an error");
        return std::get<0>(data_);
    }
    const T& value() const& {
        WARD_INVARIANT(has_value(), "Result::value() on an error");
        return std::get<0>(data_);
    }
    T&& value() && {
        WARD_INVARIANT(has_value(), "Result::value() on an error");
        return std::get<0>(std::move(data_));
    }
    const E& error() const& {
        WARD_INVARIANT(!has_value(), "Result::error() on a value");
        return std::get<1>(data_);
    }
    E&& error() && {
        WARD_INVARIANT(!has_value(), "Result::error() on a value");
        return std::get<1>(std::move(data_));
    }

    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    template <typename U>
    T value_or(U&& fallback) const& {
        return has_value() ? std::get<0>(data_) : static_cast<T>(std::forward<U>(fallback));
    }

  private:
    std::variant<T, E> data_;
};

// Result<void>: success carries nothing.
template <typename E>
class [[nodiscard]] Result<void, E> {
  public:
    using value_type = void;
    using error_type = E;

    Result() = default;
    Result(const E& error) : error_(error), ok_(false) {}
    Result(E&& error) : error_(std::move(error)), ok_(false) {}

    bool has_value() const noexcept { return ok_; }
    explicit operator bool() const noexcept { return ok_; }
    void value() const { WARD_INVARIANT(ok_, "Result<void>::value() on an error"); }
    const E& error() const& {
        WARD_INVARIANT(!ok_, "Result::error() on a value");
        return *error_;
    }
    E&& error() && {
        WARD_INVARIANT(!ok_, "Result::error() on a value");
        return std::move(*error_);
    }

  private:
    std::optional<E> error_;
    bool ok_ = true;
};

using Status = Result<void>;

inline Status ok() { return {}; }

}  // namespace ward::core

#define WARD_CONCAT_INNER(a, b) a##b
#define WARD_CONCAT(a, b) WARD_CONCAT_INNER(a, b)

// WARD_TRY(auto x, expr): evaluates a Result-returning expr; on error returns the error from the
// enclosing function (whose return type must be constructible from the error), else binds x.
#define WARD_TRY(decl, expr)                                        \
    auto WARD_CONCAT(ward_try_, __LINE__) = (expr);                 \
    if (!WARD_CONCAT(ward_try_, __LINE__).has_value())              \
        return std::move(WARD_CONCAT(ward_try_, __LINE__)).error(); \
    decl = std::move(WARD_CONCAT(ward_try_, __LINE__)).value()

// WARD_TRY_STATUS(expr): for Result<void>-returning expressions.
#define WARD_TRY_STATUS(expr)                                                          \
    do {                                                                               \
        auto ward_try_status_ = (expr);                                                \
        if (!ward_try_status_.has_value()) return std::move(ward_try_status_).error(); \
    } while (0)
