#include "idp/api/password_policy.hpp"

#include <algorithm>
#include <cctype>

namespace ward::idp::api {
namespace {

core::Error weak(std::string message) {
    return core::Error::invalid_argument(std::move(message), "weak-password");
}

// Length in characters, counting each UTF-8 sequence once.
std::size_t char_count(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

core::Status check_one(std::string_view password, std::string_view option) {
    auto has = [&](auto pred) {
        return std::any_of(password.begin(), password.end(),
                           [&](char c) { return pred(static_cast<unsigned char>(c)); });
    };
    if (option == "AtLeast6") {
        if (char_count(password) < 6) return weak("The password must have at least 6 characters");
    } else if (option == "AtLeast8") {
        if (char_count(password) < 8) return weak("The password must have at least 8 characters");
    } else if (option == "Aa123") {
        if (!has(::isupper) || !has(::islower) || !has(::isdigit)) {
            return weak(
                "The password must contain at least one uppercase letter, one lowercase letter "
                "and one digit");
        }
    } else if (option == "SpecialChar") {
        if (!has([](unsigned char c) { return c < 0x80 && std::ispunct(c); })) {
            return weak("The password must contain at least one special character");
        }
    } else if (option == "NoRepeat") {
        for (std::size_t i = 1; i < password.size(); ++i) {
            if (password[i] == password[i - 1]) {
                return weak("The password must not contain any repeated characters");
            }
        }
    }
    return core::ok();
}

}  // namespace

core::Status check_password_options(std::string_view password,
                                    std::span<const std::string> options) {
    if (password.empty()) {
        return core::Error::invalid_argument("Password cannot be empty", "weak-password");
    }
    if (options.empty()) return check_one(password, "AtLeast6");
    for (const auto& option : options) WARD_TRY_STATUS(check_one(password, option));
    return core::ok();
}

core::Status check_no_spaces(std::string_view password) {
    if (password.find_first_of(" \t\r\n") != std::string_view::npos) {
        return core::Error::invalid_argument("New password cannot contain blank space.",
                                             "invalid-password");
    }
    return core::ok();
}

}  // namespace ward::idp::api
