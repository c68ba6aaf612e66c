#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"

namespace ward::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        base = fs::temp_directory_path() /
               ("ward_http_static_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(base);
        root = base / "www";
        fs::create_directories(root / "assets");
        fs::create_directories(root / "docs");
        write(root / "index.html", "<html>index</html>");
        write(root / "assets" / "app.js", "console.log(1)");
        write(root / "assets" / "style.css", "body{}");
        write(root / "assets" / "logo.svg", "<svg/>");
        write(root / "docs" / "index.html", "docs");
        write(root / "blob.bin", "bin");
        write(base / "secret.txt", "top secret");
        fs::create_symlink(base / "secret.txt", root / "link.txt");
    }
    void TearDown() override { fs::remove_all(base); }
    static void write(const fs::path& p, std::string_view content) {
        std::ofstream(p, std::ios::binary) << content;
    }
    Response get(const StaticFiles& files, std::string_view target, Headers h = {}) {
        auto req = Request::make(Method::kGet, target, h);
        EXPECT_TRUE(req.has_value()) << target;
        return files.serve(*req);
    }
    fs::path base;
    fs::path root;
};

TEST_F(StaticFilesTest, ServesFilesWithContentTypes) {
    StaticFiles files({.root = root});
    auto index = get(files, "/");
    EXPECT_EQ(index.status(), 200u);
    EXPECT_EQ(index.body(), "<html>index</html>");
    EXPECT_EQ(index.header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(get(files, "/assets/app.js").header("Content-Type"),
              "text/javascript; charset=utf-8");
    EXPECT_EQ(get(files, "/assets/style.css").header("Content-Type"), "text/css; charset=utf-8");
    EXPECT_EQ(get(files, "/assets/logo.svg").header("Content-Type"), "image/svg+xml");
    EXPECT_EQ(get(files, "/blob.bin").header("Content-Type"), "application/octet-stream");
    EXPECT_EQ(get(files, "/docs").body(), "docs");
    EXPECT_EQ(get(files, "/missing.js").status(), 404u);
    EXPECT_EQ(content_type_for("A.PNG"), "image/png");
    EXPECT_EQ(content_type_for("noext"), "application/octet-stream");
}

TEST_F(StaticFilesTest, EtagAndIfNoneMatch) {
    StaticFiles files({.root = root});
    auto first = get(files, "/assets/app.js");
    auto etag = first.header("ETag");
    ASSERT_TRUE(etag.has_value());
    std::string tag(*etag);
    Headers h;
    h.add("If-None-Match", "\"other\", " + tag);
    auto again = get(files, "/assets/app.js", h);
    EXPECT_EQ(again.status(), 304u);
    EXPECT_TRUE(again.body().empty());
    EXPECT_EQ(again.header("ETag"), tag);
    Headers weak;
    weak.add("If-None-Match", "W/" + tag);
    EXPECT_EQ(get(files, "/assets/app.js", weak).status(), 304u);
    Headers stale;
    stale.add("If-None-Match", "\"stale\"");
    EXPECT_EQ(get(files, "/assets/app.js", stale).status(), 200u);

    // A changed file gets a new tag.
    write(root / "assets" / "app.js", "console.log(22)");
    EXPECT_NE(get(files, "/assets/app.js").header("ETag"), tag);
}

TEST_F(StaticFilesTest, TraversalIsRefused) {
    StaticFiles files({.root = root, .spa_fallback = false});
    for (std::string_view target :
         {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
          "/%2E%2E/%2e%2e/etc/passwd", "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt",
          "/..%5csecret.txt", "/assets/./app.js", "/assets//app.js", "/link.txt",
          "/../../etc/passwd"}) {
        auto res = get(files, target);
        EXPECT_EQ(res.status(), 404u) << target;
        EXPECT_EQ(res.body().find("top secret"), std::string::npos) << target;
    }
}

TEST_F(StaticFilesTest, PrefixAndSpaFallback) {
    StaticFiles files({.root = root, .url_prefix = "/console/", .spa_fallback = true});
    EXPECT_EQ(get(files, "/console").body(), "<html>index</html>");
    EXPECT_EQ(get(files, "/console/assets/app.js").body(), "console.log(1)");
    // Client-side routes get index.html.
    EXPECT_EQ(get(files, "/console/data/users").body(), "<html>index</html>");
    // Outside the prefix and API paths: 404.
    EXPECT_EQ(get(files, "/consolex").status(), 404u);
    EXPECT_EQ(get(files, "/assets/app.js").status(), 404u);
    // Traversal never falls back to reveal anything else either.
    EXPECT_EQ(get(files, "/console/%2e%2e/secret.txt").status(), 404u);

    StaticFiles root_spa({.root = root, .spa_fallback = true});
    EXPECT_EQ(get(root_spa, "/login/callback").body(), "<html>index</html>");
    EXPECT_EQ(get(root_spa, "/api/unknown").status(), 404u);
    EXPECT_EQ(get(root_spa, "/v1/unknown").status(), 404u);
}

TEST_F(StaticFilesTest, OnlyGetAndHead) {
    StaticFiles files({.root = root});
    auto req = Request::make(Method::kPost, "/index.html");
    auto res = files.serve(*req);
    EXPECT_EQ(res.status(), 405u);
    EXPECT_EQ(res.header("Allow"), "GET, HEAD");
}

TEST_F(StaticFilesTest, MissingRootServesNothing) {
    StaticFiles files({.root = base / "nope", .spa_fallback = true});
    EXPECT_EQ(get(files, "/").status(), 404u);
}

TEST_F(StaticFilesTest, ThroughTheServerRawTraversalIsRefused) {
    Router router;
    router.set_fallback(StaticFiles({.root = root}).handler());
    test::TestServer server(std::move(router));
    for (std::string_view target :
         {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/../secret.txt"}) {
        test::RawClient raw(server.port());
        raw.send("GET " + std::string(target) +
                 " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        std::string response = raw.read_all();
        EXPECT_EQ(test::status_of(response), 404u) << target;
        EXPECT_EQ(response.find("root:"), std::string::npos);
        EXPECT_EQ(response.find("top secret"), std::string::npos);
    }
    test::RawClient ok(server.port());
    ok.send("GET /assets/app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    std::string response = ok.read_all();
    EXPECT_EQ(test::status_of(response), 200u);
    EXPECT_NE(response.find("console.log(1)"), std::string::npos);
}

}  // namespace
}  // namespace ward::http
