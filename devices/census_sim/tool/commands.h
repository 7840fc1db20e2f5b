#pragma once
// The commands of `sanaq-tablet-sim` (main.cpp reads the command line and dispatches).
#include <string>
#include <vector>

#include "command_line/args.h"
#include "command_line/reply.h"

namespace sanaq::census_sim {

/// Lays out a simulated tablet's shared storage with signed, encrypted packages (make_packages()).
Status make_packages_command(const cli::Args& args, const cli::Reply& reply);
/// Writes an institution's list for the people a simulated kit enumerates (make_list()).
Status make_list_command(const cli::Args& args, const cli::Reply& reply);

struct ToolCommand {
    const char* name;       // "make-packages"
    Status (*run)(const cli::Args&, const cli::Reply&);
    const char* synopsis;   // shown in --help (not translated: it is syntax)
    const char* summary;    // msgid
};

const std::vector<ToolCommand>& tool_commands();

}  // namespace sanaq::census_sim
