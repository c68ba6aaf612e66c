// SQL snapshots of the golden cases: the SQL each case compiles to on one database, kept in
// cases/<suite>.<dialect>.sql (one block per case) so every change of generated SQL shows up as
// a reviewable diff. This header holds the file format, the readable layout of the SQL, a line
// diff for failure messages and the locked rewrite used by WARD_GOLDEN_UPDATE=1.
#pragma once

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/exec/bind.hpp"
#include "engine/sqlgen/sql_statement.hpp"

namespace ward::engine::server::testing {

// A line break before each clause keyword (outside string literals and quoted identifiers),
// indented by the parenthesis depth there, so a nested subquery reads as a block and a change
// touches few lines. Only whitespace changes (a space before a keyword becomes a line break).
inline std::string layout_sql(std::string_view sql) {
    static constexpr std::array<std::string_view, 14> kKeywords = {
        "SELECT ", "FROM ",        "WHERE ",    "ORDER BY ",    "LIMIT ",
        "OFFSET ", "RETURNING ",   "WITH ",     "INSERT INTO ", "DELETE FROM ",
        "UPDATE ", "ON CONFLICT ", "GROUP BY ", "UNION ALL "};
    std::string out;
    out.reserve(sql.size() + sql.size() / 8);
    int depth = 0;
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (quote != 0) {
            out += c;
            if (c == quote) quote = 0;  // a doubled quote closes and reopens: same result
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            out += c;
            continue;
        }
        if (c == '(') ++depth;
        if (c == ')' && depth > 0) --depth;
        const bool boundary = i > 0 && (sql[i - 1] == ' ' || sql[i - 1] == '(');
        if (boundary) {
            const std::string_view rest = sql.substr(i);
            const bool keyword =
                std::any_of(kKeywords.begin(), kKeywords.end(),
                            [&](std::string_view k) { return rest.starts_with(k); });
            if (keyword) {
                if (!out.empty() && out.back() == ' ') out.pop_back();
                out += '\n';
                out.append(static_cast<std::size_t>(depth) * 2, ' ');
            }
        }
        out += c;
    }
    return out;
}

// How a compiled statement reads in a snapshot: each step's kind, response key and parameters
// as comment lines, then its SQL laid out. `schema` (the PostgreSQL test's per-run schema) is
// replaced by <schema> so the snapshot does not change from run to run.
inline std::string describe_statement(const sqlgen::SqlStatement& st, const std::string& schema) {
    std::string out;
    if (st.single_statement) out += "-- one statement (no BEGIN/COMMIT)\n";
    for (std::size_t i = 0; i < st.steps.size(); ++i) {
        const auto& step = st.steps[i];
        std::string kind;
        switch (step.kind) {
            case sqlgen::StepKind::kResult:
                kind = "result";
                break;
            case sqlgen::StepKind::kCheckedResult:
                kind = "checked result";
                break;
            case sqlgen::StepKind::kEffect:
                kind = "effect";
                break;
            case sqlgen::StepKind::kCapture:
                kind = "capture into " + std::to_string(step.capture);
                break;
            case sqlgen::StepKind::kConstant:
                kind = "constant";
                break;
        }
        out += "-- step " + std::to_string(i + 1) + ": " + kind;
        if (!step.key.empty()) out += ", key " + step.key + (step.list_item ? " (list item)" : "");
        out += "\n";
        for (std::size_t n = 0; n < step.params.size(); ++n) {
            const auto& p = step.params[n];
            out += "--   $" + std::to_string(n + 1) + " = ";
            if (p.session) {
                out += "session variables";
            } else if (p.capture) {
                out += "capture " + std::to_string(p.slot);
            } else {
                out += "slot " + std::to_string(p.slot) + " as " +
                       std::string(exec::type_name(p.scalar)) + (p.array ? "[]" : "");
            }
            out += "\n";
        }
        out += layout_sql(step.text) + "\n";
    }
    if (!schema.empty()) {
        for (std::size_t at = out.find(schema); at != std::string::npos;
             at = out.find(schema, at)) {
            out.replace(at, schema.size(), "<schema>");
            at += 8;
        }
    }
    return out;
}

