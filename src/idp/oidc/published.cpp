#include "idp/oidc/published.hpp"

#include "core/json.hpp"
#include "idp/oidc/discovery.hpp"

namespace ward::idp::oidc {

store::Task<std::shared_ptr<const std::string>> PublishedDocuments::jwks(
    const server::Context& ctx) {
    // The marks first: keys read after them are at least as new as the mark kept with the body.
    auto marks = co_await ctx.store().recent_change_marks(kJwksRecheck);
    if (marks) {
        std::lock_guard lock(mu_);
        if (jwks_.body && jwks_.cert_mark == marks->cert) co_return jwks_.body;
    }
    auto keys = co_await signing_keys(ctx, marks ? &*marks : nullptr);
    auto body = std::make_shared<const std::string>(core::to_json(jwks_document(keys)));
    std::lock_guard lock(mu_);
    if (marks && (!jwks_.body || marks->cert >= jwks_.cert_mark)) {
        jwks_.body = body;
        jwks_.cert_mark = marks->cert;
    }
    co_return body;
}

std::shared_ptr<const std::string> PublishedDocuments::discovery(std::string_view issuer) {
    std::lock_guard lock(mu_);
    if (auto it = discovery_.find(issuer); it != discovery_.end()) return it->second;
    if (discovery_.size() >= kMaxDiscoveryIssuers) discovery_.clear();
    auto body = std::make_shared<const std::string>(core::to_json(discovery_document(issuer)));
    discovery_.emplace(std::string(issuer), body);
    return body;
}

}  // namespace ward::idp::oidc
