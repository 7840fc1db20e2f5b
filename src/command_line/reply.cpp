#include "command_line/reply.h"

#include <iostream>
#include <stdexcept>

#include "core/domain/printable.h"
#include "core/i18n/catalog.h"

namespace sanaq::cli {

std::string json_text(const nlohmann::json& document, int indent) {
    // Bytes that are not UTF-8 (a file name from a folder) become U+FFFD rather than an exception;
    // invisible and reordering code points are written as \u escapes (the same data for a parser).
    return printable_json(
        document.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string json_text(const nlohmann::ordered_json& document, int indent) {
    return printable_json(
        document.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

nlohmann::ordered_json to_json(const Error& e) {
    return {{"code", error_code_name(e.code)}, {"message", i18n::render(e, i18n::current())}};
}

// Everything said to the terminal is shown, never obeyed: a file name or a tablet's string with
// ESC [ 2 J or a right-to-left override in it prints as visible escapes (core/domain/printable.h).
void Reply::say(const std::string& text) const {
    (json() ? std::cerr : std::cout) << printable_text(text) << '\n';
}

void Reply::emit(const nlohmann::json& document) const { emit(nlohmann::ordered_json(document)); }

void Reply::emit(const nlohmann::ordered_json& document) const {
    if (emitted()) throw std::logic_error("a command gave a second JSON document");
    document_ = document;
}

void Reply::open_stream(const std::string& member) const {
    if (emitted()) throw std::logic_error("a command gave a second JSON document");
    streaming_ = true;
    std::cout << '{' << json_text(nlohmann::ordered_json(member), -1) << ": [" << std::endl;
}

void Reply::stream_item(const nlohmann::ordered_json& item) const {
    if (!streaming_) throw std::logic_error("stream_item before open_stream");
    std::cout << (streamed_items_ ? "," : "") << json_text(item, -1) << std::endl;
    streamed_items_ = true;
}

int Reply::finish(const Status& outcome, const std::string& program) const {
    std::optional<nlohmann::ordered_json> error;
    if (!outcome) {
        error = to_json(outcome.error());
        std::cerr << program << ": "
                  << printable_text(i18n::render(outcome.error(), i18n::current())) << '\n';
    }
    if (streaming_) {
        std::cout << ']';
        if (error) std::cout << ", \"error\": " << json_text(*error, -1);
        std::cout << '}' << std::endl;
    } else if (json()) {
        nlohmann::ordered_json doc;
        if (!document_) {
            // A command that succeeds gives a document; one that fails before it did gives this.
            doc = error ? nlohmann::ordered_json{{"error", *error}}
                        : nlohmann::ordered_json::object();
        } else if (!error || document_->contains("error")) {
            doc = std::move(*document_);
        } else if (document_->is_object()) {
            doc = std::move(*document_);
            doc["error"] = *error;
        } else {
            doc = nlohmann::ordered_json{{"result", std::move(*document_)}, {"error", *error}};
        }
        std::cout << json_text(doc) << '\n';
    }
    std::cout.flush();
    return outcome ? 0 : exit_code(outcome.error().code);
}

}  // namespace sanaq::cli
