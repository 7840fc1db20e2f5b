#pragma once
// Text that came from outside (a tablet's file names, device model and serial, a manifest's kit
// number, file names given on the command line or found in a folder) made safe to show on a
// terminal, in a window or in a log line. A name carrying ESC [ 2 J, a carriage return or a
// right-to-left override could otherwise clear the screen, overwrite the line before it or show
// "gpj.exe" as "exe.jpg". Nothing is dropped: each unsafe code point is replaced by a visible
// escape, so two different names never print the same.
#include <string>
#include <string_view>

namespace sanaq {

/// One line: C0 controls (TAB, LF and CR included), DEL and bytes that are not UTF-8 become
/// `\xNN`; C1 controls (U+0080–U+009F), the bidi marks, embeddings, overrides and isolates
/// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the line/paragraph separators
/// (U+2028, U+2029) become `\uXXXX`. Everything else (Cyrillic, Kazakh letters, …) is kept.
std::string printable_name(std::string_view text);

/// The same for a multi-line message: LF is kept, everything else as printable_name().
std::string printable_text(std::string_view text);

/// JSON text (as nlohmann::json::dump() writes it) with DEL, the C1 controls and the bidi and
/// line-separator code points above written as `\u007F`-style escapes: the same data for a JSON
/// parser, nothing invisible or reordering on a terminal. (Dump already escapes C0 controls.)
std::string printable_json(std::string_view json_text);

/// Whether printable_name() would change the text.
bool needs_escaping(std::string_view text);

}  // namespace sanaq
