#include "idp/model/masking.hpp"

namespace ward::idp::model {
namespace {

void mask(std::string& field) {
    if (!field.empty()) field = std::string(kMask);
}

}  // namespace

User mask_user(User user, Viewer viewer) {
    mask(user.password);
    if (viewer == Viewer::kNonAdmin) {
        mask(user.password_salt);
        mask(user.totp_secret);
        mask(user.access_secret);
        user.recovery_codes.clear();
    }
    return user;
}

Application mask_application(Application app, Viewer viewer) {
    if (viewer == Viewer::kAdmin) return app;
    mask(app.client_secret);
    mask(app.client_cert);
    mask(app.cert);
    mask(app.registration_access_token);
    mask(app.ip_whitelist);
    mask(app.backchannel_logout_uri);
    return app;
}

Application mask_application_for_login(Application app) {
    app = mask_application(std::move(app), Viewer::kNonAdmin);
    app.client_secret.clear();
    return app;
}

Cert mask_cert(Cert cert, Viewer viewer) {
    if (viewer == Viewer::kAdmin) return cert;
    mask(cert.private_key);
    mask(cert.access_secret);
    return cert;
}

Organization mask_organization(Organization org, Viewer viewer) {
    if (viewer == Viewer::kAdmin) return org;
    mask(org.master_password);
    mask(org.default_password);
    mask(org.master_verification_code);
    mask(org.password_salt);
    mask(org.password_obfuscator_key);
    return org;
}

}  // namespace ward::idp::model