// A snapshot file: free comment lines, then blocks that each start with "-- case: <name>".
struct SnapshotFile {
    std::string header;
    std::vector<std::pair<std::string, std::string>> blocks;  // case name, body

    const std::string* find(std::string_view name) const {
        for (const auto& [n, body] : blocks) {
            if (n == name) return &body;
        }
        return nullptr;
    }
};

inline constexpr std::string_view kCaseMarker = "-- case: ";

// Blank lines at the end of a block are not part of it.
inline SnapshotFile parse_snapshot(std::string_view text) {
    SnapshotFile out;
    std::string* body = &out.header;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        if (line.starts_with(kCaseMarker)) {
            out.blocks.emplace_back(std::string(line.substr(kCaseMarker.size())), std::string());
            body = &out.blocks.back().second;
            continue;
        }
        *body += line;
        *body += '\n';
    }
    auto trim = [](std::string& s) {
        while (s.size() >= 2 && s.ends_with("\n\n")) s.pop_back();
    };
    trim(out.header);
    for (auto& [name, b] : out.blocks) trim(b);
    return out;
}

inline std::string render_snapshot(const SnapshotFile& file) {
    std::string out = file.header;
    for (const auto& [name, body] : file.blocks) {
        if (!out.empty()) out += '\n';
        out += std::string(kCaseMarker) + name + "\n" + body;
    }
    return out;
}

inline std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        out.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

// "  same", "- only in expected", "+ only in actual" lines from a longest common subsequence.
inline std::string line_diff(std::string_view expected, std::string_view actual) {
    const auto a = split_lines(expected);
    const auto b = split_lines(actual);
    std::vector<std::vector<std::size_t>> lcs(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = a.size(); i-- > 0;) {
        for (std::size_t j = b.size(); j-- > 0;) {
            lcs[i][j] =
                a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        }
    }
    std::string out;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && a[i] == b[j]) {
            out += "  " + std::string(a[i++]) + "\n";
            ++j;
        } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
            out += "- " + std::string(a[i++]) + "\n";
        } else {
            out += "+ " + std::string(b[j++]) + "\n";
        }
    }
    return out;
}

inline std::optional<std::string> read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Puts `body` under `name` in the snapshot at `path`, blocks in the order of `case_order`
// (blocks of cases no longer in it are dropped). Each golden case runs in its own process
// and ctest may run several at once, so the read-modify-write holds an exclusive flock on the
// file itself and rewrites it in place. Returns an error message, or empty on success.
inline std::string update_snapshot(const std::string& path, const std::string& header,
                                   const std::vector<std::string>& case_order,
                                   const std::string& name, const std::string& body) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return "cannot open " + path;
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    if (::flock(fd, LOCK_EX) != 0) return "cannot lock " + path;
    std::string text;
    std::array<char, 65536> buf{};
    for (;;) {
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0) return "cannot read " + path;
        if (n == 0) break;
        text.append(buf.data(), static_cast<std::size_t>(n));
    }
    SnapshotFile old = parse_snapshot(text);
    SnapshotFile next;
    next.header = header;
    for (const auto& c : case_order) {
        if (c == name) {
            next.blocks.emplace_back(c, body);
        } else if (const std::string* kept = old.find(c)) {
            next.blocks.emplace_back(c, *kept);
        }
    }
    const std::string out = render_snapshot(next);
    if (::ftruncate(fd, 0) != 0 || ::lseek(fd, 0, SEEK_SET) != 0) return "cannot rewrite " + path;
    std::size_t written = 0;
    while (written < out.size()) {
        const ssize_t n = ::write(fd, out.data() + written, out.size() - written);
        if (n <= 0) return "cannot write " + path;
        written += static_cast<std::size_t>(n);
    }
    return {};
}

}  // namespace ward::engine::server::testing
