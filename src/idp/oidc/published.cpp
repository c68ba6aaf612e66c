#include "idp/oidc/published.hpp"

#include <algorithm>

#include "core/json.hpp"
#include "idp/oidc/discovery.hpp"

namespace ward::idp::oidc {

store::Task<std::shared_ptr<const std::string>> PublishedDocuments::jwks(
    const server::Context& ctx) {
    const auto now = ctx.clock().now();
    const std::uint64_t local = ctx.store().local_writes();
    std::shared_ptr<const std::string> current;
    bool claimed = false;  // this request holds jwks_.checking
    {
        std::lock_guard lock(mu_);
        current = jwks_.body;
        if (current && jwks_.local_writes == local) {
            if (now < jwks_.checked_at + kJwksRecheck || jwks_.checking) co_return current;
            jwks_.checking = claimed = true;  // this request rechecks; the others answer meanwhile
        }
        // After a write of this process the mark is checked before answering.
    }
    // The marks first: keys read after them are at least as new as the mark kept with the body.
    auto marks = co_await ctx.store().change_marks();
    if (marks && current) {
        std::lock_guard lock(mu_);
        if (claimed) jwks_.checking = false;
        if (jwks_.body == current && jwks_.cert_mark == marks->cert) {
            jwks_.checked_at = now;
            jwks_.local_writes = std::max(jwks_.local_writes, local);
            co_return current;
        }
        claimed = false;
    }
    auto keys = co_await signing_keys(ctx, marks ? &*marks : nullptr);
    auto body = std::make_shared<const std::string>(core::to_json(jwks_document(keys)));
    std::lock_guard lock(mu_);
    if (claimed) jwks_.checking = false;
    if (marks && (!jwks_.body || marks->cert >= jwks_.cert_mark)) {
        jwks_.body = body;
        jwks_.cert_mark = marks->cert;
        jwks_.local_writes = local;
        jwks_.checked_at = now;
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
