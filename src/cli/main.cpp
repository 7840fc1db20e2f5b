// sanaq — the headless twin of Sanaq Station: the same use cases as the GUI, no wx.
// Composition root: wires the core to the SQLCipher workspace, the act printer and the
// table library; reads the global options; maps errors to the documented exit codes.
#include <algorithm>
#include <clocale>
#include <cstdlib>
#include <exception>
#include <iostream>

#include "cli/commands.h"
#include "cli/context.h"
#include "core/domain/printable.h"
#include "core/io/process_hardening.h"
#include "cli/output.h"
#include "command_line/terminal.h"

namespace sanaq::cli {
namespace {

const std::set<std::string> kFlags = {"json", "help", "outstanding", "dry-run", "valid-only", "version", "all", "include-resolved", "people", "no-form", "accept-discrepancy"};

void print_help() {
    std::cout << tr("Sanaq Station command line: census kits, acts and the encrypted workspace.") << "\n\n"
              << tr("Usage: sanaq [--workspace DIR] [--user NAME] [--password-file FILE] [--lang kk|ru|en] [--json] COMMAND ...")
              << "\n\n"
              << tr("Commands:") << '\n';
    for (const auto& c : command_table())
        std::cout << "  sanaq " << c.synopsis << "\n      " << tr(c.summary) << '\n';
    std::cout << '\n'
              << tr("The password comes from SANAQ_PASSWORD, --password-file, or a prompt; new passwords from SANAQ_NEW_PASSWORD or a prompt.")
              << '\n'
              << tr("Exit codes: 0 success, 1 unexpected failure, 2 usage, 3 authentication, 4 invalid input, 5 refused by state or permission, 6 tablet unavailable or busy, 7 cancelled.")
              << '\n';
}

/// `--help --json`: the command table as data (what a script, or the CLI's own tests, may run).
nlohmann::ordered_json help_document() {
    nlohmann::ordered_json commands = nlohmann::ordered_json::array();
    for (const auto& c : command_table()) {
        std::string words;
        for (const auto& w : c.words) words += (words.empty() ? "" : " ") + w;
        commands.push_back({{"command", words}, {"synopsis", std::string("sanaq ") + c.synopsis},
                            {"summary", tr(c.summary)}, {"needs_workspace", c.needs_session}});
    }
    return {{"version", SANAQ_VERSION}, {"commands", commands}};
}

/// Failures before a command runs (the command line itself): one document on stdout with --json.
int report(const Error& error, bool json) {
    if (json) std::cout << json_text(nlohmann::ordered_json{{"error", to_json(error)}}) << '\n';
    std::cerr << "sanaq: " << printable_text(i18n::render(error, i18n::current())) << '\n';
    return exit_code(error.code);
}

/// A broken invariant (an exception) still ends the run with its one document.
Status run_command(const CommandSpec& command, Context& ctx) {
    try {
        return command.run(ctx);
    } catch (const std::exception& ex) {
        return std::unexpected(Error::make(ErrorCode::Unexpected, N_("Unexpected failure: {}"), {ex.what()}, ex.what()));
    }
}

int run(int argc, char** argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    auto parsed = Args::parse(words, kFlags);
    // Language first, so even a usage error speaks the user's language.
    std::string lang_option;
    for (std::size_t i = 0; i + 1 < words.size(); ++i)
        if (words[i] == "--lang") lang_option = words[i + 1];
    const std::string lang = detect_language(lang_option);
    if (auto catalog = i18n::Catalog::load(i18n::Catalog::default_locale_dir(), lang)) i18n::set_current(std::move(*catalog));
    else std::cerr << "sanaq: " << printable_text(i18n::render(catalog.error(), i18n::current())) << '\n';

    // --json is known even when the rest of the line does not parse: the error is a document too.
    const bool json = std::find(words.begin(), words.end(), "--json") != words.end();
    if (!parsed) return report(parsed.error(), json);
    Globals g;
    g.json = parsed->flag("json");
    g.lang = lang;
    g.workspace = parsed->get("workspace") ? std::filesystem::path(*parsed->get("workspace")) : default_workspace();
    g.user = parsed->get_or("user", std::getenv("SANAQ_USER") ? std::getenv("SANAQ_USER") : "");
    g.password_file = parsed->get("password-file");
    if (parsed->flag("version")) {
        if (g.json) std::cout << json_text(nlohmann::ordered_json{{"version", SANAQ_VERSION}}) << '\n';
        else std::cout << "sanaq " << SANAQ_VERSION << '\n';
        return 0;
    }
    const auto& pos = parsed->positional();
    if (parsed->flag("help")) {
        if (g.json) std::cout << json_text(help_document()) << '\n';
        else print_help();
        return 0;
    }
    if (pos.empty()) {
        if (g.json) return report(Error::make(ErrorCode::Usage, N_("Name a command; `sanaq --help` lists them.")), true);
        print_help();
        return 2;
    }
    // Longest match of the command words, e.g. "kit issue" before "kit".
    const CommandSpec* match = nullptr;
    for (const auto& c : command_table()) {
        if (c.words.size() > pos.size()) continue;
        if (!std::equal(c.words.begin(), c.words.end(), pos.begin())) continue;
        if (!match || c.words.size() > match->words.size()) match = &c;
    }
    if (!match)
        return report(Error::make(ErrorCode::Usage, N_("Unknown command {}; see sanaq --help."), {pos.front()}), g.json);
    // Re-parse: the command sees its own positional words and options minus the globals.
    std::vector<std::string> rest;
    std::size_t skipped = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        if (w == "--workspace" || w == "--user" || w == "--password-file" || w == "--lang") {
            ++i;
            continue;
        }
        if (w.rfind("--workspace=", 0) == 0 || w.rfind("--user=", 0) == 0 || w.rfind("--password-file=", 0) == 0 ||
            w.rfind("--lang=", 0) == 0 || w == "--json")
            continue;
        if (skipped < match->words.size() && w == match->words[skipped]) {
            ++skipped;
            continue;
        }
        rest.push_back(w);
    }
    auto args = Args::parse(rest, kFlags);
    if (!args) return report(args.error(), g.json);
    Context ctx(g, std::move(*args));
    // With --json, stdout gets exactly one document whatever happens: finish() prints it, with the
    // failure as its `error` member when the command failed after giving its document.
    return ctx.finish(run_command(*match, ctx));
}

}  // namespace
}  // namespace sanaq::cli

int main(int argc, char** argv) {
    // Before anything secret is read: no core file, no ptrace by another process of the account.
    if (auto ok = sanaq::io::forbid_core_dumps(); !ok) std::cerr << "sanaq: " << ok.error().detail << '\n';
    std::setlocale(LC_ALL, "");
    try {
        return sanaq::cli::run(argc, argv);
    } catch (const std::exception& ex) {
        std::cerr << "sanaq: unexpected failure: " << ex.what() << '\n';
        return 1;
    }
}
