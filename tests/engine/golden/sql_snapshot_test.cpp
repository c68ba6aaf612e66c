// The SQL snapshot format of the golden runner: layout, blocks, diff and the locked rewrite.
#include "engine/golden/sql_snapshot.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/random.hpp"

namespace ward::engine::server::testing {
namespace {

std::string squash(std::string s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == '\n' || c == ' ') {
            space = true;
            continue;
        }
        if (space && !out.empty() && out.back() != '(') out += ' ';
        space = false;
        out += c;
    }
    return out;
}

TEST(SqlSnapshot, LayoutBreaksBeforeClausesOutsideQuotesAndKeepsTheText) {
    const std::string sql =
        "SELECT (json_build_object('FROM x', (SELECT \"WHERE \" FROM \"t\" AS \"_t0\" WHERE "
        "(1 = 1) ORDER BY \"_t0\".\"id\" ASC LIMIT $1)))::text AS \"data\"";
    const std::string out = layout_sql(sql);
    EXPECT_EQ(out,
              "SELECT (json_build_object('FROM x', (\n"
              "      SELECT \"WHERE \"\n"
              "      FROM \"t\" AS \"_t0\"\n"
              "      WHERE (1 = 1)\n"
              "      ORDER BY \"_t0\".\"id\" ASC\n"
              "      LIMIT $1)))::text AS \"data\"");
    EXPECT_EQ(squash(out), sql);
    // A doubled quote inside a literal does not end it.
    EXPECT_EQ(layout_sql("SELECT 'it''s FROM here' FROM t"), "SELECT 'it''s FROM here'\nFROM t");
    EXPECT_EQ(layout_sql(""), "");
}

TEST(SqlSnapshot, DescribesStepsParamsAndNormalisesTheSchema) {
    sqlgen::SqlStatement st;
    st.is_mutation = true;
    st.single_statement = true;
    st.steps.push_back(sqlgen::SqlStep{
        .kind = sqlgen::StepKind::kResult,
        .text = "SELECT 1 FROM \"gx_ab12cd34\".\"t\" WHERE \"gx_ab12cd34\".\"t\".a = $1",
        .params = {sqlgen::ParamRef{.slot = 2, .scalar = catalog::ScalarType::kInt},
                   sqlgen::ParamRef{
                       .slot = 0, .scalar = catalog::ScalarType::kString, .array = true},
                   sqlgen::ParamRef{.slot = 1, .capture = true}, sqlgen::ParamRef{.session = true}},
        .key = "insert_t"});
    st.steps.push_back(
        sqlgen::SqlStep{.kind = sqlgen::StepKind::kConstant, .text = "\"x\"", .key = "k"});
    EXPECT_EQ(describe_statement(st, "gx_ab12cd34"),
              "-- one statement (no BEGIN/COMMIT)\n"
              "-- step 1: result, key insert_t\n"
              "--   $1 = slot 2 as integer\n"
              "--   $2 = slot 0 as text[]\n"
              "--   $3 = capture 1\n"
              "--   $4 = session variables\n"
              "SELECT 1\nFROM \"<schema>\".\"t\"\nWHERE \"<schema>\".\"t\".a = $1\n"
              "-- step 2: constant, key k\n"
              "\"x\"\n");
}

TEST(SqlSnapshot, ParsesAndRendersBlocks) {
    const std::string text = "-- header\n\n-- case: a\nSELECT 1\n\n\n-- case: b\n-- no SQL\n";
    const SnapshotFile f = parse_snapshot(text);
    EXPECT_EQ(f.header, "-- header\n");
    ASSERT_EQ(f.blocks.size(), 2u);
    ASSERT_NE(f.find("a"), nullptr);
    EXPECT_EQ(*f.find("a"), "SELECT 1\n");
    EXPECT_EQ(*f.find("b"), "-- no SQL\n");
    EXPECT_EQ(f.find("c"), nullptr);
    EXPECT_EQ(render_snapshot(f), "-- header\n\n-- case: a\nSELECT 1\n\n-- case: b\n-- no SQL\n");
    EXPECT_EQ(parse_snapshot(render_snapshot(f)).blocks, f.blocks);
    // Garbage is kept as header text, never a crash.
    EXPECT_TRUE(parse_snapshot("no marker\x01\n").blocks.empty());
    EXPECT_TRUE(parse_snapshot("").blocks.empty());
}

TEST(SqlSnapshot, DiffMarksRemovedAndAddedLines) {
    EXPECT_EQ(line_diff("a\nb\nc", "a\nx\nc"), "  a\n- b\n+ x\n  c\n");
    EXPECT_EQ(line_diff("", "a"), "+ a\n");
    EXPECT_EQ(line_diff("a", ""), "- a\n");
    EXPECT_EQ(line_diff("a\nb", "a\nb"), "  a\n  b\n");
}

TEST(SqlSnapshot, UpdateKeepsOtherBlocksInCaseOrderAndDropsStaleOnes) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("ward_snapshot_" + core::SystemRandom().alphanumeric(8) + ".sql");
    const std::vector<std::string> order = {"one", "two", "three"};
    EXPECT_EQ(update_snapshot(path.string(), "-- h", order, "two", "B\n"), "");
    EXPECT_EQ(update_snapshot(path.string(), "-- h", order, "one", "A\n"), "");
    EXPECT_EQ(*read_text_file(path.string()), "-- h\n-- case: one\nA\n\n-- case: two\nB\n");
    // A block of a case no longer in the suite goes; a changed block is replaced in place.
    EXPECT_EQ(update_snapshot(path.string(), "-- h", {"one", "three"}, "one", "A2\n"), "");
    EXPECT_EQ(*read_text_file(path.string()), "-- h\n-- case: one\nA2\n");
    std::filesystem::remove(path);
    EXPECT_FALSE(read_text_file(path.string()).has_value());
    EXPECT_NE(update_snapshot("/nonexistent-dir/x.sql", "", order, "one", "A\n"), "");
}

}  // namespace
}  // namespace ward::engine::server::testing
