// What a reader may see of an object: Casdoor replaces secrets with "***" (casdoor.md §1.3, §1.4,
// §1.8). Every API read goes through these functions; they take the object by value and return
// the masked copy, so an unmasked object never needs to be mutated in place.
#pragma once

#include <string_view>

#include "idp/model/application.hpp"
#include "idp/model/cert.hpp"
#include "idp/model/organization.hpp"
#include "idp/model/user.hpp"

namespace ward::idp::model {

inline constexpr std::string_view kMask = "***";

enum class Viewer {
    kAdmin,     // a global admin or an admin of the object's organization
    kNonAdmin,  // anyone else, including the user reading their own record
};

// The password hash is "***" for every reader. Non-admins also get "***" for passwordSalt,
// totpSecret and accessSecret, and no recoveryCodes. Empty fields stay empty (nothing to hide).
User mask_user(User user, Viewer viewer);

// Non-admins: clientSecret, clientCert, cert, registrationAccessToken, ipWhitelist and
// backchannelLogoutUri become "***".
Application mask_application(Application app, Viewer viewer);

// The login page's view (get-app-login): clientSecret "" and the other secrets "***", whoever
// asks.
Application mask_application_for_login(Application app);

// Non-admins: privateKey and accessSecret become "***".
Cert mask_cert(Cert cert, Viewer viewer);

// Non-admins: masterPassword, defaultPassword, masterVerificationCode, passwordSalt and
// passwordObfuscatorKey become "***".
Organization mask_organization(Organization org, Viewer viewer);

// True for the mask value: an update carrying "***" keeps the stored secret (casdoor.md §4.2).
inline bool is_masked(std::string_view value) { return value == kMask; }

}  // namespace ward::idp::model
