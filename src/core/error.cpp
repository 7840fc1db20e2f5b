#include "core/error.h"

namespace sanaq {

int exit_code(ErrorCode code) {
    switch (code) {
        case ErrorCode::Usage: return 2;
        case ErrorCode::WrongPassword:
        case ErrorCode::UnknownUser: return 3;
        case ErrorCode::InvalidInput:
        case ErrorCode::NotAWorkspace:
        case ErrorCode::WorkspaceDamaged:
        case ErrorCode::Io:
        case ErrorCode::NotFound: return 4;
        case ErrorCode::AlreadyExists:
        case ErrorCode::RefusedByState:
        case ErrorCode::PermissionDenied:
        case ErrorCode::WorkspaceLocked: return 5;
        case ErrorCode::DeviceUnavailable:
        case ErrorCode::DeviceBusy: return 6;
        case ErrorCode::Cancelled: return 7;
        case ErrorCode::Unexpected: return 1;
    }
    return 1;
}

const char* error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::Unexpected: return "unexpected";
        case ErrorCode::Usage: return "usage";
        case ErrorCode::WrongPassword: return "wrong_password";
        case ErrorCode::UnknownUser: return "unknown_user";
        case ErrorCode::InvalidInput: return "invalid_input";
        case ErrorCode::NotFound: return "not_found";
        case ErrorCode::AlreadyExists: return "already_exists";
        case ErrorCode::RefusedByState: return "refused_by_state";
        case ErrorCode::PermissionDenied: return "permission_denied";
        case ErrorCode::WorkspaceLocked: return "workspace_locked";
        case ErrorCode::WorkspaceDamaged: return "workspace_damaged";
        case ErrorCode::NotAWorkspace: return "not_a_workspace";
        case ErrorCode::Io: return "io";
        case ErrorCode::DeviceUnavailable: return "device_unavailable";
        case ErrorCode::DeviceBusy: return "device_busy";
        case ErrorCode::Cancelled: return "cancelled";
    }
    return "unexpected";
}

}  // namespace sanaq
