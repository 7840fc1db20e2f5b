#pragma once
// Expected failures travel as values: a code that decides the exit status and an untranslated
// message id (an English gettext msgid with {} placeholders) plus its arguments. The layer that
// talks to a person renders it in their language. Exceptions are for broken invariants only.
#include <expected>
#include <string>
#include <vector>

namespace sanaq {

enum class ErrorCode {
    Unexpected,         // a bug or an environment failure we did not plan for
    Usage,              // the command line was wrong
    WrongPassword,      // authentication failed
    UnknownUser,        // authentication failed (reported like a wrong password to the user)
    InvalidInput,       // a value failed validation (IIN, BIN, KATO, file row, ...)
    NotFound,           // the named object does not exist
    AlreadyExists,      // a unique thing would be created twice
    RefusedByState,     // the object's state forbids it (kit already issued, under repair, ...)
    PermissionDenied,   // the acting user's role forbids it
    WorkspaceLocked,    // another instance holds the workspace for writing
    WorkspaceDamaged,   // the database file is corrupt or not ours
    NotAWorkspace,      // the folder is not a Sanaq workspace (or does not exist)
    Io,                 // reading or writing a file failed
    DeviceUnavailable,  // a tablet went away, timed out or stalled beyond recovery
    DeviceBusy,         // another program (a desktop auto-mounter) holds the tablet
    Cancelled,          // the user stopped long work; nothing partial was kept
};

/// Documented exit codes of the CLI (README): 0 ok, 1 unexpected, 2 usage, 3 authentication,
/// 4 invalid input, 5 refused by state or permission, 6 tablet unavailable or busy, 7 cancelled.
int exit_code(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::Unexpected;
    std::string message_id;          // untranslated msgid, e.g. "Kit {} is already issued."
    std::vector<std::string> args;   // values for the {} placeholders, in order
    std::string detail;              // technical detail (library message), never translated
    // A counted message ("{} package remains" / "{} packages remain"): message_id is the singular
    // msgid, plural_id the msgid_plural, and count picks the form in the reader's language —
    // Russian needs three forms, so "package(s)" cannot be translated.
    std::string plural_id;
    long count = 0;

    bool counted() const { return !plural_id.empty(); }

    static Error make(ErrorCode code, std::string message_id, std::vector<std::string> args = {},
                      std::string detail = {}) {
        return Error{code, std::move(message_id), std::move(args), std::move(detail), {}, 0};
    }
    /// A counted Error: the form for `count` is chosen where the message is rendered.
    static Error make_n(ErrorCode code, std::string singular_id, std::string plural_id, long count,
                        std::vector<std::string> args = {}, std::string detail = {}) {
        return Error{code, std::move(singular_id), std::move(args), std::move(detail),
                     std::move(plural_id), count};
    }
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message_id,
                                   std::vector<std::string> args = {}, std::string detail = {}) {
    return std::unexpected(Error::make(code, std::move(message_id), std::move(args), std::move(detail)));
}

/// A counted failure, e.g. fail_n(code, N_n("{} package is left.", "{} packages are left."), n,
/// {std::to_string(n)}); the count usually is one of the args too.
inline std::unexpected<Error> fail_n(ErrorCode code, std::string singular_id, std::string plural_id,
                                     long count, std::vector<std::string> args = {},
                                     std::string detail = {}) {
    return std::unexpected(Error::make_n(code, std::move(singular_id), std::move(plural_id), count,
                                         std::move(args), std::move(detail)));
}

/// An argument that is itself a label (an English msgid such as component_label() returns):
/// renderers translate it into the reader's language instead of printing a code. Marked by a
/// leading U+001F, which never occurs in user data (it is a control character).
inline constexpr char kLabelArgMarker = '\x1F';
inline std::string label_arg(const char* msgid) { return std::string(1, kLabelArgMarker) + msgid; }

/// Stable machine name of a code, used in --json output.
const char* error_code_name(ErrorCode code);

}  // namespace sanaq

// Marks a string for extraction by xgettext without translating it here; the catalog lookup
// happens where the text is shown.
#define N_(text) text
// Marks a singular/plural msgid pair the same way; it expands to the two arguments, for
// fail_n, Error::make_n and helpers that take (singular, plural, count).
#define N_n(singular, plural) singular, plural

// Returns from the enclosing function (or lambda) with the error of a Result or Status when it
// holds one; otherwise does nothing. The argument is evaluated once, so it may be a call:
//     SANAQ_TRY(tx.kits().insert(kit));     // a Status, its value not wanted
//     auto kit = find_kit(session, number);
//     SANAQ_TRY(kit);                       // a Result kept for its value: *kit afterwards
// Variadic so that commas inside braces or template arguments need no extra parentheses.
#define SANAQ_TRY(...)                                                              \
    do {                                                                            \
        if (auto&& sanaq_try_result = (__VA_ARGS__); !sanaq_try_result)             \
            return std::unexpected(std::move(sanaq_try_result).error());           \
    } while (false)
