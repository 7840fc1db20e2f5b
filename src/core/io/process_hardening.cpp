#include "core/io/process_hardening.h"

#include <sys/resource.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <cstring>

namespace sanaq::io {

Status forbid_core_dumps() {
    const rlimit none{0, 0};
    if (::setrlimit(RLIMIT_CORE, &none) != 0)
        return fail(ErrorCode::Unexpected, N_("An unexpected error stopped the work; nothing of it was saved."), {},
                    std::string("setrlimit(RLIMIT_CORE): ") + std::strerror(errno));
#if defined(__linux__)
    // Also keeps a core_pattern pipe (systemd-coredump, apport) from receiving the memory, which
    // RLIMIT_CORE alone does not on every kernel.
    if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        return fail(ErrorCode::Unexpected, N_("An unexpected error stopped the work; nothing of it was saved."), {},
                    std::string("prctl(PR_SET_DUMPABLE): ") + std::strerror(errno));
#endif
    return {};
}

}  // namespace sanaq::io
