#pragma once
// What every Sanaq Station program does first: a crash must not leave the census answers, the
// workspace keys or a password in a core file, and another process of the same account must not
// read this one's memory (ptrace, /proc/<pid>/mem). db/README.md, "Threat model".
#include "core/error.h"

namespace sanaq::io {

/// RLIMIT_CORE set to 0 (soft and hard, so a child cannot raise it back) and, on Linux,
/// PR_SET_DUMPABLE 0. Call at the start of main(), before any secret is read.
Status forbid_core_dumps();

}  // namespace sanaq::io
