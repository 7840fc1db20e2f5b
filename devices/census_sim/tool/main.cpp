// sanaq-tablet-sim — the census simulator as a program of its own, for demos, training and the
// tests: what a simulated tablet would hold (`make-packages`) and the institution's list for the
// same people (`make-list`). Linked into no production binary (devices/README.md); it reads the
// command line the way `sanaq` does (command_line/) and keeps the same --json rule.
#include <algorithm>
#include <clocale>
#include <exception>
#include <iostream>

#include "census_sim/tool/commands.h"
#include "command_line/terminal.h"
#include "core/domain/printable.h"
#include "core/i18n/catalog.h"
#include "core/io/process_hardening.h"

namespace sanaq::census_sim {
namespace {

constexpr const char* kProgram = "sanaq-tablet-sim";
const std::set<std::string> kFlags = {"json", "help", "version"};

void print_help() {
    std::cout << tr("Sanaq Station tablet simulator: simulated census packages and institutions' lists for demos, training and tests.")
              << "\n\n"
              << tr("Usage: sanaq-tablet-sim [--lang kk|ru|en] [--json] COMMAND ...") << "\n\n"
              << tr("Commands:") << '\n';
    for (const auto& c : tool_commands())
        std::cout << "  " << kProgram << ' ' << c.synopsis << "\n      " << tr(c.summary) << '\n';
    std::cout << '\n'
              << tr("Exit codes: 0 success, 1 unexpected failure, 2 usage, 3 authentication, 4 invalid input, 5 refused by state or permission, 6 tablet unavailable or busy, 7 cancelled.")
              << '\n';
}

/// `--help --json`: the commands as data, in the shape `sanaq --help --json` gives.
nlohmann::ordered_json help_document() {
    nlohmann::ordered_json commands = nlohmann::ordered_json::array();
    for (const auto& c : tool_commands())
        commands.push_back({{"command", c.name}, {"synopsis", std::string(kProgram) + " " + c.synopsis},
                            {"summary", tr(c.summary)}, {"needs_workspace", false}});
    return {{"version", SANAQ_VERSION}, {"commands", commands}};
}

/// Failures before a command runs (the command line itself): one document on stdout with --json.
int report(const Error& error, bool json) {
    if (json) std::cout << cli::json_text(nlohmann::ordered_json{{"error", cli::to_json(error)}}) << '\n';
    std::cerr << kProgram << ": " << printable_text(i18n::render(error, i18n::current())) << '\n';
    return exit_code(error.code);
}

int run(int argc, char** argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    auto parsed = cli::Args::parse(words, kFlags);
    // Language first, so even a usage error speaks the user's language.
    std::string lang_option;
    for (std::size_t i = 0; i + 1 < words.size(); ++i)
        if (words[i] == "--lang") lang_option = words[i + 1];
    const std::string lang = cli::detect_language(lang_option);
    if (auto catalog = i18n::Catalog::load(i18n::Catalog::default_locale_dir(), lang)) i18n::set_current(std::move(*catalog));
    else std::cerr << kProgram << ": " << printable_text(i18n::render(catalog.error(), i18n::current())) << '\n';

    // --json is known even when the rest of the line does not parse: the error is a document too.
    const bool json = std::find(words.begin(), words.end(), "--json") != words.end();
    if (!parsed) return report(parsed.error(), json);
    if (parsed->flag("version")) {
        if (json) std::cout << cli::json_text(nlohmann::ordered_json{{"version", SANAQ_VERSION}}) << '\n';
        else std::cout << kProgram << ' ' << SANAQ_VERSION << '\n';
        return 0;
    }
    const auto& pos = parsed->positional();
    if (parsed->flag("help")) {
        if (json) std::cout << cli::json_text(help_document()) << '\n';
        else print_help();
        return 0;
    }
    if (pos.empty()) {
        if (json) return report(Error::make(ErrorCode::Usage, N_("Name a command; `sanaq-tablet-sim --help` lists them.")), true);
        print_help();
        return 2;
    }
    const auto& commands = tool_commands();
    const auto match = std::find_if(commands.begin(), commands.end(), [&](const ToolCommand& c) { return pos.front() == c.name; });
    if (match == commands.end())
        return report(Error::make(ErrorCode::Usage, N_("Unknown command {}; see sanaq-tablet-sim --help."), {pos.front()}), json);
    // The command sees its own options minus the global ones (--lang is the language of messages,
    // as in `sanaq`), and no command word.
    std::vector<std::string> rest;
    bool skipped = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        if (w == "--lang") {
            ++i;
            continue;
        }
        if (w.rfind("--lang=", 0) == 0 || w == "--json") continue;
        if (!skipped && w == match->name) {
            skipped = true;
            continue;
        }
        rest.push_back(w);
    }
    auto args = cli::Args::parse(rest, kFlags);
    if (!args) return report(args.error(), json);
    const cli::Reply reply(json);
    Status outcome;
    try {
        outcome = match->run(*args, reply);
    } catch (const std::exception& ex) {
        outcome = std::unexpected(Error::make(ErrorCode::Unexpected, N_("Unexpected failure: {}"), {ex.what()}, ex.what()));
    }
    return reply.finish(outcome, kProgram);
}

}  // namespace
}  // namespace sanaq::census_sim

int main(int argc, char** argv) {
    // The simulated device's private key passes through memory: no core file, as for `sanaq`.
    if (auto ok = sanaq::io::forbid_core_dumps(); !ok) std::cerr << "sanaq-tablet-sim: " << ok.error().detail << '\n';
    std::setlocale(LC_ALL, "");
    try {
        return sanaq::census_sim::run(argc, argv);
    } catch (const std::exception& ex) {
        std::cerr << "sanaq-tablet-sim: unexpected failure: " << ex.what() << '\n';
        return 1;
    }
}
