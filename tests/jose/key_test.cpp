#include "jose/key.hpp"

#include <gtest/gtest.h>

#include "jose/test_keys.hpp"

namespace ward::jose {
namespace {

Key load(std::string_view pem) {
    auto key = Key::from_pem(pem);
    EXPECT_TRUE(key.has_value()) << (key ? "" : key.error().to_string());
    return std::move(key).value();
}

TEST(KeyTest, ReadsEveryPemForm) {
    struct Case {
        std::string_view pem;
        KeyType type;
        bool can_sign;
        int bits;
    } cases[] = {
        {test::kRsaPrivatePkcs8, KeyType::kRsa, true, 2048},
        {test::kRsaPrivatePkcs1, KeyType::kRsa, true, 2048},
        {test::kRsaPublicSpki, KeyType::kRsa, false, 2048},
        {test::kRsaPublicPkcs1, KeyType::kRsa, false, 2048},
        {test::kRsaCertificate, KeyType::kRsa, false, 2048},
        {test::kP256Private, KeyType::kEc, true, 256},
        {test::kP256PrivateSec1, KeyType::kEc, true, 256},
        {test::kP256Public, KeyType::kEc, false, 256},
        {test::kP384Private, KeyType::kEc, true, 384},
        {test::kP521Private, KeyType::kEc, true, 521},
        {test::kEd25519Private, KeyType::kOkp, true, 256},
        {test::kEd25519Public, KeyType::kOkp, false, 256},
    };
    for (const auto& c : cases) {
        auto key = Key::from_pem(c.pem);
        ASSERT_TRUE(key.has_value()) << c.pem.substr(0, 40) << key.error().to_string();
        EXPECT_EQ(key->type(), c.type);
        EXPECT_EQ(key->can_sign(), c.can_sign);
        EXPECT_EQ(key->bits(), c.bits);
    }
}

TEST(KeyTest, AllFormsOfOneKeyAreTheSameKey) {
    Key pkcs8 = load(test::kRsaPrivatePkcs8);
    EXPECT_TRUE(pkcs8.same_key(load(test::kRsaPrivatePkcs1)));
    EXPECT_TRUE(pkcs8.same_key(load(test::kRsaPublicSpki)));
    EXPECT_TRUE(pkcs8.same_key(load(test::kRsaPublicPkcs1)));
    EXPECT_TRUE(pkcs8.same_key(load(test::kRsaCertificate)));
    EXPECT_FALSE(pkcs8.same_key(load(test::kRsa2Public)));
    EXPECT_FALSE(pkcs8.same_key(load(test::kP256Public)));
}

TEST(KeyTest, ReportsCurves) {
    EXPECT_EQ(load(test::kP256Private).curve(), "P-256");
    EXPECT_EQ(load(test::kP384Private).curve(), "P-384");
    EXPECT_EQ(load(test::kP521Private).curve(), "P-521");
    EXPECT_EQ(load(test::kEd25519Public).curve(), "Ed25519");
    EXPECT_FALSE(load(test::kRsaPublicSpki).curve().has_value());
}

TEST(KeyTest, RefusesMalformedPem) {
    const std::string body(test::kRsaPublicSpki);
    std::string corrupted = body;
    corrupted[40] = corrupted[40] == 'A' ? 'B' : 'A';  // a flipped DER byte
    std::string truncated = body.substr(0, 100) + "\n-----END PUBLIC KEY-----\n";
    for (std::string_view bad :
         {std::string_view(""), std::string_view("not a pem"),
          std::string_view("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n"),
          std::string_view("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n"),
          std::string_view("-----BEGIN PUBLIC KEY-----\nMIIB\n"),
          std::string_view("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n"),
          std::string_view(truncated)}) {
        auto key = Key::from_pem(bad);
        ASSERT_FALSE(key.has_value()) << bad;
        EXPECT_EQ(key.error().code(), "invalid-pem") << bad;
    }
    auto flipped = Key::from_pem(corrupted);
    if (flipped) {
        // A flipped byte inside the modulus still parses; it must then be a different key.
        EXPECT_FALSE(flipped->same_key(load(test::kRsaPublicSpki)));
    }
}

// Casdoor stores PEM strings as entered; Windows line endings and text around the block happen.
TEST(KeyTest, ReadsPemWithCrlfAndSurroundingText) {
    std::string crlf;
    for (char c : test::kP256Private) {
        if (c == '\n') crlf += '\r';
        crlf += c;
    }
    auto key = Key::from_pem("  some label\r\n" + crlf + "trailing text");
    ASSERT_TRUE(key.has_value()) << key.error().to_string();
    EXPECT_TRUE(key->same_key(load(test::kP256Private)));
}

TEST(KeyTest, RefusesEncryptedPrivateKeys) {
    auto key = Key::from_pem(
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n"
        "-----END ENCRYPTED PRIVATE KEY-----\n");
    ASSERT_FALSE(key.has_value());
    EXPECT_EQ(key.error().code(), "invalid-pem");
}

TEST(KeyTest, RefusesUnsupportedKeyTypes) {
    for (std::string_view pem : {test::kSecp256k1Private, test::kEd448Private}) {
        auto key = Key::from_pem(pem);
        ASSERT_FALSE(key.has_value());
        EXPECT_EQ(key.error().code(), "unsupported-key");
    }
}

TEST(KeyTest, GeneratesKeysThatRoundTripThroughPem) {
    auto rsa = Key::generate_rsa(2048);
    ASSERT_TRUE(rsa.has_value());
    auto ec = Key::generate_ec("P-384");
    ASSERT_TRUE(ec.has_value());
    Key ed = Key::generate_ed25519();
    for (const Key& key : {*rsa, *ec, ed}) {
        ASSERT_TRUE(key.can_sign());
        auto pem = key.private_pem();
        ASSERT_TRUE(pem.has_value());
        EXPECT_EQ(pem->rfind("-----BEGIN PRIVATE KEY-----", 0), 0u);
        Key back = load(*pem);
        EXPECT_TRUE(back.can_sign());
        EXPECT_TRUE(back.same_key(key));
        auto pub_pem = key.public_pem();
        ASSERT_TRUE(pub_pem.has_value());
        EXPECT_EQ(pub_pem->rfind("-----BEGIN PUBLIC KEY-----", 0), 0u);
        Key pub = load(*pub_pem);
        EXPECT_FALSE(pub.can_sign());
        EXPECT_TRUE(pub.same_key(key));
    }
    EXPECT_EQ(rsa->bits(), 2048);
    EXPECT_EQ(ec->curve(), "P-384");
}

TEST(KeyTest, RefusesBadGenerationParameters) {
    for (int bits : {0, 1024, 2047, 2050, 20000}) {
        auto key = Key::generate_rsa(bits);
        ASSERT_FALSE(key.has_value()) << bits;
        EXPECT_EQ(key.error().code(), "invalid-key-params");
    }
    for (std::string_view curve : {"", "P-224", "secp256k1", "p-256"}) {
        auto key = Key::generate_ec(curve);
        ASSERT_FALSE(key.has_value()) << curve;
        EXPECT_EQ(key.error().code(), "invalid-key-params");
    }
}

TEST(KeyTest, PublicKeyDropsThePrivatePart) {
    Key priv = load(test::kP256Private);
    auto pub = priv.public_key();
    ASSERT_TRUE(pub.has_value());
    EXPECT_FALSE(pub->can_sign());
    EXPECT_TRUE(pub->same_key(priv));
    EXPECT_FALSE(pub->private_pem().has_value());
}

TEST(KeyTest, HmacSecretRules) {
    auto secret = Key::hmac_secret("0123456789abcdef0123456789abcdef");
    ASSERT_TRUE(secret.has_value());
    EXPECT_TRUE(secret->is_symmetric());
    EXPECT_TRUE(secret->can_sign());
    EXPECT_EQ(secret->bits(), 256);
    EXPECT_FALSE(secret->public_key().has_value());
    EXPECT_FALSE(secret->public_pem().has_value());
    EXPECT_FALSE(secret->private_pem().has_value());
    EXPECT_TRUE(secret->same_key(*Key::hmac_secret("0123456789abcdef0123456789abcdef")));
    EXPECT_FALSE(secret->same_key(*Key::hmac_secret("0123456789abcdef0123456789abcdeF")));

    EXPECT_EQ(Key::hmac_secret("").error().code(), "invalid-key");
    // A public key's PEM must never become an HMAC secret (alg confusion, RFC 8725 §2.1).
    auto pem = Key::hmac_secret(std::string(test::kRsaPublicSpki));
    ASSERT_FALSE(pem.has_value());
    EXPECT_EQ(pem.error().code(), "invalid-key");
}

TEST(KeyTest, FitsFollowsTheFamilyAndCurve) {
    Key rsa = load(test::kRsaPublicSpki);
    Key p256 = load(test::kP256Public);
    Key p384 = load(test::kP384Private);
    Key ed = load(test::kEd25519Public);
    Key secret = *Key::hmac_secret(std::string(64, 'k'));
    EXPECT_TRUE(rsa.fits(Algorithm::kRS256));
    EXPECT_TRUE(rsa.fits(Algorithm::kPS512));
    EXPECT_FALSE(rsa.fits(Algorithm::kHS256));
    EXPECT_FALSE(rsa.fits(Algorithm::kES256));
    EXPECT_TRUE(p256.fits(Algorithm::kES256));
    EXPECT_FALSE(p256.fits(Algorithm::kES384));
    EXPECT_TRUE(p384.fits(Algorithm::kES384));
    EXPECT_FALSE(p384.fits(Algorithm::kES512));
    EXPECT_TRUE(ed.fits(Algorithm::kEdDSA));
    EXPECT_FALSE(ed.fits(Algorithm::kES256));
    EXPECT_TRUE(secret.fits(Algorithm::kHS512));
    EXPECT_FALSE(secret.fits(Algorithm::kRS256));
}

TEST(KeyTest, PublicKeysFromParametersValidateInput) {
    EXPECT_EQ(Key::from_rsa_public("", "\x01\x00\x01").error().code(), "invalid-key");
    EXPECT_EQ(Key::from_rsa_public(std::string(256, '\xff'), "").error().code(), "invalid-key");
    EXPECT_EQ(Key::from_rsa_public(std::string(256, '\xff'), std::string("\x01\x00\x00", 3))
                  .error()
                  .code(),
              "invalid-key");  // even exponent
    EXPECT_EQ(Key::from_rsa_public(std::string(4096, '\xff'), "\x03").error().code(),
              "invalid-key");
    EXPECT_EQ(
        Key::from_ec_public("P-256", std::string(31, 'x'), std::string(32, 'y')).error().code(),
        "invalid-key");
    // (1, 1) is not on P-256: an invalid-curve point must never become a key.
    std::string one(32, '\0');
    one[31] = 1;
    EXPECT_EQ(Key::from_ec_public("P-256", one, one).error().code(), "invalid-key");
    EXPECT_EQ(Key::from_ec_public("P-192", one, one).error().code(), "unsupported-key");
    EXPECT_EQ(Key::from_ed25519_public(std::string(31, 'x')).error().code(), "invalid-key");
}

}  // namespace
}  // namespace ward::jose
