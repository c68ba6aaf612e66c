#include "core/encoding.hpp"

#include <gtest/gtest.h>

#include "core/random.hpp"

namespace ward::core {
namespace {

// RFC 4648 §10 test vectors.
TEST(Base64Test, Rfc4648Vectors) {
    EXPECT_EQ(base64_encode(""), "");
    EXPECT_EQ(base64_encode("f"), "Zg==");
    EXPECT_EQ(base64_encode("fo"), "Zm8=");
    EXPECT_EQ(base64_encode("foo"), "Zm9v");
    EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
    EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
    EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(*base64_decode("Zm9vYmE="), "fooba");
    EXPECT_EQ(*base64_decode("Zg=="), "f");
}

TEST(Base64Test, RejectsMalformed) {
    EXPECT_FALSE(base64_decode("Zg"));     // missing padding
    EXPECT_FALSE(base64_decode("Zm9v!"));  // bad character
    EXPECT_FALSE(base64_decode("Zm-_"));   // url alphabet in standard base64
    EXPECT_FALSE(base64_decode("Zh=="));   // non-zero trailing bits
}

// RFC 7515 §2: base64url without padding.
TEST(Base64UrlTest, RoundTripsAllByteValues) {
    std::string all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
    std::string enc = base64url_encode(all);
    EXPECT_EQ(enc.find('='), std::string::npos);
    EXPECT_EQ(enc.find('+'), std::string::npos);
    EXPECT_EQ(enc.find('/'), std::string::npos);
    EXPECT_EQ(*base64url_decode(enc), all);
    // JOSE header from RFC 7515 A.1.
    EXPECT_EQ(*base64url_decode("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"),
              "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}");
}

TEST(Base64UrlTest, AppendAddsTheEncodingAfterWhatIsThere) {
    // RFC 4648 §10's vectors, without padding, after a prefix that must stay.
    const std::pair<const char*, const char*> vectors[] = {
        {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},         {"foo", "Zm9v"},
        {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};
    for (const auto& [in, out] : vectors) {
        std::string s = "head.";
        base64url_append(s, in);
        EXPECT_EQ(s, std::string("head.") + out) << in;
        EXPECT_EQ(base64url_encode(in), out) << in;
    }
}

TEST(Base64UrlTest, RejectsMalformed) {
    EXPECT_FALSE(base64url_decode("a"));       // impossible length
    EXPECT_FALSE(base64url_decode("ab+c"));    // standard alphabet
    EXPECT_FALSE(base64url_decode("ab c"));    // space
    EXPECT_FALSE(base64url_decode("ab\xff"));  // high byte
    EXPECT_FALSE(base64url_decode("Zh"));      // non-canonical trailing bits
    auto r = base64url_decode("!!!!");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), "bad-encoding");
}

TEST(HexTest, RoundTripAndErrors) {
    EXPECT_EQ(hex_encode("\x01\xab\xff"), "01abff");
    EXPECT_EQ(*hex_decode("01ABff"), "\x01\xab\xff");
    EXPECT_FALSE(hex_decode("abc"));
    EXPECT_FALSE(hex_decode("zz"));
}

TEST(UuidTest, Version4Format) {
    SeededRandom rnd(7);
    std::string u = uuid_v4(rnd);
    EXPECT_TRUE(is_uuid(u));
    EXPECT_EQ(u[14], '4');
    EXPECT_TRUE(u[19] == '8' || u[19] == '9' || u[19] == 'a' || u[19] == 'b');
    EXPECT_NE(uuid_v4(rnd), u);
    EXPECT_FALSE(is_uuid("not-a-uuid"));
    EXPECT_FALSE(is_uuid("0123456789abcdef0123456789abcdef0123"));
}

TEST(UuidTest, Version7CarriesTheMillisecondsFirst) {
    SeededRandom rnd(7);
    // 1796083200123 ms = 0x01a22ee6b07b.
    const std::int64_t ms = 1796083200123;
    std::string u = uuid_v7(ms, rnd);
    EXPECT_TRUE(is_uuid(u));
    EXPECT_EQ(u.substr(0, 13), "01a22ee6-b07b") << u;
    EXPECT_EQ(u[14], '7');
    EXPECT_TRUE(u[19] == '8' || u[19] == '9' || u[19] == 'a' || u[19] == 'b');
    // Same millisecond: random tails differ; a later millisecond sorts after.
    EXPECT_NE(uuid_v7(ms, rnd), u);
    EXPECT_LT(u, uuid_v7(ms + 1, rnd));
    EXPECT_LT(uuid_v7(ms, rnd), uuid_v7(ms + 1000, rnd));
    EXPECT_EQ(uuid_v7(-5, rnd).substr(0, 13), "00000000-0000");
}

TEST(ConstantTimeEqualTest, ComparesWholeInputs) {
    EXPECT_TRUE(constant_time_equal("secret", "secret"));
    EXPECT_FALSE(constant_time_equal("secret", "secreT"));
    EXPECT_FALSE(constant_time_equal("secret", "secret2"));
    EXPECT_FALSE(constant_time_equal("", "x"));
    EXPECT_TRUE(constant_time_equal("", ""));
}

TEST(UrlEncodingTest, RoundTripAndErrors) {
    EXPECT_EQ(url_encode("http://localhost:8080/login?a=b c"),
              "http%3A%2F%2Flocalhost%3A8080%2Flogin%3Fa%3Db%20c");
    EXPECT_EQ(*url_decode("a+b%20c%2F"), "a b c/");
    EXPECT_EQ(*url_decode("a+b", false), "a+b");
    EXPECT_FALSE(url_decode("%"));
    EXPECT_FALSE(url_decode("%2"));
    EXPECT_FALSE(url_decode("%zz"));
}

}  // namespace
TEST(EncodingTest, HtmlEscapeEscapesEveryHtmlSpecialCharacter) {
    EXPECT_EQ(html_escape(R"(<a href="x">'&'</a>)"),
              "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    EXPECT_EQ(html_escape("plain text"), "plain text");
    EXPECT_EQ(html_escape(""), "");
}

}  // namespace ward::core
