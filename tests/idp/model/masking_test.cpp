// What non-admins (and everyone) see of secrets: casdoor.md §1.3, §1.4, §1.8.
#include "idp/model/masking.hpp"

#include <gtest/gtest.h>

namespace ward::idp::model {
namespace {

User secret_user() {
    User u;
    u.owner = "acme";
    u.name = "alice";
    u.password = "$2b$10$abcdefghijklmnopqrstuv";
    u.password_salt = "salt";
    u.totp_secret = "JBSWY3DPEHPK3PXP";
    u.recovery_codes = {"r1", "r2"};
    u.access_key = "ak";
    u.access_secret = "as";
    u.email = "alice@example.com";
    return u;
}

TEST(ModelMaskingTest, PasswordIsMaskedForEveryReader) {
    EXPECT_EQ(mask_user(secret_user(), Viewer::kAdmin).password, "***");
    EXPECT_EQ(mask_user(secret_user(), Viewer::kNonAdmin).password, "***");
}

TEST(ModelMaskingTest, NonAdminsSeeNoCredentials) {
    User m = mask_user(secret_user(), Viewer::kNonAdmin);
    EXPECT_EQ(m.password_salt, "***");
    EXPECT_EQ(m.totp_secret, "***");
    EXPECT_EQ(m.access_secret, "***");
    EXPECT_TRUE(m.recovery_codes.empty());
    EXPECT_EQ(m.email, "alice@example.com");
    EXPECT_EQ(m.access_key, "ak");
    User a = mask_user(secret_user(), Viewer::kAdmin);
    EXPECT_EQ(a.totp_secret, "JBSWY3DPEHPK3PXP");
}

TEST(ModelMaskingTest, EmptySecretsStayEmpty) {
    User u;
    User m = mask_user(u, Viewer::kNonAdmin);
    EXPECT_EQ(m.password, "");
    EXPECT_EQ(m.totp_secret, "");
}

TEST(ModelMaskingTest, ApplicationSecretsForNonAdmins) {
    Application app;
    app.client_id = "cid";
    app.client_secret = "secret";
    app.client_cert = "cc";
    app.registration_access_token = "rat";
    app.ip_whitelist = "10.0.0.0/8";
    app.backchannel_logout_uri = "https://rp/logout";
    Application m = mask_application(app, Viewer::kNonAdmin);
    EXPECT_EQ(m.client_id, "cid");
    EXPECT_EQ(m.client_secret, "***");
    EXPECT_EQ(m.client_cert, "***");
    EXPECT_EQ(m.cert, "***");
    EXPECT_EQ(m.registration_access_token, "***");
    EXPECT_EQ(m.ip_whitelist, "***");
    EXPECT_EQ(m.backchannel_logout_uri, "***");
    EXPECT_EQ(mask_application(app, Viewer::kAdmin).client_secret, "secret");
    Application login = mask_application_for_login(app);
    EXPECT_EQ(login.client_secret, "");
    EXPECT_EQ(login.cert, "***");
    EXPECT_TRUE(is_masked(m.client_secret));
    EXPECT_FALSE(is_masked(login.client_secret));
}

TEST(ModelMaskingTest, CertAndOrganizationSecrets) {
    Cert cert;
    cert.certificate = "-----BEGIN CERTIFICATE-----";
    cert.private_key = "-----BEGIN RSA PRIVATE KEY-----";
    cert.access_secret = "x";
    Cert m = mask_cert(cert, Viewer::kNonAdmin);
    EXPECT_EQ(m.private_key, "***");
    EXPECT_EQ(m.access_secret, "***");
    EXPECT_EQ(m.certificate, cert.certificate);
    EXPECT_EQ(mask_cert(cert, Viewer::kAdmin).private_key, cert.private_key);

    Organization org;
    org.master_password = "mp";
    org.default_password = "dp";
    org.password_salt = "ps";
    Organization mo = mask_organization(org, Viewer::kNonAdmin);
    EXPECT_EQ(mo.master_password, "***");
    EXPECT_EQ(mo.default_password, "***");
    EXPECT_EQ(mo.password_salt, "***");
    EXPECT_EQ(mo.master_verification_code, "");
    EXPECT_EQ(mask_organization(org, Viewer::kAdmin).master_password, "mp");
}

}  // namespace
}  // namespace ward::idp::model
