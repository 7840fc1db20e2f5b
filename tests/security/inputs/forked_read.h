#pragma once
// Reads a table through the library (tables::parse_table) in a forked child and measures its
// peak memory: for the workbook budgets the CLI tests do not reach (parts, tags, the shared-string
// pool). The bytes are made in the child too, so the parent's memory does not count.
#include <functional>
#include <string>
#include <vector>

namespace sanaq::test::inputs {

struct ForkedRead {
    bool ok = false;                 // parse_table gave a table
    std::string message_id;          // else the error's msgid (the plural one of a counted error)

    std::vector<std::string> args;
    std::string detail;
    long peak_rss_kib = 0;
    double seconds = 0;
    int exit_code = -1;              // of the child (0 when it reported)
};

/// In a child: bytes = make(); parse_table(bytes, name); the result and the child's peak RSS.
ForkedRead read_in_child(const std::function<std::string()>& make, const std::string& name);

}  // namespace sanaq::test::inputs
