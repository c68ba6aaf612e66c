// The server-rendered sign-in page of /login/oauth/authorize: a plain HTML form that works without
// JavaScript (the OAuth parameters travel in hidden fields and the form POSTs back to the same
// URL), with the application's name and logo, inline errors and a TOTP step. Pure.
#pragma once

#include "core/encoding.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ward::idp::oidc {

// Escapes & < > " ' so any text can go into element content or a quoted attribute.
using core::html_escape;

enum class PageStep {
    kPassword,  // username + password
    kMfa,       // the user passed the password step and owes a TOTP passcode or recovery code
    kError,     // the request itself is bad (unknown client, redirect URI ...): no form at all
};

struct SigninPage {
    PageStep step = PageStep::kPassword;
    std::string application_name;  // shown as the heading (display name, else name)
    std::string logo_url;          // omitted when empty
    std::string action = "/login/oauth/authorize";
    // The OAuth parameters to carry through the POST, in order.
    std::vector<std::pair<std::string, std::string>> hidden;
    std::string username;  // prefilled (login_hint, or the value just submitted)
    std::string error;     // shown in a role="alert" box; empty: none
};

// The whole HTML document. Every value is escaped.
std::string render_signin_page(const SigninPage& page);

}  // namespace ward::idp::oidc
