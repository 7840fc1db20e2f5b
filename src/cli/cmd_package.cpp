// package check: the conformance check of tablet export packages for the teams that write them
// (src/core/package/README.md, "Tablet export package"). Needs no workspace.
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/output.h"
#include "core/domain/printable.h"
#include "core/package/conformance.h"
#include "core/package/package_reader.h"

namespace sanaq::cli {
namespace {
using nlohmann::ordered_json;
using i18n::format_message;

Result<std::string> read_whole(const std::string& path, std::uint64_t limit) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorCode::Io, N_("The file {} could not be read."), {path});
    std::string bytes;
    char buf[1 << 16];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        bytes.append(buf, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > limit) break;   // over the budget: what it is does not matter any more
    }
    if (in.bad()) return fail(ErrorCode::Io, N_("The file {} could not be read."), {path});
    return bytes;
}

const char* severity_label(package::FindingSeverity severity) {
    switch (severity) {
        case package::FindingSeverity::Refusal: return N_("refusal");
        case package::FindingSeverity::Deviation: return N_("deviation");
        case package::FindingSeverity::Warning: return N_("warning");
        case package::FindingSeverity::Note: return N_("note");
    }
    return "";
}

}  // namespace

Status cmd_package_check(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"department-key", "device-key"}));
    const auto& files = a.positional();
    if (files.empty()) return fail(ErrorCode::Usage, N_("Name one or more package files to check."));

    package::CheckKeys keys;
    if (auto f = a.get("department-key")) {
        auto text = read_whole(*f, 1 << 20);
        SANAQ_TRY(text);
        // The private key checks everything; the public key (or the department public file) the recipient.
        if (text->find("PRIVATE KEY") != std::string::npos) keys.department_private_pem = *text;
        else keys.department_public_pem = *text;
    }
    if (auto f = a.get("device-key")) {
        auto text = read_whole(*f, 1 << 20);
        SANAQ_TRY(text);
        keys.device_public_pem = *text;
    }

    ordered_json documents = ordered_json::array();
    std::size_t deviating = 0;
    std::optional<Error> unreadable;   // the first file that could not be read; the others are checked
    for (const auto& file : files) {
        auto bytes = read_whole(file, package::kMaxPackageSize);
        if (!bytes) {
            if (!unreadable) unreadable = bytes.error();
            ++deviating;
            if (ctx.json())
                documents.push_back({{"file", file}, {"conforms", false}, {"refused_as", nullptr},
                                     {"package_uuid", nullptr}, {"payload_read", false}, {"households", 0},
                                     {"persons", 0}, {"findings", ordered_json::array()},
                                     {"error", to_json(bytes.error())}});
            else
                std::cerr << printable_name(file) << ": " << printable_text(i18n::render(bytes.error(), i18n::current())) << '\n';
            continue;
        }
        auto check = package::check_package(*bytes, keys);
        const bool conforms = check.conforms();
        if (!conforms) ++deviating;
        const auto refusal = check.refusal();
        if (ctx.json()) {
            ordered_json findings = ordered_json::array();
            for (const auto& f : check.findings) {
                ordered_json j{{"severity", package::finding_severity_code(f.severity)},
                               {"check", f.check},
                               {"section", f.section},
                               {"reason", f.reason ? ordered_json(quarantine_reason_code(*f.reason)) : ordered_json(nullptr)},
                               {"subject", f.subject},
                               {"message", i18n::render(f.message, i18n::current())},
                               {"detail", f.detail}};
                if (f.line) j["line"] = f.line;
                if (f.count) j["count"] = f.count;
                findings.push_back(std::move(j));
            }
            ordered_json doc{{"file", file},
                             {"conforms", conforms},
                             {"refused_as", refusal ? ordered_json(quarantine_reason_code(*refusal)) : ordered_json(nullptr)},
                             {"package_uuid", check.manifest ? ordered_json(check.manifest->package_uuid) : ordered_json(nullptr)},
                             {"payload_read", check.payload_read},
                             {"households", check.households},
                             {"persons", check.persons},
                             {"findings", std::move(findings)}};
            documents.push_back(std::move(doc));
            continue;
        }
        const std::string name = printable_name(file);
        if (refusal)
            ctx.say(format_message(tr("{}: deviates from the spec; the workstation would refuse it as {}."),
                                   {name, quarantine_reason_code(*refusal)}));
        else if (!conforms)
            ctx.say(format_message(tr("{}: deviates from the spec; the workstation would accept it."), {name}));
        else if (check.payload_read)
            ctx.say(format_message(tr("{}: conforms to the spec (households: {}, persons: {})."),
                                   {name, std::to_string(check.households), std::to_string(check.persons)}));
        else
            ctx.say(format_message(tr("{}: conforms to the spec as far as the keys given allow a check."), {name}));
        for (const auto& f : check.findings) {
            std::string line = "  " + tr(severity_label(f.severity)) + ", \"" + f.section + "\" (" + f.check + "): " +
                               i18n::render(f.message, i18n::current());
            if (!f.detail.empty()) line += " [" + f.detail + "]";
            ctx.say(printable_text(line));
        }
    }
    if (ctx.json())
        ctx.emit(ordered_json{{"conforms", deviating == 0}, {"files", std::move(documents)}});
    if (unreadable) return std::unexpected(*unreadable);
    if (deviating)
        return fail(ErrorCode::InvalidInput, N_("Files that deviate from the spec: {} of {}."),
                    {std::to_string(deviating), std::to_string(files.size())});
    return {};
}

}  // namespace sanaq::cli
