#include "idp/oidc/page.hpp"

namespace ward::idp::oidc {

namespace {

constexpr std::string_view kStyle =
    "body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1b1f24;margin:0}"
    "main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;"
    "box-shadow:0 1px 4px rgba(0,0,0,.15)}"
    "h1{font-size:1.4rem;margin:.5rem 0 1.5rem;text-align:center}"
    ".logo{display:block;margin:0 auto;max-height:4rem;max-width:100%}"
    "label{display:block;font-weight:600;margin:1rem 0 .3rem}"
    "input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.6rem;"
    "border:1px solid #6b7280;border-radius:4px;font-size:1rem}"
    "button{margin-top:1.5rem;width:100%;padding:.7rem;font-size:1rem;border:0;border-radius:4px;"
    "background:#1d4ed8;color:#fff;cursor:pointer}"
    "button:focus,input:focus{outline:3px solid #93c5fd;outline-offset:1px}"
    ".error{background:#fef2f2;border:1px solid #b91c1c;color:#7f1d1d;padding:.75rem;"
    "border-radius:4px}"
    "p.hint{font-size:.9rem;color:#374151}";

void hidden_fields(std::string& out, const SigninPage& page) {
    for (const auto& [name, value] : page.hidden) {
        out += "<input type=\"hidden\" name=\"" + html_escape(name) + "\" value=\"" +
               html_escape(value) + "\">\n";
    }
}

}  // namespace

std::string render_signin_page(const SigninPage& page) {
    const std::string title = page.application_name.empty() ? "Sign in" : page.application_name;
    std::string out;
    out.reserve(4096);
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>Sign in - " + html_escape(title) + "</title>\n";
    out += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n<main>\n";
    if (!page.logo_url.empty()) {
        out += "<img class=\"logo\" src=\"" + html_escape(page.logo_url) + "\" alt=\"" +
               html_escape(title) + " logo\">\n";
    }
    out += "<h1>Sign in to " + html_escape(title) + "</h1>\n";
    if (!page.error.empty()) {
        out += "<div class=\"error\" role=\"alert\" id=\"signin-error\">" +
               html_escape(page.error) + "</div>\n";
    }
    const std::string described =
        page.error.empty() ? std::string() : " aria-describedby=\"signin-error\"";
    switch (page.step) {
        case PageStep::kError:
            break;
        case PageStep::kPassword:
            out += "<form method=\"post\" action=\"" + html_escape(page.action) + "\"" + described +
                   ">\n";
            hidden_fields(out, page);
            out += "<label for=\"username\">Username or email</label>\n";
            out +=
                "<input type=\"text\" id=\"username\" name=\"username\" "
                "autocomplete=\"username\" required value=\"" +
                html_escape(page.username) + "\"" + (page.username.empty() ? " autofocus" : "") +
                ">\n";
            out += "<label for=\"password\">Password</label>\n";
            out += std::string("<input type=\"password\" id=\"password\" name=\"password\" ") +
                   "autocomplete=\"current-password\" required" +
                   (page.username.empty() ? "" : " autofocus") + ">\n";
            out += "<button type=\"submit\">Sign in</button>\n</form>\n";
            break;
        case PageStep::kMfa:
            out += "<form method=\"post\" action=\"" + html_escape(page.action) + "\"" + described +
                   ">\n";
            hidden_fields(out, page);
            out +=
                "<p class=\"hint\">Enter the 6-digit code from your authenticator app, or one of "
                "your recovery codes.</p>\n";
            out += "<label for=\"passcode\">Authentication code</label>\n";
            out +=
                "<input type=\"text\" id=\"passcode\" name=\"passcode\" inputmode=\"numeric\" "
                "autocomplete=\"one-time-code\" autofocus>\n";
            out += "<label for=\"recoveryCode\">Recovery code</label>\n";
            out +=
                "<input type=\"text\" id=\"recoveryCode\" name=\"recoveryCode\" "
                "autocomplete=\"off\">\n";
            out += "<button type=\"submit\">Verify</button>\n</form>\n";
            break;
    }
    out += "</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace ward::idp::oidc
