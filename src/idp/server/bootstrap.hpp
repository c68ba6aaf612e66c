// First start of the IdP (casdoor.md §1.11 with departure C3): when organization built-in does
// not exist, create it with cert-built-in (a freshly generated RSA key), app-built-in and the
// user built-in/admin, in one transaction; otherwise change nothing.
#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "idp/store/store.hpp"

namespace ward::idp::server {

inline constexpr std::string_view kBuiltInApplication = "app-built-in";
inline constexpr std::string_view kBuiltInCert = "cert-built-in";
inline constexpr std::string_view kBuiltInAdmin = "admin";

struct BootstrapResult {
    // True when this call created the built-in objects (false: they already existed, or another
    // process created them concurrently).
    bool created = false;
    // The generated admin password, set only when `created` and no password was given: `ward`
    // prints it once. Never logged by the IdP.
    std::optional<std::string> generated_admin_password;
};

// Runs first start. `admin_password` (WARD_ADMIN_PASSWORD) is used when given (it must be
// non-empty); otherwise a random 20-character alphanumeric password is generated. The password is
// hashed with argon2id (the built-in org's passwordType). Safe when several processes start at
// once on one database: the unique key of organization built-in decides and the losers return
// created = false. Errors: "invalid-argument" (empty admin password), "key-generation" (RSA or
// certificate failure), "database-error".
store::Task<core::Result<BootstrapResult>> bootstrap(store::Store& store,
                                                     std::optional<std::string> admin_password);

}  // namespace ward::idp::server
