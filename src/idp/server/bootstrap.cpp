#include "idp/server/bootstrap.hpp"

#include "core/encoding.hpp"
#include "idp/model/id.hpp"
#include "idp/password/password.hpp"
#include "jose/key.hpp"
#include "jose/x509.hpp"

namespace ward::idp::server {

namespace {

constexpr int kCertBits = 2048;
constexpr int kCertYears = 20;
constexpr std::uint64_t kCasdoorCertSerial = 123456;
constexpr std::size_t kGeneratedPasswordLength = 20;

core::Error key_error(const core::Error& e) {
    return core::Error::internal("first start: " + e.message(), "key-generation");
}

model::Organization built_in_organization(const std::string& now) {
    model::Organization org;
    org.owner = std::string(model::kAdminOwner);
    org.name = std::string(model::kBuiltInOrganization);
    org.created_time = now;
    org.display_name = "Built-in Organization";
    org.website_url = "https://example.com";
    org.password_type = "argon2id";
    org.password_options = {"AtLeast6"};
    org.default_token_format = "JWT";
    org.init_score = 2000;
    org.country_codes = {"US", "ES", "FR", "DE", "GB", "CN", "JP", "KR", "VN", "ID", "SG", "IN"};
    org.languages = {"en", "es", "fr", "de", "ja", "zh", "vi", "pt", "tr", "pl", "uk"};
    org.enable_tour = true;
    org.dcr_policy = "disabled";
    return org;
}

core::Result<model::Cert> built_in_cert(const std::string& now, std::int64_t now_unix) {
    auto key = jose::Key::generate_rsa(kCertBits);
    if (!key) return key_error(key.error());
    jose::SelfSignedOptions options;
    options.common_name = std::string(kBuiltInCert);
    options.organization = std::string(model::kAdminOwner);
    options.validity_years = kCertYears;
    options.not_before_unix = now_unix;
    options.serial = kCasdoorCertSerial;
    auto cert = jose::self_signed_certificate(*key, options);
    if (!cert) return key_error(cert.error());
    auto private_pem = key->private_pem();
    if (!private_pem) return key_error(private_pem.error());
    model::Cert c;
    c.owner = std::string(model::kAdminOwner);
    c.name = std::string(kBuiltInCert);
    c.created_time = now;
    c.display_name = "Built-in Cert";
    c.scope = "JWT";
    c.type = "x509";
    c.crypto_algorithm = "RS256";
    c.bit_size = kCertBits;
    c.expire_in_years = kCertYears;
    c.certificate = cert->pem();
    c.private_key = std::move(private_pem).value();
    return c;
}

model::Application built_in_application(const std::string& now, core::Random& random) {
    model::Application app;
    app.owner = std::string(model::kAdminOwner);
    app.name = std::string(kBuiltInApplication);
    app.created_time = now;
    app.display_name = "Casdoor";
    app.category = "Default";
    app.type = "All";
    app.organization = std::string(model::kBuiltInOrganization);
    app.cert = std::string(kBuiltInCert);
    app.enable_password = true;
    app.enable_sign_up = true;
    app.token_format = "JWT";
    app.expire_in_hours = 168;
    app.refresh_expire_in_hours = 0;
    app.cookie_expire_in_hours = 720;
    app.redirect_uris = {};
    app.homepage_url = "https://casdoor.org";
    app.client_id = model::generate_client_id(random);
    app.client_secret = model::generate_client_secret(random);
    return app;
}

core::Result<model::User> built_in_admin(const std::string& now, core::Random& random,
                                         const std::string& password) {
    auto hashed = password::hash_password(password, password::PasswordType::kArgon2id, random);
    if (!hashed) return std::move(hashed).error();
    model::User u;
    u.owner = std::string(model::kBuiltInOrganization);
    u.name = std::string(kBuiltInAdmin);
    u.created_time = now;
    u.id = core::uuid_v4(random);
    u.type = "normal-user";
    u.display_name = "Admin";
    u.email = "admin@example.com";
    u.phone = "12345678910";
    u.country_code = "US";
    u.affiliation = "Example Inc.";
    u.tag = "staff";
    u.score = 2000;
    u.ranking = 1;
    u.is_admin = true;
    u.signup_application = std::string(kBuiltInApplication);
    u.register_type = "Add User";
    u.register_source = "built-in/admin";
    u.created_ip = "127.0.0.1";
    u.password = hashed->hash;
    u.password_salt = hashed->salt;
    u.password_type = std::string(password::to_string(hashed->type));
    return u;
}

}  // namespace

store::Task<core::Result<BootstrapResult>> bootstrap(store::Store& store,
                                                     std::optional<std::string> admin_password) {
    if (admin_password && admin_password->empty()) {
        co_return core::Error::invalid_argument("WARD_ADMIN_PASSWORD must not be empty");
    }
    std::string owner(model::kAdminOwner);
    std::string org_name(model::kBuiltInOrganization);
    auto existing = co_await store.get<model::Organization>(owner, org_name);
    if (existing) co_return BootstrapResult{};
    if (existing.error().kind() != core::ErrorKind::kNotFound) {
        co_return std::move(existing).error();
    }

    // Everything slow (the RSA key, argon2id) happens before the transaction opens.
    std::string now = store.now_text();
    auto cert = built_in_cert(now, store.clock().unix_seconds());
    if (!cert) co_return std::move(cert).error();
    BootstrapResult result;
    std::string password;
    if (admin_password) {
        password = *admin_password;
    } else {
        password = store.random().alphanumeric(kGeneratedPasswordLength);
        result.generated_admin_password = password;
    }
    auto admin = built_in_admin(now, store.random(), password);
    if (!admin) co_return std::move(admin).error();
    model::Organization org = built_in_organization(now);
    model::Application app = built_in_application(now, store.random());

    auto tx = co_await store.database().begin();
    if (!tx)
        co_return core::Error::internal("first start: " + tx.error().message(), "database-error");
    // The organization goes first: its primary key decides between concurrent first starts.
    auto added = co_await store.add(*tx, org);
    if (!added) {
        if (added.error().code() == "already-exists") co_return BootstrapResult{};
        co_return std::move(added).error();
    }
    auto r1 = co_await store.add(*tx, *cert);
    if (!r1) co_return std::move(r1).error();
    auto r2 = co_await store.add(*tx, app);
    if (!r2) co_return std::move(r2).error();
    auto r3 = co_await store.add(*tx, *admin);
    if (!r3) co_return std::move(r3).error();
    auto committed = co_await tx->commit();
    if (!committed) {
        if (committed.error().reason() == sql::DbErrorKind::kUniqueViolation) {
            co_return BootstrapResult{};
        }
        co_return core::Error::internal("first start: " + committed.error().message(),
                                        "database-error");
    }
    result.created = true;
    co_return result;
}

}  // namespace ward::idp::server
