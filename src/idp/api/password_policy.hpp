// The organization's password rules (casdoor.md §5.1, `passwordOptions`): AtLeast6, AtLeast8,
// Aa123, SpecialChar, NoRepeat, plus set-password's "no spaces". Used by add-user, set-password
// and signup so every new password meets the same rules.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ward::idp::api {

// Checks `password` against every option (an empty list means {"AtLeast6"}, as Casdoor). Unknown
// option names are ignored (a newer Casdoor's option must not lock users out). Failure:
// kInvalidArgument "weak-password" with the first broken rule's message.
core::Status check_password_options(std::string_view password,
                                    std::span<const std::string> options);

// set-password refuses spaces anywhere. Failure: kInvalidArgument "invalid-password".
core::Status check_no_spaces(std::string_view password);

}  // namespace ward::idp::api
