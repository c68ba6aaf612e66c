#include "jose/x509.hpp"

#include <gtest/gtest.h>

#include "core/encoding.hpp"
#include "jose/digest.hpp"
#include "jose/jwk.hpp"
#include "jose/test_keys.hpp"

namespace ward::jose {
namespace {

Key load(std::string_view pem) { return Key::from_pem(pem).value(); }

SelfSignedOptions casdoor_options() {
    SelfSignedOptions o;
    o.common_name = "cert-built-in";
    o.organization = "admin";
    o.validity_years = 20;
    o.not_before_unix = 1'700'000'000;  // 2023-11-14T22:13:20Z
    o.serial = 123456;
    return o;
}

TEST(X509Test, SelfSignsForEveryKeyType) {
    for (std::string_view pem : {test::kRsaPrivatePkcs8, test::kP256Private, test::kP384Private,
                                 test::kP521Private, test::kEd25519Private}) {
        Key key = load(pem);
        auto cert = self_signed_certificate(key, casdoor_options());
        ASSERT_TRUE(cert.has_value()) << cert.error().to_string();
        EXPECT_TRUE(cert->public_key().same_key(key));
        EXPECT_EQ(cert->subject_common_name(), "cert-built-in");
        EXPECT_EQ(cert->subject_organization(), "admin");
        EXPECT_EQ(cert->not_before_unix(), 1'700'000'000);
        // 20 calendar years later: 2043-11-14T22:13:20Z.
        EXPECT_EQ(cert->not_after_unix(), 2'331'152'000);
        // The PEM reads back, as a certificate and as a key.
        std::string pem_text = cert->pem();
        EXPECT_EQ(pem_text.rfind("-----BEGIN CERTIFICATE-----\n", 0), 0u);
        auto back = Certificate::from_pem(pem_text);
        ASSERT_TRUE(back.has_value());
        EXPECT_EQ(back->der(), cert->der());
        EXPECT_TRUE(load(pem_text).same_key(key));
    }
}

TEST(X509Test, IsSignedByItsOwnKey) {
    EXPECT_TRUE(Certificate::from_pem(test::kRsaCertificate)->is_self_signed());
    for (std::string_view pem :
         {test::kRsaPrivatePkcs8, test::kP256Private, test::kEd25519Private}) {
        auto cert = self_signed_certificate(load(pem), casdoor_options()).value();
        EXPECT_TRUE(cert.is_self_signed());
        std::string der = cert.der();
        der[der.size() - 5] ^= 0x01;  // inside the signature value
        auto tampered = Certificate::from_der(der);
        ASSERT_TRUE(tampered.has_value());  // the DER shape is intact; only the signature differs
        EXPECT_FALSE(tampered->is_self_signed());
    }
}

TEST(X509Test, ExportsX5cAndThumbprint) {
    auto cert = Certificate::from_pem(test::kRsaCertificate);
    ASSERT_TRUE(cert.has_value());
    EXPECT_EQ(cert->subject_common_name(), "cert-test");
    EXPECT_EQ(core::base64_decode(cert->x5c()).value(), cert->der());
    EXPECT_EQ(cert->x5t_s256(), core::base64url_encode(sha256(cert->der())));
    EXPECT_EQ(cert->x5t_s256().size(), 43u);
}

TEST(X509Test, FindsTheCertificateInABundle) {
    std::string bundle = std::string(test::kRsaPrivatePkcs8) + std::string(test::kRsaCertificate);
    auto cert = Certificate::from_pem(bundle);
    ASSERT_TRUE(cert.has_value());
    EXPECT_EQ(cert->subject_common_name(), "cert-test");
}

TEST(X509Test, RefusesMalformedCertificates) {
    for (std::string_view pem :
         {std::string_view(""), std::string_view("garbage"), test::kRsaPublicSpki,
          std::string_view("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")}) {
        auto cert = Certificate::from_pem(pem);
        ASSERT_FALSE(cert.has_value());
        EXPECT_EQ(cert.error().code(), "invalid-certificate");
    }
    EXPECT_EQ(Certificate::from_der("").error().code(), "invalid-certificate");
    auto good = Certificate::from_pem(test::kRsaCertificate).value();
    EXPECT_EQ(Certificate::from_der(good.der() + "x").error().code(), "invalid-certificate");
    EXPECT_EQ(Certificate::from_der(good.der().substr(0, 100)).error().code(),
              "invalid-certificate");
}

TEST(X509Test, RefusesBadOptions) {
    Key key = load(test::kP256Private);
    auto with = [&](auto change) {
        SelfSignedOptions o = casdoor_options();
        change(o);
        return self_signed_certificate(key, o);
    };
    EXPECT_EQ(with([](auto& o) { o.common_name.clear(); }).error().code(),
              "invalid-certificate-params");
    EXPECT_EQ(with([](auto& o) { o.validity_years = 0; }).error().code(),
              "invalid-certificate-params");
    EXPECT_EQ(with([](auto& o) { o.validity_years = 101; }).error().code(),
              "invalid-certificate-params");
    EXPECT_EQ(with([](auto& o) { o.serial = 0; }).error().code(), "invalid-certificate-params");
    EXPECT_EQ(with([](auto& o) { o.not_before_unix = -5; }).error().code(),
              "invalid-certificate-params");
    EXPECT_EQ(self_signed_certificate(load(test::kP256Public), casdoor_options()).error().code(),
              "invalid-certificate-params");
    EXPECT_EQ(
        self_signed_certificate(load(test::kRsa1024Private), casdoor_options()).error().code(),
        "invalid-certificate-params");
    EXPECT_EQ(
        self_signed_certificate(Key::hmac_secret("x").value(), casdoor_options()).error().code(),
        "invalid-certificate-params");
}

// The IdP's first start: a fresh RSA-2048 key, its certificate, and the JWKS entry Casdoor emits.
TEST(X509Test, FirstStartFlowProducesAJwksEntry) {
    Key key = Key::generate_rsa(2048).value();
    auto cert = self_signed_certificate(key, casdoor_options());
    ASSERT_TRUE(cert.has_value());
    Jwk jwk = make_jwk(key, "cert-built-in", Algorithm::kRS256).value();
    jwk.x5c = {cert->x5c()};
    auto back = parse_jwk(to_json(jwk));
    ASSERT_TRUE(back.has_value()) << back.error().to_string();
    EXPECT_TRUE(back->key.same_key(key));
}

}  // namespace
}  // namespace ward::jose
