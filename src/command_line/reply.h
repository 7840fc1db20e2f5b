#pragma once
// What a command-line program says: human lines, or — with --json — exactly one JSON document on
// stdout whatever happens (README.md, "JSON output"). Shared by `sanaq` and `sanaq-tablet-sim`,
// so both keep the same rule and the same error shape.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace sanaq::cli {

/// JSON for the terminal or a pipe: never throws on bytes that are not UTF-8, and writes
/// invisible or reordering code points as \u escapes (core/domain/printable.h).
std::string json_text(const nlohmann::json& document, int indent = 2);
std::string json_text(const nlohmann::ordered_json& document, int indent = 2);

/// {"code": ..., "message": ... (translated)}
nlohmann::ordered_json to_json(const Error& error);

class Reply {
public:
    explicit Reply(bool json) : json_(json) {}

    bool json() const { return json_; }

    /// Prints a line of human text, translated already by the caller: on stdout, or on stderr with
    /// --json (stdout then carries the JSON document and nothing else).
    void say(const std::string& text) const;
    /// Keeps the command's JSON document; finish() prints it, once. A second document is a bug
    /// (std::logic_error): with --json a run prints exactly one.
    void emit(const nlohmann::json& document) const;
    /// The same for documents built in field order (most are): no copy into a sorted tree.
    void emit(const nlohmann::ordered_json& document) const;
    /// True once the command gave its JSON document (or opened its stream).
    bool emitted() const { return document_.has_value() || streaming_; }
    /// For a command that reports as it goes (device watch): prints `{"<member>": [` now and each
    /// item on its own line as it comes (after the first, the line begins with a comma); finish()
    /// closes the array and the object, so the whole of stdout is still one JSON document.
    void open_stream(const std::string& member) const;
    void stream_item(const nlohmann::ordered_json& item) const;
    /// Ends the run: with --json prints the one document — the command's, with the failure added as
    /// its `error` member when the command failed after giving it, else `{"error": …}` — and the
    /// failure's text on stderr after `program`: . Returns the exit status.
    int finish(const Status& outcome, const std::string& program = "sanaq") const;

private:
    bool json_;
    mutable std::optional<nlohmann::ordered_json> document_;
    mutable bool streaming_ = false;
    mutable bool streamed_items_ = false;
};

}  // namespace sanaq::cli
